// "Export list as CSV": the chosen recordings with the platform's own list columns (one row per recording),
// and the list of their files (one row per file, with the name it gets in an export). UTF-8 with a byte order
// mark so Excel reads the titles right; a cell starting with = + - @ stays text (utils/csv.ts).
import { columnNames, spreadsheetCsv as csv } from '../csv';
import type { Recording, RecordingFile } from '../model';

/** One row per recording, the platform's columns in the platform's order. */
export function recordingListCsv(
  recordings: Recording[],
  columnsOf: (recording: Recording) => Record<string, string>,
): string {
  const rows = recordings.map(columnsOf);
  const fields = columnNames(rows);
  return csv(
    fields,
    rows.map((row) => fields.map((name) => row[name] ?? '')),
  );
}

export interface FileRow {
  recording: Recording;
  file: RecordingFile;
  /** Where the file goes in an export with the same template and choices. */
  path: string;
}

export const FILE_LIST_COLUMNS = [
  'Recording',
  'Recording ID',
  'Kind',
  'View',
  'Clip',
  'Size (bytes)',
  'Name in export',
];

/** One row per file. Sizes are the platform's announced ones (Zoom rounds them to hundredths of a megabyte). */
export function fileListCsv(rows: FileRow[]): string {
  return csv(
    FILE_LIST_COLUMNS,
    rows.map(({ recording, file, path }) => [
      recording.title,
      recording.id,
      file.kind,
      file.view ?? '',
      file.clip ? String(file.clip) : '',
      file.sizeBytes === undefined ? '' : String(file.sizeBytes),
      path,
    ]),
  );
}
