// The metadata log written with every copy, in the shape Blackboard's own copy writes it: the report's columns
// (the platform's own row for each recording), then where each file now is and what went wrong with it.
// One row per recording; a recording without chat or captions has an empty link and an empty status.
import { columnNames, spreadsheetCsv } from '../csv';
import type { ExportFile, ExportJob } from '../db';
import { describeError } from '../i18n';
import type { FileKind, Recording } from '../model';
import type { SiteAdapter } from '../sites/site';
import { crcText } from './manifest';

// Each link is followed by the CRC-32 of the file(s) it names, in the same order (Reclaim's own column).
export const LINK_COLUMNS = [
  'RecordingLink',
  'RecordingCRC32',
  'RecordingFailureStatus',
  'ChatLink',
  'ChatCRC32',
  'ChatFailureStatus',
  'SubtitleLink',
  'SubtitleCRC32',
  'SubtitleFailureStatus',
] as const;

export interface LogRow {
  /** The platform's own columns for this recording, in their order. */
  columns: Record<string, string>;
  files: ExportFile[];
}

/** `<yyyy-mm-dd>_<copy id>_<Platform>_recording_extract.csv`, dated (UTC) by when the copy started. */
export function metadataLogName(startedAt: number, copyId: string, platform: string): string {
  const day = new Date(startedAt).toISOString().slice(0, 10);
  return `${day}_${copyId}_${platform}_recording_extract.csv`;
}

type Part = 'Recording' | 'Chat' | 'Subtitle';

function partOf(kind: FileKind): Part {
  if (kind === 'chat') return 'Chat';
  if (kind === 'captions') return 'Subtitle';
  return 'Recording';
}

// The file a Recording link points at: the video if there is one, else the audio, else whatever there is.
const RECORDING_ORDER: FileKind[] = ['video', 'audio'];

/** The file a Recording link points at among one clip's saved files. */
function mainFile(saved: ExportFile[]): ExportFile | undefined {
  return RECORDING_ORDER.map((kind) => saved.find((file) => file.kind === kind)).find(Boolean) ?? saved[0];
}

/** A meeting stopped and started again has several clips: the link names each clip's main file, in clip order. */
function linkAndStatus(files: ExportFile[], linkOf: (file: ExportFile) => string): [string, string, string] {
  if (files.length === 0) return ['', '', ''];
  const saved = files.filter((file) => file.state === 'done');
  const clips = [...new Set(saved.map((file) => file.clip ?? 0))].sort((a, b) => a - b);
  const links = clips.map((clip) => mainFile(saved.filter((file) => (file.clip ?? 0) === clip)));
  const problems = files
    .filter((file) => file.state !== 'done')
    .map((file) => `${file.path}: ${file.error ? describeError(file.error) : describeError({ code: 'cancelled' })}`);
  const linked = links.filter((file) => file !== undefined);
  return [linked.map(linkOf).join('; '), linked.map(crcText).join('; '), problems.join('; ')];
}

export function metadataLogCsv(rows: LogRow[], linkOf: (file: ExportFile) => string): string {
  // The columns in the order the platform wrote them; the link columns replace same-named ones in place
  // (a report's RecordingLink becomes where the copy is) or come last.
  const named = columnNames(
    rows.map((row) => row.columns),
    [],
    LINK_COLUMNS,
  ).filter((name) => !name.endsWith('CRC32'));
  // A CRC column right after its link, also where a report's own link column stood in its place.
  const fields = named.flatMap((name) =>
    name.endsWith('Link') && LINK_COLUMNS.includes(name as never) ? [name, name.replace(/Link$/, 'CRC32')] : [name],
  );
  const data = rows.map((row) => {
    const cells: Record<string, string> = { ...row.columns };
    for (const part of ['Recording', 'Chat', 'Subtitle'] as const) {
      const [link, crc, status] = linkAndStatus(
        row.files.filter((file) => partOf(file.kind) === part),
        linkOf,
      );
      cells[`${part}Link`] = link;
      cells[`${part}CRC32`] = crc;
      cells[`${part}FailureStatus`] = status;
    }
    return fields.map((name) => cells[name] ?? '');
  });
  return spreadsheetCsv(fields, data);
}

/** Each recording's row with its files, the files grouped once (not one pass over every file per recording). */
export function logRows(
  recordings: Recording[],
  files: ExportFile[],
  columnsOf: (recording: Recording) => Record<string, string>,
): Array<{ columns: Record<string, string>; files: ExportFile[] }> {
  const byRecording = new Map<string, ExportFile[]>();
  for (const file of files) {
    const list = byRecording.get(file.recordingId);
    if (list) list.push(file);
    else byRecording.set(file.recordingId, [file]);
  }
  return recordings.map((recording) => ({ columns: columnsOf(recording), files: byRecording.get(recording.id) ?? [] }));
}

/**
 * The log of a ZIP or folder export, for platforms whose own copy writes one: files are linked by their path in
 * the export, where the log itself lies. The export's number stands in for the copy id an S3 copy has.
 */
export function exportMetadataLog(
  job: ExportJob,
  recordings: Recording[],
  files: ExportFile[],
  adapter: SiteAdapter,
): { name: string; csv: string } {
  const rows = logRows(recordings, files, (recording) => adapter.reportColumns(recording));
  const copyId = job.s3?.copyId ?? String(job.id);
  return {
    name: metadataLogName(job.createdAt, copyId, adapter.logName),
    csv: metadataLogCsv(rows, (file) => file.path),
  };
}
