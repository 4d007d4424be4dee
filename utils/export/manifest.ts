// The manifest CSV in every volume (and in the export folder): what is in it, and what failed and why.
import { spreadsheetCsv } from '../csv';
import type { ExportFile } from '../db';
import { describeError } from '../i18n';

export const MANIFEST_NAME = 'Reclaim manifest.csv';

const COLUMNS = ['Recording', 'Recording ID', 'File', 'Kind', 'Size (bytes)', 'Status', 'Problem', 'Tries'] as const;

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
    statusOf(file),
    (file.state === 'failed' || file.state === 'skipped') && file.error ? describeError(file.error) : '',
    String(file.retries + 1),
  ]);
  return spreadsheetCsv(COLUMNS, rows);
}
