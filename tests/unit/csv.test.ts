// Every CSV Reclaim writes is opened in a spreadsheet: no cell, the header's included, may run as a formula, and
// what Reclaim reads back from its own files is what it wrote before the guard was added.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, spreadsheetCell, spreadsheetCsv } from '@/utils/csv';

const parsed = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describe('spreadsheet CSV', () => {
  it('keeps header cells that start with = + - @ text, as it keeps body cells', () => {
    // Column names come from reports people import: a header is as much theirs as a title.
    const [header, row] = parsed(spreadsheetCsv(['=HYPERLINK("https://x")', '+1', 'Name'], [['@SUM(A1)', '-2', 'ok']]));
    expect(header).toEqual(['\'=HYPERLINK("https://x")', "'+1", 'Name']);
    expect(row).toEqual(["'@SUM(A1)", "'-2", 'ok']);
  });

  it.each([
    '=1+2',
    '+cmd',
    '-x',
    '@SUM(A1)',
    '\tTab',
    "'=already quoted by hand",
    "''=twice",
    "'plain apostrophe",
    'plain',
    '',
  ])('reads back %j exactly as it was before it was written', (value) => {
    expect(spreadsheetCell(neutraliseCell(value))).toBe(value);
  });

  it('leaves a cell alone that it did not guard', () => {
    expect(spreadsheetCell("'plain apostrophe")).toBe("'plain apostrophe");
    expect(spreadsheetCell('=typed in Excel')).toBe('=typed in Excel');
  });
});
