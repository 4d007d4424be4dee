// Selecting as in a file manager on Zoom's list: a range with Shift, and every recording a search matches over
// all its pages, exported with the chosen kinds of files only (and the Referer Zoom's media host wants).

import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSize } from '../../utils/format.ts';
import { type ZoomFile, type ZoomMeeting, zoomFiles } from '../portal/dataset.ts';
import { COURSE_SEARCH } from '../portal/dataset-zoom.ts';
import { type Harness, openPopup, startHarness, waitForDownload } from './harness.ts';
import { pythonZipEntries, readZipEntry, unzipTest } from './zip-readers.ts';
import {
  datePattern,
  fileSha,
  filesUnder,
  folderOf,
  listedBytes,
  manifestRows,
  openRecordings,
  ROW_BOX,
  ROWS,
  searchFor,
  startExportFromBar,
  tick,
  waitForJobState,
  zipNamePattern,
} from './zoom-steps.ts';

let harness: Harness;
let page: Page;

beforeAll(async () => {
  // The media host refuses requests without a Zoom page as Referer: the extension's rule must give it one.
  harness = await startHarness({ requireZoomReferer: true });
  page = await harness.context.newPage();
});
afterAll(() => harness?.close());

// The kinds of files left in the choices by the second test (the choices are remembered for the tests after it).
const wanted = (file: ZoomFile) =>
  file.iconType !== 'CHAT' && file.iconType !== 'TIMELINE' && file.displayFileName !== 'Gallery view';

const count = () => page.getByTestId('reclaim-selection-count').textContent();

