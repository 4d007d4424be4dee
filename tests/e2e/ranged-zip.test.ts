// A ZIP export that fetches its big recordings in ranges over several connections, in the real browser: the
// archive is byte-exact while the portal cuts one range and refuses another, and a server that ignores Range
// still gives a whole ZIP over one connection per file.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ZoomFile, type ZoomMeeting, zoomFiles } from '../portal/dataset.ts';
import type { Hit } from '../portal/faults.ts';
import { type Harness, openPopup, startHarness } from './harness.ts';
import { pythonZipEntries, unzipTest } from './zip-readers.ts';
import {
  fileSha,
  meetingBytes,
  openRecordings,
  startExportFromBar,
  stopWorker,
  tick,
  waitForJobState,
} from './zoom-steps.ts';

const PART = 8 * 1024 * 1024;
let harness: Harness;
let page: Page;
let popup: Page;
let downloads: string;

beforeAll(async () => {
  // Five meetings whose biggest recordings are 25 and 31 MB: four ranges each, everything else small.
  harness = await startHarness({ dataset: { zoomMeetings: 5, mediaBytes: 30_000_000 } });
  page = await harness.context.newPage();
  popup = await openPopup(harness);
});
afterAll(() => harness?.close());
beforeEach(async () => {
  downloads = await harness.freshDownloads();
  harness.portal.resetHits();
});

const biggestFile = (meeting: ZoomMeeting): ZoomFile =>
  zoomFiles(meeting).reduce((a, b) => (b.sizeBytes > a.sizeBytes ? b : a));

/** The meeting with the n-th biggest recording file (0: the biggest). */
const withBigFile = (n: number) => (ready: ZoomMeeting[]) => [
  [...ready].sort((a, b) => biggestFile(b).sizeBytes - biggestFile(a).sizeBytes)[n] as ZoomMeeting,
];

/** The one ZIP's entries, checked by unzip and Python's zipfile, the manifest apart. */
function zipShas(): string[] {
  const names = readdirSync(downloads).filter((name) => name.endsWith('.zip'));
  expect(names.length).toBe(1);
  const path = join(downloads, names[0] as string);
  expect(unzipTest(path).ok).toBe(true);
  const { firstBadEntry, entries } = pythonZipEntries(path);
  expect(firstBadEntry).toBeNull();
  return entries
    .filter((entry) => entry.name !== 'Reclaim manifest.csv')
    .map((entry) => entry.sha256)
    .sort();
}

const rangeStart = (hit: Hit) => Number(/bytes=(\d+)-/.exec(hit.range ?? '')?.[1] ?? 0);

/** The most answers of `hits` that were being sent at the same moment. */
function mostAtOnce(hits: Hit[]): number {
  const moments = hits.flatMap((hit) => [
    { at: hit.at, step: 1 },
    { at: hit.closedAt ?? Number.POSITIVE_INFINITY, step: -1 },
  ]);
  moments.sort((a, b) => a.at - b.at || a.step - b.step);
  let open = 0;
  let most = 0;
  for (const moment of moments) {
    open += moment.step;
    most = Math.max(most, open);
  }
  return most;
}

