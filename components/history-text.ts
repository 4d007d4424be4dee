// How the history names an export's destination, size and duration, in the user's language.
import type { ExportJob } from '@/utils/db';
import type { FileState } from '@/utils/export/job-state';
import { formatSize } from '@/utils/format';
import { type MessageKey, t } from '@/utils/i18n';

export function destinationText(job: ExportJob): string {
  if (job.destination === 's3') return t('historyDestinationS3', job.s3?.destinationName ?? '');
  return t(job.destination === 'zip' ? 'historyDestinationZip' : 'historyDestinationFolder');
}

/** Saved of planned: an export that failed half-way shows how far it came. */
export function sizeText(job: ExportJob): string {
  if (job.bytesDone === job.bytesTotal) return formatSize(job.bytesDone);
  return t('historySizeOf', formatSize(job.bytesDone), formatSize(job.bytesTotal));
}

/** "1 hr, 5 min" as the browser's own units say it in the user's language. */
export function durationText(ms: number, locale?: string): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const parts: Array<[number, string]> = [
    [Math.floor(seconds / 3600), 'hour'],
    [Math.floor((seconds % 3600) / 60), 'minute'],
    [seconds % 60, 'second'],
  ];
  const shown = parts.filter(([value]) => value > 0).slice(0, 2);
  if (shown.length === 0) shown.push([0, 'second']);
  return shown
    .map(([value, unit]) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value))
    .join(' ');
}

export function startedText(job: ExportJob, locale?: string): string {
  return new Date(job.createdAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

const FILE_STATE_KEYS: Record<FileState, MessageKey> = {
  queued: 'historyFileStateQueued',
  running: 'historyFileStateRunning',
  written: 'historyFileStateWritten',
  done: 'historyFileStateDone',
  failed: 'historyFileStateFailed',
  skipped: 'historyFileStateSkipped',
};

export const FILE_STATES = Object.keys(FILE_STATE_KEYS) as FileState[];

export function fileStateText(state: FileState): string {
  return t(FILE_STATE_KEYS[state]);
}
