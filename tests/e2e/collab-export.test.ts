// Exports from the demo Collaborate scheduler in the real browser: a recording Collaborate refuses (public link
// off) and one without captions, in folder mode with the metadata log, then the archived marks on the scheduler's
// rows and Select archived; and a token that ends in the middle.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patience } from '../patience.ts';
import type { CollabRecording } from '../portal/dataset.ts';
import {
  COLLAB_ROWS,
  expectedChat,
  folderOf,
  openScheduler,
  portalFileSha,
  sha,
  tickRecordings,
} from './collab-steps.ts';
import { type Harness, openPopup, startHarness, waitForDownload } from './harness.ts';
import { pythonZipEntries, readZipEntry, unzipTest } from './zip-readers.ts';
import { filesUnder, ROW_BOX, startExportFromBar, waitForJobState } from './zoom-steps.ts';

let harness: Harness;
let page: Page;
let popup: Page;
/** What the folder export test saved (two recordings) and what Collaborate refused, for the marks test after it. */
let exported: { archived: CollabRecording[]; refused: CollabRecording } | undefined;

beforeAll(async () => {
  harness = await startHarness({ dataset: { collabRecordings: 20 }, signedIn: false });
  page = await harness.context.newPage();
  popup = await openPopup(harness);
});
afterAll(async () => {
  await harness?.close();
});

const TICKED = `${ROW_BOX}:checked`;

/** The names of the scheduler's rows that match `filter` (a `:has(…)`), sorted. */
function rowNames(filter: string): Promise<string[]> {
  return page
    .locator(`${COLLAB_ROWS}${filter} .item-name`)
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title') ?? '').sort());
}

/** One of the bar's entries behind "More". */
async function chooseInMore(testId: string): Promise<void> {
  await page.getByTestId('reclaim-more').click();
  await page.getByTestId(testId).click();
}

/** The recording's video is in the ZIP, in its own folder, byte for byte the portal's. */
function expectVideoIn(zip: string, recording: CollabRecording): void {
  const { entries } = pythonZipEntries(zip);
  const folder = folderOf(
    entries.map((entry) => entry.name),
    recording,
  );
  expect(entries.find((entry) => entry.name === `${folder}/video.mp4`)?.sha256).toBe(portalFileSha(recording.media));
}

const NOT_SHARED =
  'Collaborate refused this recording (403): its public link is not allowed. Allow the public link for this recording in Collaborate, then export it again.';

function readLog(text: string) {
  return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
}

