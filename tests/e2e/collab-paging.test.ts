// Select-all over every recording the scheduler's filters match, through the REST API's pages (`limit` at most
// 1000, then `offset`): 2,050 tiny recordings, the count shown before the export, every one in the ZIP.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { patience } from '../patience.ts';
import { openScheduler } from './collab-steps.ts';
import { type Harness, openPopup, startHarness, waitForDownload } from './harness.ts';
import { pythonZipEntries, readZipEntry } from './zip-readers.ts';

// Just over two full pages, so a third one is asked for.
const COUNT = 2_050;
let harness: Harness;
let page: Page;

beforeAll(async () => {
  // Tiny media: this test is about the number of recordings, not their bytes.
  harness = await startHarness({
    dataset: { collabRecordings: COUNT, zoomMeetings: 1, mediaBytes: 2_000 },
    signedIn: false,
  });
  page = await harness.context.newPage();
});
afterAll(async () => {
  await harness?.close();
});

it('selects all 2,050 matching recordings across the API pages, shows the count, and exports every one', async () => {
  await openScheduler(page, harness);
  harness.portal.resetHits('collab.recordings');
  await page.getByTestId('reclaim-select-matching').click();
  await expect.poll(() => page.getByTestId('reclaim-selection-count').textContent()).toMatch(/^2,050 selected/);
  expect(await page.getByTestId('reclaim-status').textContent()).toBe(
    'All 2,050 recordings matching this search are selected.',
  );
  const pages = harness.portal.hits('collab.recordings').map((hit) => new URL(hit.path, 'https://x').searchParams);
  expect(pages.map((query) => [query.get('limit'), query.get('offset')])).toEqual([
    ['1000', '0'],
    ['1000', '1000'],
    ['1000', '2000'],
  ]);

  const downloads = await harness.freshDownloads();
  // The popup stays open all along, as a user watching a big export keeps it: it must not slow the export down.
  const popup = await openPopup(harness);
  await page.getByTestId('reclaim-export-zip').click();
  const refusedCount = harness.portal.dataset.collabRecordings.filter(
    (recording) => !recording.publicLinkAllowed,
  ).length;
  await expect
    .poll(() => page.getByTestId('reclaim-status').textContent(), { timeout: patience(900_000), interval: 1_000 })
    // The export's name is isolated for direction (FSI…PDI); the count is written the English way ("1,234").
    .toMatch(new RegExp(`^Saved \u2068.*\\.zip\u2069, but ${refusedCount.toLocaleString('en-US')} files? failed`));
  const zip = await waitForDownload(downloads, /^Collaborate · .+ · \d{4}-\d{2}-\d{2}(?: \(\d+\))?\.zip$/);
  await expect
    .poll(() => popup.getByTestId('reclaim-job').first().getAttribute('data-state'))
    .toBe('completed-with-failures');
  const { firstBadEntry, entries } = pythonZipEntries(zip);
  expect(firstBadEntry).toBeNull();
  const videos = entries.filter((entry) => entry.name.endsWith('/video.mp4'));
  const refused = harness.portal.dataset.collabRecordings.filter((recording) => !recording.publicLinkAllowed);
  expect(videos.length).toBe(COUNT - refused.length);
  const logName = entries.find((entry) => entry.name.endsWith('_Collaborate_recording_extract.csv'))?.name ?? '';
  const rows = readZipEntry(zip, logName).trim().split('\r\n');
  expect(rows.length).toBe(COUNT + 1);
}, 900_000);
