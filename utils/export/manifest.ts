// The manifest CSV in every volume (and in the export folder): what is in it, and what failed and why.
import Papa from 'papaparse';
import type { ExportFile } from '../db';
import { describeError } from '../i18n';

export const MANIFEST_NAME = 'Reclaim manifest.csv';

const COLUMNS = ['Recording', 'Recording ID', 'File', 'Kind', 'Size (bytes)', 'Status', 'Problem', 'Tries'] as const;

/** Excel runs a cell that starts with = + - @ (or a tab/CR) as a formula: a recording title must stay text. */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A recording still processing was never tried: it is skipped (with the reason), not failed. */
function statusOf(file: ExportFile): string {
  if (file.state === 'done') return 'saved';
  if (file.state !== 'failed') return 'not saved';
  return file.error?.code === 'processing' ? 'skipped' : 'failed';
}

export function manifestCsv(files: ExportFile[]): string {
  const rows = files.map((file) =>
    [
      file.recordingTitle,
      file.recordingId,
      file.path,
      file.kind,
      file.state === 'done' ? String(file.bytesDone) : '',
      statusOf(file),
      file.state === 'failed' && file.error ? describeError(file.error) : '',
      String(file.retries + 1),
    ].map(neutraliseCell),
  );
  // A byte order mark so that Excel reads the UTF-8 titles right.
  return `\uFEFF${Papa.unparse({ fields: [...COLUMNS], data: rows }, { newline: '\r\n' })}\r\n`;
}
