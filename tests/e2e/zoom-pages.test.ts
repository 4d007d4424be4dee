// Every Zoom page Reclaim works on: the admin's list with its host column, a vanity host, one meeting's detail
// page ("Export this recording"), and a list whose markup changed so that Reclaim cannot read it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ZoomMeeting, zoomFiles } from '../portal/dataset.ts';
import { type Harness, openPopup, startHarness, waitForDownload } from './harness.ts';
import { pythonZipEntries } from './zip-readers.ts';
import {
  fileSha,
  folderOf,
  openRecordings,
  ROW_BOX,
  ROWS,
  startExportFromBar,
  tick,
  waitForJobState,
  zipNamePattern,
} from './zoom-steps.ts';

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = await harness.context.newPage();
});
afterAll(() => harness?.close());

/** Starts a ZIP export from the bar and returns the ZIP's entries once the export completed. */
async function exportZip() {
  const downloads = await harness.freshDownloads();
  const popup = await openPopup(harness);
  await startExportFromBar(page, popup, 'zip');
  const zip = await waitForDownload(downloads, zipNamePattern());
  await waitForJobState(popup, 'completed');
  await popup.close();
  const { firstBadEntry, entries } = pythonZipEntries(zip);
  expect(firstBadEntry).toBeNull();
  return entries.filter((entry) => entry.name.includes('/'));
}

function expectMeetingsIn(entries: Array<{ name: string; sha256: string }>, meetings: ZoomMeeting[]): void {
  const folders = new Set(entries.map((entry) => entry.name.split('/')[0] ?? ''));
  expect(folders.size).toBe(meetings.length);
  for (const meeting of meetings) {
    const folder = folderOf(folders, meeting);
    expect(folder, meeting.topic).toBeDefined();
    const inFolder = entries.filter((entry) => entry.name.startsWith(`${folder}/`)).map((entry) => entry.sha256);
    expect(inFolder.sort()).toEqual(zoomFiles(meeting).map(fileSha).sort());
  }
}

describe('the pages of Zoom', () => {
  it('decorates the admin page with its host column and exports from it', async () => {
    await openRecordings(page, 'https://us06web.zoom.us/recording/management');
    expect(await page.locator(`${ROWS} td`).nth(1).textContent()).toMatch(/@/);
    const each = await page
      .locator(ROWS)
      .evaluateAll((rows, box) => rows.map((row) => row.querySelectorAll(box).length), ROW_BOX);
    expect(each).toEqual(Array(15).fill(1));
    const chosen = await tick(page, harness, (ready) => ready.slice(2, 4));
    expectMeetingsIn(await exportZip(), chosen);
  });

  it('works the same on a vanity host', async () => {
    await openRecordings(page, 'https://uni-example.zoom.us/recording?p=2');
    const chosen = await tick(page, harness, (ready) => ready.slice(0, 1));
    expectMeetingsIn(await exportZip(), chosen);
  });

  it('exports the one meeting of a detail page, every clip and every view', async () => {
    const meeting = harness.portal.dataset.zoomMeetings.find(
      (m) => m.clips.length === 2 && m.clips[0]?.files.filter((f) => f.iconType === 'MP4').length === 3,
    ) as ZoomMeeting;
    await page.goto(`https://us06web.zoom.us/recording/detail?meeting_id=${encodeURIComponent(meeting.meetingId)}`);
    await expect.poll(() => page.getByTestId('reclaim-bar').textContent()).toContain('Export this recording');
    // The one recording of the page, by its size: no "1 selected" where nothing was selected.
    await expect
      .poll(() => page.getByTestId('reclaim-selection-count').textContent())
      .toMatch(/^[\d.]+ [KMG]?B in total$/);
    expect(await page.getByTestId('reclaim-select-all').count()).toBe(0);
    const entries = await exportZip();
    expectMeetingsIn(entries, [meeting]);
    // Two clips of three views each: six videos, told apart by view and clip.
    const videos = entries.filter((entry) => entry.name.endsWith('.mp4')).map((entry) => entry.name.split('/')[1]);
    expect(videos.sort()).toEqual([
      'video - Active speaker (clip 1).mp4',
      'video - Active speaker (clip 2).mp4',
      'video - Gallery view (clip 1).mp4',
      'video - Gallery view (clip 2).mp4',
      'video - Shared screen (clip 1).mp4',
      'video - Shared screen (clip 2).mp4',
    ]);
  });

  it('follows the app from a list to a detail page and back without doubling anything', async () => {
    await openRecordings(page);
    const link = page.locator(`${ROWS} a[href*="detail?meeting_id="]`).nth(3);
    const href = (await link.getAttribute('href')) ?? '';
    // The app's own navigation (pushState), as its links do.
    await page.evaluate((to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, href);
    await expect.poll(() => page.getByTestId('reclaim-bar').textContent()).toContain('Export this recording');
    expect(await page.getByTestId('reclaim-bar').count()).toBe(1);
    expect(await page.locator(ROW_BOX).count()).toBe(0);
    await page.goBack();
    await expect.poll(() => page.getByTestId('reclaim-select-all').count()).toBe(1);
    await expect
      .poll(() =>
        page.locator(ROWS).evaluateAll((rows, box) => rows.map((row) => row.querySelectorAll(box).length), ROW_BOX),
      )
      .toEqual(Array(15).fill(1));
    expect(await page.getByTestId('reclaim-bar').count()).toBe(1);
  });

  it("says it can't read a list whose markup changed, and decorates none of it", async () => {
    harness.portal.setZoomMarkup('drifted');
    try {
      await page.goto('https://us06web.zoom.us/recording');
      await page.waitForSelector(ROWS);
      await expect
        .poll(() => page.getByTestId('reclaim-status').textContent())
        .toBe(
          "Reclaim can't read this page any more: the platform may have changed it. Reload the page, then try again.",
        );
      expect(await page.locator(ROW_BOX).count()).toBe(0);
      expect(await page.getByTestId('reclaim-export-zip').count()).toBe(0);
    } finally {
      harness.portal.setZoomMarkup('vue');
    }
  });
});
