// CSV files Reclaim writes for people to open in a spreadsheet (manifest, metadata log, lists, the report):
// papaparse's quoting, CRLF line ends, a byte order mark so Excel reads UTF-8 titles right, and no cell that a
// spreadsheet would run as a formula.
import Papa from 'papaparse';

// Excel runs a cell that starts with = + - @ (or a tab/CR) as a formula. A cell that already starts with quotes
// before one of those is guarded too, so that reading a guarded cell back (`spreadsheetCell`) can always take
// exactly one quote off: what went out comes back unchanged, however many times a report makes the trip.
const GUARDED = /^'*[=+\-@\t\r]/;

/** A cell as written: a recording title (or a column name) must stay text in a spreadsheet. */
export function neutraliseCell(value: string): string {
  return GUARDED.test(value) ? `'${value}` : value;
}

/** A cell of a CSV Reclaim may have written, as it was before `neutraliseCell` guarded it. */
export function spreadsheetCell(value: string): string {
  return value.startsWith("'") && GUARDED.test(value.slice(1)) ? value.slice(1) : value;
}

/** Header cells are guarded as well: column names come from the reports people import. */
export function spreadsheetCsv(fields: readonly string[], rows: string[][]): string {
  const data = rows.map((row) => row.map(neutraliseCell));
  return `\uFEFF${Papa.unparse({ fields: fields.map(neutraliseCell), data }, { newline: '\r\n' })}\r\n`;
}

/** Every column of `rows` once, in the order met, after `first` and before `last` (a name keeps its first place). */
export function columnNames(
  rows: Array<Record<string, string>>,
  first: readonly string[] = [],
  last: readonly string[] = [],
): string[] {
  return [...new Set([...first, ...rows.flatMap((row) => Object.keys(row)), ...last])];
}