describe('a ZIP fetched in ranges', () => {
  it('is byte-exact while one range is cut mid-way and another answered 503, over up to 4 connections', async () => {
    await openRecordings(page);
    const [meeting] = await tick(page, harness, withBigFile(0));
    const file = biggestFile(meeting as ZoomMeeting);
    expect(file.sizeBytes).toBeGreaterThan(3 * PART);
    // The file's first range breaks after 2 MB; the request after that is refused once with 503.
    harness.portal.setFault('zoom.media', {
      resetAfterBytes: 2_000_000,
      times: 1,
      match: file.fileName,
      afterwards: { status: 503, times: 1, match: file.fileName },
    });
    await startExportFromBar(page, popup, 'zip');
    const text = await waitForJobState(popup, 'completed');
    expect(text).not.toMatch(/\d+ failed/);
    expect(zipShas()).toEqual(
      zoomFiles(meeting as ZoomMeeting)
        .map(fileSha)
        .sort(),
    );

    const mine = harness.portal.hits('zoom.media').filter((hit) => hit.path.includes(file.fileName));
    const parts = Math.ceil(file.sizeBytes / PART);
    // Every range of the file was asked for, each a part of its own.
    for (let n = 0; n < parts; n++) {
      const last = Math.min(file.sizeBytes, (n + 1) * PART) - 1;
      expect(mine.map((hit) => hit.range)).toContain(`bytes=${n * PART}-${last}`);
    }
    expect(mine.some((hit) => hit.status === 503)).toBe(true);
    // The cut range went on from where the browser's bytes stopped, not from its start. Which range is cut is
    // whichever reached the portal first (four are asked for at once), and the 503 may meet its continuation, which
    // is then asked again. A reset can also throw away what the browser had received but not yet read (ci16: the
    // continuation asked from the cut's own first byte), so the continuation starts at or after the cut's start.
    const cut = mine.find((hit) => hit.fault?.resetAfterBytes !== undefined) as Hit;
    const cutEnd = `-${cut.range?.split('-')[1]}`;
    const continued = mine.filter(
      (hit) => hit !== cut && hit.range?.endsWith(cutEnd) && rangeStart(hit) >= rangeStart(cut) && hit.status !== 503,
    );
    expect(continued.length).toBe(1);
    expect(rangeStart(continued[0] as Hit)).toBeLessThanOrEqual(rangeStart(cut) + 2_000_000);
    // Several connections at once, never more than the setting's 4 for the whole export.
    const media = harness.portal.hits('zoom.media').filter((hit) => hit.status !== 503);
    expect(mostAtOnce(mine)).toBeGreaterThan(1);
    expect(mostAtOnce(media)).toBeLessThanOrEqual(4);
    // No byte fetched twice beyond the cut range's lost tail: the portal sent the file about once.
    const sent = mine.reduce((sum, hit) => sum + (hit.bodyBytes ?? 0), 0);
    expect(sent).toBeGreaterThanOrEqual(file.sizeBytes);
    expect(sent).toBeLessThanOrEqual(file.sizeBytes + 2_000_000);
  });

  it('is whole from a server that ignores Range, one request per file', async () => {
    await openRecordings(page);
    const [meeting] = await tick(page, harness, withBigFile(1));
    const file = biggestFile(meeting as ZoomMeeting);
    expect(file.sizeBytes).toBeGreaterThan(PART);
    harness.portal.setFault('zoom.media', { ignoreRange: true });
    await startExportFromBar(page, popup, 'zip');
    await waitForJobState(popup, 'completed');
    harness.portal.setFault('zoom.media', null);
    expect(zipShas()).toEqual(
      zoomFiles(meeting as ZoomMeeting)
        .map(fileSha)
        .sort(),
    );
    const mine = harness.portal.hits('zoom.media').filter((hit) => hit.path.includes(file.fileName));
    expect(mine.map((hit) => [hit.status, hit.bodyBytes])).toEqual([[200, file.sizeBytes]]);
  });

  it('carries on after the worker is stopped mid-file without fetching again a byte already in the archive', async () => {
    await openRecordings(page);
    // Two meetings with big recordings, in the archive in the order they were ticked.
    const [first, second] = await tick(page, harness, (ready) => [...withBigFile(1)(ready), ...withBigFile(0)(ready)]);
    const big = biggestFile(second as ZoomMeeting);
    expect(big.sizeBytes).toBeGreaterThan(3 * PART);
    // The big file's first range comes at once, its others slowly: the stop finds its first piece in the archive
    // and the rest on its way.
    harness.portal.setFault('zoom.media', {
      match: big.fileName,
      times: 1,
      afterwards: { bytesPerSecond: 400_000, match: big.fileName },
    });
    await startExportFromBar(page, popup, 'zip');
    await expect.poll(() => harness.portal.hits('zoom.media').length).toBeGreaterThan(0);
    const firstAsked = harness.portal.hits('zoom.media')[0]?.path ?? '';
    expect(zoomFiles(first as ZoomMeeting).some((file) => firstAsked.includes(file.fileName))).toBe(true);
    const earlier = meetingBytes(first as ZoomMeeting);
    // The ZIP on disk holds every file of the first meeting and a piece of the big file: then the worker stops.
    await expect.poll(() => partialZipBytes(), { timeout: 60_000, interval: 100 }).toBeGreaterThan(earlier + 1_000_000);
    await stopWorker(harness, popup);
    harness.portal.liftSlowBodies('zoom.media');
    const text = await waitForJobState(popup, 'completed', 90_000);
    expect(text).not.toMatch(/\d+ failed/);
    expect(zipShas()).toEqual(
      [...zoomFiles(first as ZoomMeeting), ...zoomFiles(second as ZoomMeeting)].map(fileSha).sort(),
    );

    const hitsOf = (fileName: string) =>
      harness.portal.hits('zoom.media').filter((hit) => hit.path.includes(fileName) && hit.status !== 503);
    const sentOf = (fileName: string) => hitsOf(fileName).reduce((sum, hit) => sum + (hit.bodyBytes ?? 0), 0);
    // Every file that was in the archive before the stop was sent by the portal once.
    for (const file of zoomFiles(first as ZoomMeeting))
      expect([file.fileName, sentOf(file.fileName)]).toEqual([file.fileName, file.sizeBytes]);
    // The big file was asked for from its first byte once: after the stop it went on after what was kept, and
    // what the portal sent twice is at most the ranges that were on their way (4 connections of one part each).
    expect(hitsOf(big.fileName).filter((hit) => rangeStart(hit) === 0).length).toBe(1);
    expect(sentOf(big.fileName)).toBeGreaterThanOrEqual(big.sizeBytes);
    expect(sentOf(big.fileName)).toBeLessThanOrEqual(big.sizeBytes + 4 * PART);
  });
});

/** Bytes of the ZIP being saved, as far as the browser has written them to disk. */
function partialZipBytes(): number {
  return readdirSync(downloads)
    .filter((name) => name.endsWith('.crdownload'))
    .reduce((sum, name) => sum + statSync(join(downloads, name)).size, 0);
}