describe('selecting on the Zoom list', () => {
  it('ticks a range with Shift, like a file manager, and clears it', async () => {
    await openRecordings(page);
    const boxes = page.locator(`${ROWS} ${ROW_BOX}:not([disabled])`);
    await boxes.nth(1).click();
    await boxes.nth(5).click({ modifiers: ['Shift'] });
    await expect.poll(count).toMatch(/^5 selected/);
    const ticked = await boxes.evaluateAll((all) => all.map((box) => (box as HTMLInputElement).checked));
    expect(ticked.slice(0, 7)).toEqual([false, true, true, true, true, true, false]);
    await page.getByRole('button', { name: 'Clear selection' }).click();
    // Nothing selected: the bar is a small strip, with no "0 selected".
    await expect.poll(() => page.getByTestId('reclaim-selection-count').count()).toBe(0);
  });

  it('exports exactly the 31 recordings a search matches over three pages, with the chosen kinds only', async () => {
    const downloads = await harness.freshDownloads();
    await openRecordings(page);
    await searchFor(page, COURSE_SEARCH);
    // The page shows 15 of them; the whole search is 31 over three pages.
    expect(await page.locator(ROWS).count()).toBe(15);
    await page.getByTestId('reclaim-select-matching').click();
    const course = harness.portal.dataset.zoomMeetings.filter((m) => m.topic.includes(COURSE_SEARCH));
    expect(course).toHaveLength(31);
    const total = course.reduce((sum, meeting) => sum + listedBytes(meeting), 0);
    await expect.poll(count).toBe(`31 selected · ${formatSize(total, 'en-US')} in total`);
    // Leave out chat, timeline and the gallery view: remembered in the settings for the export. The bar then
    // says how many kinds go, and that the size is only an upper bound.
    const files = page.getByTestId('reclaim-bar').locator('details.files summary');
    await files.click();
    for (const choice of ['chat', 'timeline', 'video-gallery']) {
      await page.getByTestId(`reclaim-file-choice-${choice}`).uncheck();
    }
    await files.click();
    await expect.poll(count).toBe(`31 selected · at most ${formatSize(total, 'en-US')}`);
    expect(await files.textContent()).toMatch(/^Files to include \(8 of 11\)/);

    const popup = await openPopup(harness);
    await startExportFromBar(page, popup, 'zip');
    // Named after what is in it by default, the typographic quotes and middle dots kept in the file's name.
    const zip = await waitForDownload(
      downloads,
      new RegExp(`^Zoom · search ‘${COURSE_SEARCH}’ · 31 recordings · ${datePattern()}(?: \\(\\d+\\))?\\.zip$`),
    );
    await waitForJobState(popup, 'completed');
    await popup.close();

    expect(unzipTest(zip).ok).toBe(true);
    const { firstBadEntry, entries } = pythonZipEntries(zip);
    expect(firstBadEntry).toBeNull();
    const manifest = manifestRows(readZipEntry(zip, 'Reclaim manifest.csv'));
    expect(new Set(manifest.map((row) => row['Recording ID']))).toEqual(new Set(course.map((m) => m.meetingId)));
    expect(manifest.every((row) => row.Status === 'saved')).toBe(true);

    const folders = new Set(entries.filter((e) => e.name.includes('/')).map((e) => e.name.split('/')[0] ?? ''));
    expect(folders.size).toBe(31);
    for (const meeting of course as ZoomMeeting[]) {
      const folder = folderOf(folders, meeting);
      expect(folder, meeting.topic).toBeDefined();
      const inFolder = entries.filter((entry) => entry.name.startsWith(`${folder}/`));
      expect(inFolder.map((e) => e.sha256).sort(), meeting.topic).toEqual(
        zoomFiles(meeting).filter(wanted).map(fileSha).sort(),
      );
    }
    // Every media request carried a Referer the host accepts.
    const media = harness.portal.hits('zoom.media');
    expect(media.length).toBeGreaterThan(0);
    expect(media.filter((hit) => hit.status === 403)).toEqual([]);
  });

  it('lists a recording still processing that a whole search found as skipped, with the reason', async () => {
    const downloads = await harness.freshDownloads();
    await openRecordings(page);
    await searchFor(page, 'Thesis supervision');
    await page.getByTestId('reclaim-select-matching').click();
    await expect.poll(count).toMatch(/^2 selected/);
    await expect
      .poll(() => page.getByTestId('reclaim-selection-processing').textContent())
      .toBe('1 still processing (skipped)');
    // Its row cannot be ticked, and says why.
    const processingBox = page.locator(`${ROWS} ${ROW_BOX}[disabled]`);
    expect(await processingBox.getAttribute('title')).toBe("Still processing: Zoom can't download it yet");

    const popup = await openPopup(harness);
    await startExportFromBar(page, popup, 'zip');
    const zip = await waitForDownload(downloads, zipNamePattern());
    // Skipped is not failed: the export completed, and the bar says what it left out.
    await waitForJobState(popup, /^completed$/);
    await popup.close();
    await expect
      .poll(() => page.getByTestId('reclaim-status').textContent())
      .toMatch(/still processing, so skipped: 1$/);
    const processing = harness.portal.dataset.zoomMeetings.find(
      (m) => m.status === 'processing' && m.topic.startsWith('Thesis supervision'),
    );
    const rows = manifestRows(readZipEntry(zip, 'Reclaim manifest.csv'));
    const skipped = rows.filter((row) => row['Recording ID'] === processing?.meetingId);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({
      Status: 'skipped',
      Problem:
        'The recording is still processing and cannot be downloaded yet: export it again once the platform shows it as ready.',
    });
    expect(rows.filter((row) => row.Status === 'saved').length).toBeGreaterThan(0);
  });

  it('saves to a folder in Chrome too, where the download manager gets no Referer: its files come through Reclaim', async () => {
    const downloads = await harness.profileDownloads();
    const before = new Set(filesUnder(downloads));
    await openRecordings(page);
    const meetings = await tick(page, harness, (ready) =>
      [...ready].sort((a, b) => listedBytes(a) - listedBytes(b)).slice(0, 2),
    );
    const popup = await openPopup(harness);
    await startExportFromBar(page, popup, 'folder');
    await waitForJobState(popup, /^completed$/);
    await popup.close();
    const saved = filesUnder(downloads).filter((path) => !before.has(path) && !path.endsWith('.csv'));
    const sha = (path: string) =>
      createHash('sha256')
        .update(readFileSync(join(downloads, path)))
        .digest('hex');
    expect(saved.map(sha).sort()).toEqual(meetings.flatMap(zoomFiles).filter(wanted).map(fileSha).sort());
    // Each file in its recording's folder, under the export's folder in Reclaim/.
    for (const meeting of meetings) {
      const folders = new Set(saved.map((path) => path.split('/')[2] ?? ''));
      expect(folderOf(folders, meeting), meeting.topic).toBeDefined();
    }
    for (const folder of new Set(saved.map((path) => path.split('/').slice(0, 2).join('/')))) {
      rmSync(join(downloads, folder), { recursive: true, force: true });
    }
  });
});