describe('Collaborate exports', () => {
  it('says in the log which recording Collaborate refused and leaves captions empty where there are none', async () => {
    const dataset = harness.portal.dataset.collabRecordings;
    const refused = dataset.find((recording) => !recording.publicLinkAllowed) as CollabRecording;
    const public_ = dataset.filter((recording) => recording.publicLinkAllowed);
    const noCaptions = public_.find((recording) => !recording.subtitles && recording.chatFile) as CollabRecording;
    const full = public_.find((recording) => recording.subtitles && recording.chatFile) as CollabRecording;
    expect([refused, noCaptions, full].every(Boolean)).toBe(true);

    await openScheduler(page, harness);
    await tickRecordings(page, [refused, noCaptions, full]);
    const downloads = await harness.profileDownloads();
    const before = new Set(filesUnder(downloads));
    await startExportFromBar(page, popup, 'folder');
    const finished = await waitForJobState(popup, /^completed/);
    expect(await popup.getByTestId('reclaim-job').first().getAttribute('data-state')).toBe('completed-with-failures');
    expect(finished).toContain(NOT_SHARED);

    const saved = filesUnder(downloads).filter((path) => !before.has(path));
    const root = (saved[0] ?? '').split('/').slice(0, 2).join('/');
    expect(root).toMatch(/^Reclaim\/Collaborate · .+ · \d{4}-\d{2}-\d{2}/);
    const inExport = saved.map((path) => path.slice(root.length + 1));
    const logName = inExport.find((path) => path.endsWith('_Collaborate_recording_extract.csv')) ?? '';
    await expect.poll(() => filesUnder(join(downloads, root)).includes(logName)).toBe(true);
    expect(logName).toMatch(/^\d{4}-\d{2}-\d{2}_\d+_Collaborate_recording_extract\.csv$/);

    // The two others are whole and byte for byte; the refused one has no folder at all.
    for (const recording of [noCaptions, full]) {
      const folder = folderOf(inExport, recording);
      const bytes = (name: string) => readFileSync(join(downloads, root, folder, name));
      expect(sha(bytes('video.mp4'))).toBe(portalFileSha(recording.media));
      expect(bytes('chat.txt').toString('utf8')).toBe(expectedChat(recording));
      if (recording.subtitles) expect(sha(bytes('captions.vtt'))).toBe(portalFileSha(recording.subtitles.file));
    }
    expect(inExport.some((path) => path.includes(refused.id))).toBe(false);

    const log = readLog(readFileSync(join(downloads, root, logName), 'utf8'));
    expect(log.data.length).toBe(3);
    const rowOf = (recording: CollabRecording) =>
      log.data.find((row) => (row.RecordingName ?? '') === recording.name) as Record<string, string>;
    const refusedRow = rowOf(refused);
    expect(refusedRow.RecordingLink).toBe('');
    expect(refusedRow.RecordingFailureStatus).toContain(NOT_SHARED);
    const plain = rowOf(noCaptions);
    expect(plain.RecordingLink).toBe(`${folderOf(inExport, noCaptions)}/video.mp4`);
    expect(plain.RecordingFailureStatus).toBe('');
    expect(plain.ChatLink).toBe(`${folderOf(inExport, noCaptions)}/chat.txt`);
    expect(plain.SubtitleLink).toBe('');
    expect(plain.SubtitleFailureStatus).toBe('');
    const complete = rowOf(full);
    expect(complete.SubtitleLink).toBe(`${folderOf(inExport, full)}/captions.vtt`);
    expect(complete.SubtitleFailureStatus).toBe('');
    exported = { archived: [noCaptions, full], refused };
  });

  it('marks the archived rows after the export and after a reload; Select archived and Select not yet archived tick the right rows', async () => {
    const { archived, refused } = exported ?? expect.fail('the folder export test runs first');
    const names = (recordings: CollabRecording[]) => recordings.map((recording) => recording.name).sort();
    // Once the export has ended the rows say so, without a reload; the mark's title says where and when.
    await expect.poll(() => rowNames(':has([data-testid="reclaim-archived-mark"])')).toEqual(names(archived));
    const title = await page.getByTestId('reclaim-archived-mark').first().getAttribute('title');
    expect(title).toMatch(/^Archived to the Downloads folder on \S/);
    // Of the selection (the three exported), Select not yet archived keeps the one Collaborate refused.
    await chooseInMore('reclaim-select-not-archived');
    await expect.poll(() => rowNames(`:has(${TICKED})`)).toEqual([refused.name]);

    // After a reload, with nothing ticked: the same marks; each choice is made of the page's rows.
    await openScheduler(page, harness);
    await expect.poll(() => rowNames(':has([data-testid="reclaim-archived-mark"])')).toEqual(names(archived));
    await chooseInMore('reclaim-select-archived');
    await expect.poll(() => rowNames(`:has(${TICKED})`)).toEqual(names(archived));
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await expect.poll(() => page.getByTestId('reclaim-selection-count').count()).toBe(0);
    await chooseInMore('reclaim-select-not-archived');
    const notArchived = (await rowNames(`:has(${ROW_BOX}:not([disabled]))`)).filter(
      (name) => !names(archived).includes(name),
    );
    expect(notArchived.length).toBeGreaterThan(2);
    await expect.poll(() => rowNames(`:has(${TICKED})`)).toEqual(notArchived);
  });

  it('pauses when the token ends mid-export; after the page is reloaded, Resume finishes with every file whole', async () => {
    const message = 'Your Collaborate session has ended. Reload the Collaborate page, then press Resume.';
    const chosen = harness.portal.dataset.collabRecordings
      .filter((recording) => recording.publicLinkAllowed && recording.chatFile)
      .slice(3, 6);
    await openScheduler(page, harness);
    await tickRecordings(page, chosen);
    const downloads = await harness.freshDownloads();
    // Slow media, so that the token can end while the first recording is still on its way.
    harness.portal.setFault('collab.media', { bytesPerSecond: 250_000 });
    harness.portal.resetHits();
    await startExportFromBar(page, popup, 'zip');
    await expect
      .poll(() => harness.portal.hits('collab.media').length, { timeout: patience(30_000) })
      .toBeGreaterThan(0);
    harness.portal.expireSessions();

    await expect
      .poll(() => page.getByTestId('reclaim-status').textContent(), { timeout: patience(60_000) })
      .toBe(message);
    expect(await waitForJobState(popup, 'paused')).toContain(message);
    expect(harness.portal.hits('collab.data').some((hit) => hit.status === 401)).toBe(true);
    harness.portal.setFault('collab.media', null);

    // The manager reloads the scheduler (a new token in its address), then presses Resume.
    await openScheduler(page, harness);
    await popup.reload();
    await popup.getByTestId('reclaim-job').first().getByTestId('reclaim-job-resume').click();
    await waitForJobState(popup, 'completed');
    const zip = await waitForDownload(downloads, /^Collaborate · .+ · \d{4}-\d{2}-\d{2}(?: \(\d+\))?\.zip$/);
    expect(readdirSync(downloads)).toHaveLength(1);
    expect(unzipTest(zip).ok).toBe(true);
    const { entries } = pythonZipEntries(zip);
    const names = entries.map((entry) => entry.name);
    for (const recording of chosen) {
      const folder = folderOf(names, recording);
      expect(entries.find((entry) => entry.name === `${folder}/video.mp4`)?.sha256).toBe(
        portalFileSha(recording.media),
      );
      expect(readZipEntry(zip, `${folder}/chat.txt`)).toBe(expectedChat(recording));
    }
  });

  it("follows the scheduler's own filters when selecting all matching recordings", async () => {
    await openScheduler(page, harness);
    const search = 'recording_1';
    const matching = harness.portal.dataset.collabRecordings.filter((recording) =>
      recording.name.toLowerCase().includes(search),
    );
    expect(matching.length).toBeGreaterThan(1);
    expect(matching.length).toBeLessThan(harness.portal.dataset.collabRecordings.length);
    harness.portal.resetHits('collab.recordings');
    await page.locator('.filter-name').fill(search);
    await page.locator('.filter-name').dispatchEvent('change');
    // The page lists with its search; our listing follows it.
    await expect
      .poll(() => harness.portal.hits('collab.recordings').filter((hit) => hit.path.includes(`name=${search}`)).length)
      .toBeGreaterThanOrEqual(2);
    await page.getByTestId('reclaim-select-matching').click();
    await expect
      .poll(() => page.getByTestId('reclaim-selection-count').textContent())
      .toMatch(new RegExp(`^${matching.length} selected`));
  });

  it("takes the token from the page's own API calls when the address has none, and exports with it", async () => {
    // Every token so far ends; the page then gets a new one by other means than its address.
    harness.portal.expireSessions();
    const token = harness.portal.collabToken();
    const address = 'https://eu-lti.bbcollab.com/collab/ui/scheduler/lti';
    await page.goto(address);
    await page.evaluate((value) => sessionStorage.setItem('collab-token', value), token);
    await page.goto(address);
    await expect
      .poll(() => page.locator(`${COLLAB_ROWS} [data-testid="reclaim-row-checkbox"]`).count())
      .toBeGreaterThan(0);
    const [recording] = harness.portal.dataset.collabRecordings.filter((r) => r.publicLinkAllowed && r.chatFile);
    await tickRecordings(page, [recording as CollabRecording]);
    const downloads = await harness.freshDownloads();
    await startExportFromBar(page, popup, 'zip');
    await waitForJobState(popup, 'completed');
    const zip = await waitForDownload(downloads, /^Collaborate · .+ · \d{4}-\d{2}-\d{2}(?: \(\d+\))?\.zip$/);
    expectVideoIn(zip, recording as CollabRecording);
  });

  it("falls back to the data answer's media link when the download link cannot be had", async () => {
    const [recording] = harness.portal.dataset.collabRecordings.filter((r) => r.publicLinkAllowed).slice(7, 8);
    await openScheduler(page, harness);
    await tickRecordings(page, [recording as CollabRecording]);
    const downloads = await harness.freshDownloads();
    harness.portal.setFault('collab.url', { status: 500 });
    harness.portal.resetHits();
    try {
      await startExportFromBar(page, popup, 'zip');
      await waitForJobState(popup, 'completed');
    } finally {
      harness.portal.setFault('collab.url', null);
    }
    expect(harness.portal.hits('collab.url').length).toBeGreaterThan(0);
    expect(harness.portal.hits('collab.url').every((hit) => hit.status === 500)).toBe(true);
    const zip = await waitForDownload(downloads, /^Collaborate · .+ · \d{4}-\d{2}-\d{2}(?: \(\d+\))?\.zip$/);
    expectVideoIn(zip, recording as CollabRecording);
  });
});
