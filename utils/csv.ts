// CSV files Reclaim writes for people to open in a spreadsheet (manifest, metadata log, lists, the report):
// papaparse's quoting, CRLF line ends, a byte order mark so Excel reads UTF-8 titles right, and no cell that a
// spreadsheet would run as a formula.
import Papa from 'papaparse';

/** Excel runs a cell that starts with = + - @ (or a tab/CR) as a formula: a recording title must stay text. */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function spreadsheetCsv(fields: readonly string[], rows: string[][]): string {
  const data = rows.map((row) => row.map(neutraliseCell));
  return `\uFEFF${Papa.unparse({ fields: [...fields], data }, { newline: '\r\n' })}\r\n`;
}

/** Every column of `rows` once, in the order met, after `first` and before `last` (a name keeps its first place). */
export function columnNames(
  rows: Array<Record<string, string>>,
  first: readonly string[] = [],
  last: readonly string[] = [],
): string[] {
  return [...new Set([...first, ...rows.flatMap((row) => Object.keys(row)), ...last])];
}
