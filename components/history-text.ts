// How the history names an export's destination, size and duration, in the user's language.
import type { ExportJob } from '@/utils/db';
import type { FileState } from '@/utils/export/job-state';
import { formatDateTime, formatDuration, formatSize } from '@/utils/format';
import { isolate, type MessageKey, t, uiLanguage } from '@/utils/i18n';

export function destinationText(job: ExportJob): string {
  if (job.destination === 's3') return t('historyDestinationS3', isolate(job.s3?.destinationName ?? ''));
  return t(job.destination === 'zip' ? 'historyDestinationZip' : 'historyDestinationFolder');
}

/** Saved of planned: an export that failed half-way shows how far it came. */
export function sizeText(job: ExportJob): string {
  if (job.bytesDone === job.bytesTotal) return formatSize(job.bytesDone);
  return t('historySizeOf', formatSize(job.bytesDone), formatSize(job.bytesTotal));
}

/** "1 hr 5 min" in the UI's language: utils/format.ts formatDuration. */
export const durationText = formatDuration;

export function startedText(job: ExportJob, locale = uiLanguage()): string {
  return formatDateTime(job.createdAt, locale);
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
