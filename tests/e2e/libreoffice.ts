// What LibreOffice makes of a CSV Reclaim wrote, as a spreadsheet user would open it: converted to .xlsx headless
// (comma-separated, quoted with ", UTF-8, from the first line), then read back cell by cell (xlsx-cells.py).
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { patience } from '../patience.ts';

export interface Cell {
  value: string;
  /** Stored as text, not as a number or a date. */
  text: boolean;
  /** The formula, when the sheet made one of the cell (which a neutralised CSV cell must never become). */
  formula: string | null;
}

/** The CSV's cells as LibreOffice reads them; `scratch` holds its profile and the converted file. */
export function openInLibreOffice(csv: string, scratch: string): Cell[][] {
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(scratch, 'profile')}`,
      '--headless',
      // Comma-separated (44), quoted with " (34), UTF-8 (76), from the first line.
      '--infilter=CSV:44,34,76,1',
      '--convert-to',
      'xlsx',
      '--outdir',
      scratch,
      csv,
    ],
    { stdio: 'pipe', timeout: patience(120_000) },
  );
  const xlsx = join(scratch, basename(csv).replace(/\.csv$/, '.xlsx'));
  return JSON.parse(execFileSync('python3', ['tests/e2e/xlsx-cells.py', xlsx], { encoding: 'utf8' }));
}
