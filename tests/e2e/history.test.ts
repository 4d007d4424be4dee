// The history page in Chromium, after a Zoom ZIP export in which one file fails (its download answers 404): the
// search finds the export by a recording's name and narrows its files; Save as CSV is read back by papaparse and
// by LibreOffice; Retry failed files exports that one file again (the fault cleared) and nothing else; axe-core
// finds no serious or critical violation in light or dark; Delete from history removes the retry's row.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patience } from '../patience.ts';
import { type ZoomMeeting, zoomFiles } from '../portal/dataset.ts';
import { type Harness, openPopup, startHarness, waitForDownload } from './harness.ts';
import { openInLibreOffice } from './libreoffice.ts';
import { pythonZipEntries } from './zip-readers.ts';
import { fileSha, openRecordings, startExportFromBar, tick, waitForJobState } from './zoom-steps.ts';

let harness: Harness;
let page: Page;
let popup: Page;
let history: Page;
let scratch: string;

beforeAll(async () => {
  harness = await startHarness({ dataset: { zoomMeetings: 8 } });
  page = await harness.context.newPage();
  popup = await openPopup(harness);
  scratch = mkdtempSync(join(tmpdir(), 'reclaim-history-'));
});
afterAll(async () => {
  await harness?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Three recordings whose titles no other recording of the page shares, so a search names one of them. */
const threeNamedOnce = (ready: ZoomMeeting[]) =>
  ready.filter((meeting) => ready.filter((other) => other.topic === meeting.topic).length === 1).slice(0, 3);

async function openedState(): Promise<string> {
  return (await history.getByTestId('history-opened-state').textContent()) ?? '';
}

async function shownFiles(): Promise<Array<{ path: string; state: string }>> {
  return history.getByTestId('history-file').evaluateAll((rows) =>
    rows.map((row) => ({
      path: row.querySelector('.path')?.textContent ?? '',
      state: row.getAttribute('data-state') ?? '',
    })),
  );
}

async function seriousViolations(): Promise<string[]> {
  if (!(await history.evaluate(() => 'axe' in window))) {
    // The page's policy allows only its own scripts: axe comes in through the debugger, not as a <script>.
    await history.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8'));
  }
  return history.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
type AxeViolation = { id: string; impact: string | null; nodes: Array<{ target: string[] }> };

describe('the history page', () => {
  it('finds an export with a failed file, saves its CSV, retries only that file, and passes axe', async () => {
    let downloads = await harness.freshDownloads();
    await openRecordings(page);
    const meetings = await tick(page, harness, threeNamedOnce);
    const failing = meetings[1] as ZoomMeeting;
    const lost = zoomFiles(failing)[0];
    if (!lost) throw new Error('no file');
    harness.portal.setFault('zoom.download', { status: 404, match: lost.playId });
    const jobId = await startExportFromBar(page, popup, 'zip');
    await waitForJobState(popup, 'completed-with-failures');
    harness.portal.setFault('zoom.download', null);
    const firstZips = readdirSync(downloads).filter((name) => name.endsWith('.zip'));

    // The popup links to the history; the history opens at the export the address names.
    expect(await popup.getByTestId('reclaim-all-exports').getAttribute('href')).toBe('/exports.html');
    // "See which in the history" under the failures opens the history at this export, in a tab of its own.
    const opening = harness.context.waitForEvent('page');
    await popup.getByTestId('reclaim-open-history').first().click();
    history = await opening;
    expect(history.url()).toBe(`chrome-extension://${harness.extensionId}/exports.html#job=${jobId}`);
    await expect.poll(openedState).toBe('Done, with failures');
    await expect.poll(() => history.getByTestId('reclaim-job-failures').textContent()).toContain('error 404');
    // A ZIP the browser saved can be shown in its folder (not pressed: headless Chromium has no file manager).
    await expect.poll(() => history.getByTestId('history-show').count()).toBe(1);

    // Search by a recording's name: a name no recording has finds nothing, the failing one's finds the export
    // and narrows its files to that recording's.
    await history.getByTestId('history-search').fill('no such recording anywhere');
    await expect.poll(() => history.getByTestId('history-export').count()).toBe(0);
    await history.getByTestId('history-search').fill(failing.topic);
    await expect
      .poll(() => history.getByTestId('history-export').evaluateAll((rows) => rows.map((r) => r.dataset.jobId)))
      .toEqual([String(jobId)]);
    await expect.poll(async () => (await shownFiles()).length).toBe(zoomFiles(failing).length);
    const failedRow = (await shownFiles()).find((file) => file.state === 'failed');
    expect(failedRow?.path).toBeTruthy();
    await history.getByTestId('history-search').fill('');
    const allFiles = meetings.flatMap(zoomFiles).length;
    await expect.poll(async () => history.getByTestId('history-file-count').textContent()).toContain(`${allFiles}`);

    // Save as CSV: the manifest's columns, one row per file, the failed one with its reason.
    downloads = await harness.freshDownloads();
    await history.getByTestId('history-csv').click();
    const csvPath = await waitForDownload(downloads, /\.csv$/);
    const csv = readFileSync(csvPath, 'utf8');
    const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([
      'Recording',
      'Recording ID',
      'File',
      'Kind',
      'Size (bytes)',
      'CRC-32',
      'Status',
      'Problem',
      'Tries',
    ]);
    expect(parsed.data).toHaveLength(allFiles);
    const failedCsv = parsed.data.filter((row) => row.Status === 'failed');
    expect(failedCsv.map((row) => [row.Recording, row.File])).toEqual([[failing.topic, failedRow?.path]]);
    expect(failedCsv[0]?.Problem).toContain('404');
    const cells = openInLibreOffice(csvPath, scratch);
    expect(cells[0]?.map((cell) => cell.value)).toEqual(parsed.meta.fields);
    expect(cells.slice(1).map((row) => row[2]?.value)).toEqual(parsed.data.map((row) => row.File));

    // axe-core, light and dark, with the export open.
    await history.emulateMedia({ colorScheme: 'light' });
    expect(await seriousViolations()).toEqual([]);
    await history.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations()).toEqual([]);

    // Retry failed files: a new export, opened at once, of that one file only, which now succeeds.
    downloads = await harness.freshDownloads();
    await history.getByTestId('history-retry').click();
    await expect.poll(() => history.url()).not.toMatch(new RegExp(`#job=${jobId}$`));
    const retryId = Number(/#job=(\d+)$/.exec(history.url())?.[1]);
    expect(retryId).toBeGreaterThan(jobId);
    await expect.poll(openedState, { timeout: patience(60_000) }).toBe('Done');
    expect(await shownFiles()).toEqual([{ path: failedRow?.path, state: 'done' }]);
    const zips = readdirSync(downloads).filter((name) => name.endsWith('.zip') && !firstZips.includes(name));
    expect(zips).toHaveLength(1);
    const entries = pythonZipEntries(join(downloads, zips[0] as string)).entries.filter(
      (entry) => !entry.name.endsWith('.csv'),
    );
    expect(entries.map((entry) => [entry.name, entry.sha256])).toEqual([[failedRow?.path, fileSha(lost)]]);
    expect(await seriousViolations()).toEqual([]);

    // Delete from history: the retry's row goes, the first export stays.
    await history.getByTestId('history-delete').click();
    await expect
      .poll(() => history.getByTestId('history-export').evaluateAll((rows) => rows.map((r) => r.dataset.jobId)))
      .toEqual([String(jobId)]);
    await expect.poll(() => history.getByText('This export is no longer in the history.').count()).toBe(1);
  });
});
