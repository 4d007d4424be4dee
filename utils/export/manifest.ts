// The manifest CSV in every volume (and in the export folder): what is in it, and what failed and why.
import { spreadsheetCsv } from '../csv';
import type { ExportFile } from '../db';
import { describeError } from '../i18n';

export const MANIFEST_NAME = 'Reclaim manifest.csv';

const COLUMNS = [
  'Recording',
  'Recording ID',
  'File',
  'Kind',
  'Size (bytes)',
  'CRC-32',
  'Status',
  'Problem',
  'Tries',
] as const;

/**
 * A saved file's CRC-32 of the bytes Reclaim streamed; a file the browser's download manager fetched itself
 * (folder mode) was never seen by Reclaim, and says so.
 */
export function crcText(file: ExportFile): string {
  if (file.state !== 'done') return '';
  return file.crc32 ?? NOT_COMPUTED;
}

export const NOT_COMPUTED = 'not computed';

/** A recording still processing was never tried: it is skipped (with the reason), not failed. */
function statusOf(file: ExportFile): string {
  if (file.state === 'done') return 'saved';
  if (file.state === 'skipped' || (file.state === 'failed' && file.error?.code === 'processing')) return 'skipped';
  return file.state === 'failed' ? 'failed' : 'not saved';
}

export function manifestCsv(files: ExportFile[]): string {
  const rows = files.map((file) => [
    file.recordingTitle,
    file.recordingId,
    file.path,
    file.kind,
    file.state === 'done' ? String(file.bytesDone) : '',
    crcText(file),
    statusOf(file),
    (file.state === 'failed' || file.state === 'skipped') && file.error ? describeError(file.error) : '',
    String(file.retries + 1),
  ]);
  return spreadsheetCsv(COLUMNS, rows);
}
