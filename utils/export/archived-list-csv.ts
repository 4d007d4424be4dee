// "Export archived list as CSV" (Zoom): the platform's own list columns for each recording archived and verified
// in a destination, plus where and when, for the admin who deletes in Zoom's own recording management.
import { columnNames, spreadsheetCsv } from '../csv';
import type { Recording } from '../model';

export const ARCHIVED_COLUMNS = ['Archived To', 'Archived At'] as const;

export interface ArchivedRow {
  recording: Recording;
  /** The destination as the user named it (an S3 destination's name, "ZIP", "Folder"). */
  place: string;
  /** Milliseconds since the epoch. */
  archivedAt: number;
}

/** `2026-12-06 15:40:12`, UTC, as the platforms' reports write times. */
function timeText(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ');
}

export function archivedListCsv(
  rows: ArchivedRow[],
  columnsOf: (recording: Recording) => Record<string, string>,
): string {
  const cells = rows.map((row) => ({
    ...columnsOf(row.recording),
    'Archived To': row.place,
    'Archived At': timeText(row.archivedAt),
  }));
  const fields = columnNames(cells, [], ARCHIVED_COLUMNS);
  return spreadsheetCsv(
    fields,
    cells.map((row) => fields.map((name) => (row as Record<string, string>)[name] ?? '')),
  );
}
