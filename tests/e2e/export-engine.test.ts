// Local exports at archive scale, in the real browser: volumes, broken connections, server errors, a worker the
// browser stops mid-export, cancel, and folder mode. Every saved byte is compared with the portal's.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ZoomMeeting, zoomFiles } from '../portal/dataset.ts';
import { type Harness, openPopup, startHarness } from './harness.ts';
import { pythonZipEntries, readZipEntry, unzipTest } from './zip-readers.ts';
import {
  endSessionThenResume,
  exportNamePattern,
  fileSha,
  filesUnder,
  meetingBytes,
  newestJob,
  openRecordings,
  setOptions,
  startExportFromBar,
  stopWorker,
  tick,
  waitForJobState,
  zipNamePattern,
} from './zoom-steps.ts';

const MB = 1_000_000;
let harness: Harness;
let page: Page;
let popup: Page;
let downloads: string;

beforeAll(async () => {
  // Recordings of some megabytes each, so that 120 MB is a handful of them.
  harness = await startHarness({ dataset: { zoomMeetings: 20, mediaBytes: 12_000_000 } });
  page = await harness.context.newPage();
  popup = await openPopup(harness);
});
afterAll(() => harness?.close());
beforeEach(async () => {
  downloads = await harness.freshDownloads();
  harness.portal.resetHits();
});

const smallest = (n: number) => (ready: ZoomMeeting[]) =>
  [...ready].sort((a, b) => meetingBytes(a) - meetingBytes(b)).slice(0, n);

function expectedShas(meetings: ZoomMeeting[]): string[] {
  return meetings.flatMap((m) => zoomFiles(m).map(fileSha)).sort();
}

function zipNames(): string[] {
  return readdirSync(downloads).filter((name) => name.endsWith('.zip'));
}

/** The entries of the export's ZIPs, checked by both readers, manifests apart. */
function readZips(names: string[]) {
  return names.flatMap((name) => {
    const path = join(downloads, name);
    expect(unzipTest(path).ok, `unzip -t ${name}`).toBe(true);
    const { firstBadEntry, entries } = pythonZipEntries(path);
    expect(firstBadEntry).toBeNull();
    expect(entries.some((entry) => entry.name === 'Reclaim manifest.csv')).toBe(true);
    return entries.filter((entry) => entry.name !== 'Reclaim manifest.csv');
  });
}

async function exportZip(meetingsChoice: (ready: ZoomMeeting[]) => ZoomMeeting[], url?: string) {
  await openRecordings(page, url);
  const meetings = await tick(page, harness, meetingsChoice);
  await startExportFromBar(page, popup, 'zip');
  return meetings;
}

describe('ZIP volumes', () => {
  it('splits 120 MB into 3 complete ZIPs of at most 50 MB whose union is the export', async () => {
    await setOptions(harness, { volumeMB: 50 });
    const meetings = await exportZip((ready) => {
      const chosen: ZoomMeeting[] = [];
      let total = 0;
      for (const meeting of ready) {
        if (total + meetingBytes(meeting) > 125 * MB) continue;
        chosen.push(meeting);
        total += meetingBytes(meeting);
        if (total >= 115 * MB) break;
      }
      return chosen;
    });
    await waitForJobState(popup, 'completed');
    const names = zipNames().sort();
    expect(names.length).toBe(3);
    for (const [index, name] of names.entries()) expect(name).toMatch(zipNamePattern({ k: index + 1, n: 3 }));
    for (const name of names) expect(statSync(join(downloads, name)).size).toBeLessThanOrEqual(50 * MB);
    expect(
      readZips(names)
        .map((entry) => entry.sha256)
        .sort(),
    ).toEqual(expectedShas(meetings));
    await setOptions(harness, { volumeMB: 10_000 });
  });
});

describe('a flaky platform', () => {
  it('continues a file whose connection was reset half-way with a Range request', async () => {
    await openRecordings(page);
    const [meeting] = await tick(page, harness, smallest(1));
    const file = zoomFiles(meeting as ZoomMeeting).sort((a, b) => b.sizeBytes - a.sizeBytes)[0];
    if (!file) throw new Error('no file');
    const half = Math.floor(file.sizeBytes / 2);
    // Trickled, so that some bytes have surely reached Reclaim before the connection breaks.
    harness.portal.setFault('zoom.media', {
      resetAfterBytes: half,
      bytesPerSecond: 2_000_000,
      times: 1,
      match: file.fileName,
    });
    await startExportFromBar(page, popup, 'zip');
    await waitForJobState(popup, 'completed');
    const mine = harness.portal.hits('zoom.media').filter((hit) => hit.path.includes(file.fileName));
    // The first answer (the whole file, or its first range) is cut; the next one goes on from where it broke.
    const start = (range?: string) => Number(/bytes=(\d+)-/.exec(range ?? '')?.[1] ?? 0);
    const goesOn = mine.filter((hit) => start(hit.range) > 0 && start(hit.range) <= half);
    expect(goesOn.length, JSON.stringify({ size: file.sizeBytes, mine })).toBe(1);
    expect(
      readZips(zipNames())
        .map((entry) => entry.sha256)
        .sort(),
    ).toEqual(expectedShas([meeting as ZoomMeeting]));
  });

  it("folder mode continues a download reset half-way with the download manager's own Range request", async () => {
    downloads = await harness.profileDownloads();
    const before = new Set(filesUnder(downloads));
    await openRecordings(page);
    const [meeting] = await tick(page, harness, smallest(1));
    const file = zoomFiles(meeting as ZoomMeeting).sort((a, b) => b.sizeBytes - a.sizeBytes)[0];
    if (!file) throw new Error('no file');
    const half = Math.floor(file.sizeBytes / 2);
    // Twice: Reclaim's own first look at the file meets the first (and lets go early), the browser the second.
    harness.portal.setFault('zoom.media', {
      resetAfterBytes: half,
      bytesPerSecond: 2_000_000,
      times: 2,
      match: file.fileName,
    });
    await startExportFromBar(page, popup, 'folder');
    await waitForJobState(popup, 'completed');
    const mine = harness.portal.hits('zoom.media').filter((hit) => hit.path.includes(file.fileName));
    const ranged = mine.filter((hit) => hit.range);
    expect(ranged.length, JSON.stringify({ size: file.sizeBytes, mine })).toBeGreaterThan(0);
    expect(Number(/bytes=(\d+)-/.exec(ranged[0]?.range ?? '')?.[1])).toBeGreaterThan(0);
    const saved = filesUnder(downloads).filter((path) => !before.has(path) && !path.endsWith('.csv'));
    const shas = saved.map((path) =>
      createHash('sha256')
        .update(readFileSync(join(downloads, path)))
        .digest('hex'),
    );
    expect(shas.sort()).toEqual(expectedShas([meeting as ZoomMeeting]));
    // The profile's folder is shared with the folder tests below, which expect only their own export in it.
    for (const folder of new Set(saved.map((path) => path.split('/').slice(0, 2).join('/')))) {
      rmSync(join(downloads, folder), { recursive: true, force: true });
    }
  });

  it('tries again after 503 twice and then has the file', async () => {
    await openRecordings(page);
    const [meeting] = await tick(page, harness, smallest(1));
    const file = zoomFiles(meeting as ZoomMeeting)[0];
    if (!file) throw new Error('no file');
    harness.portal.setFault('zoom.download', { status: 503, times: 2, match: file.playId });
    await startExportFromBar(page, popup, 'zip');
    const text = await waitForJobState(popup, 'completed');
    // No file failed (the popup says "N failed" beside the counts).
    expect(text).not.toMatch(/\d+ failed/);
    expect(harness.portal.hits('zoom.download').filter((hit) => hit.path.includes(file.playId)).length).toBe(3);
    expect(
      readZips(zipNames())
        .map((entry) => entry.sha256)
        .sort(),
    ).toEqual(expectedShas([meeting as ZoomMeeting]));
  });

  it('fails the one file that answers 404, with its reason in the history and the manifest, and saves the rest', async () => {
    await openRecordings(page);
    const meetings = await tick(page, harness, smallest(2));
    const lost = zoomFiles(meetings[0] as ZoomMeeting)[0];
    if (!lost) throw new Error('no file');
    harness.portal.setFault('zoom.download', { status: 404, match: lost.playId });
    await startExportFromBar(page, popup, 'zip');
    await waitForJobState(popup, 'completed-with-failures');
    harness.portal.setFault('zoom.download', null);
    await expect
      .poll(() => popup.getByTestId('reclaim-job-failures').first().textContent())
      .toContain('The platform no longer has this file (error 404): it may have been deleted.');
    const [name] = zipNames();
    const saved = readZips(zipNames())
      .map((entry) => entry.sha256)
      .sort();
    expect(saved).toEqual(expectedShas(meetings).filter((sha) => sha !== fileSha(lost)));
    const manifest = readZipEntry(join(downloads, name as string), 'Reclaim manifest.csv');
    const failedRows = manifest.split('\r\n').filter((row) => row.includes(',failed,'));
    expect(failedRows.length).toBe(1);
    expect(failedRows[0]).toContain('The platform no longer has this file (error 404): it may have been deleted.');
  });
});

describe('stopping', () => {
  it('cancel during a ZIP export leaves no file that looks like a finished ZIP, and the history says cancelled', async () => {
    harness.portal.setFault('zoom.media', { bytesPerSecond: 150_000 });
    await exportZip(smallest(2));
    await expect.poll(() => readdirSync(downloads).some((name) => name.endsWith('.crdownload'))).toBe(true);
    await popup.reload();
    await popup.getByTestId('reclaim-job-cancel').first().click();
    await waitForJobState(popup, 'cancelled');
    harness.portal.setFault('zoom.media', null);
    await expect.poll(() => readdirSync(downloads)).toEqual([]);
  });

  it('a ZIP export carries on by itself after the browser stops the worker, and no file is saved twice', async () => {
    harness.portal.setFault('zoom.media', { bytesPerSecond: 400_000, times: 2 });
    const meetings = await exportZip(smallest(2));
    await expect.poll(() => readdirSync(downloads).some((name) => name.endsWith('.crdownload'))).toBe(true);
    await stopWorker(harness, popup);
    // Stopped mid-export: what is left may come at full speed.
    harness.portal.liftSlowBodies('zoom.media');
    await waitForJobState(popup, 'completed', 150_000);
    expect(zipNames().length).toBe(1);
    expect(zipNames()[0]).toMatch(zipNamePattern());
    expect(readdirSync(downloads).filter((name) => !name.endsWith('.zip'))).toEqual([]);
    expect(
      readZips(zipNames())
        .map((entry) => entry.sha256)
        .sort(),
    ).toEqual(expectedShas(meetings));
  });

  it('a folder export carries on by itself after the browser stops the worker, every file exactly once', async () => {
    downloads = await harness.profileDownloads();
    harness.portal.setFault('zoom.media', { bytesPerSecond: 300_000, times: 3 });
    await openRecordings(page);
    const meetings = await tick(page, harness, smallest(3));
    await startExportFromBar(page, popup, 'folder');
    // Stopped while the browser's downloads are on their way: their ends wake the worker, which carries on. (Stopped
    // before any had begun, only the minute's alarm would wake it: that would only make this test a minute longer.)
    await expect.poll(() => filesUnder(downloads).some((path) => path.endsWith('.crdownload'))).toBe(true);
    await stopWorker(harness, popup);
    // Stopped mid-export: what is left may come at full speed.
    harness.portal.liftSlowBodies('zoom.media');
    await waitForJobState(popup, 'completed', 150_000);

    const saved = filesUnder(downloads);
    // Everything under the export's one folder, nothing in the downloads root, no "(1)" copies.
    const folders = new Set(saved.map((path) => path.split('/').slice(0, 2).join('/')));
    expect([...folders].length, saved.join('\n')).toBe(1);
    expect([...folders][0]).toMatch(new RegExp(`^Reclaim/${exportNamePattern()}$`));
    const files = saved.filter((path) => !path.endsWith('Reclaim manifest.csv'));
    expect(files.length).toBe(expectedShas(meetings).length);
    const shas = files.map((path) =>
      createHash('sha256')
        .update(readFileSync(join(downloads, path)))
        .digest('hex'),
    );
    expect(shas.sort()).toEqual(expectedShas(meetings));
    // Each recording in its own folder.
    expect(new Set(files.map((path) => path.split('/')[2])).size).toBe(meetings.length);
  });

  it('pause holds a ZIP export without leaving a part file, and resume finishes it', async () => {
    harness.portal.setFault('zoom.media', { bytesPerSecond: 200_000, times: 1 });
    const meetings = await exportZip(smallest(2));
    await expect.poll(() => readdirSync(downloads).some((name) => name.endsWith('.crdownload'))).toBe(true);
    await popup.reload();
    await popup.getByTestId('reclaim-job-pause').first().click();
    await waitForJobState(popup, 'paused');
    await expect.poll(() => readdirSync(downloads)).toEqual([]);
    await popup.getByTestId('reclaim-job-resume').first().click();
    await waitForJobState(popup, 'completed');
    expect(zipNames().length).toBe(1);
    expect(zipNames()[0]).toMatch(zipNamePattern());
    expect(
      readZips(zipNames())
        .map((entry) => entry.sha256)
        .sort(),
    ).toEqual(expectedShas(meetings));
  });

  it('queues a second export until the first is done, then runs it', async () => {
    harness.portal.setFault('zoom.media', { bytesPerSecond: 200_000, times: 2 });
    const first = await exportZip(smallest(1));
    await expect.poll(async () => (await newestJob(popup)).state).toBe('running');
    await openRecordings(page, 'https://us06web.zoom.us/recording?p=2');
    const second = await tick(page, harness, smallest(1));
    await startExportFromBar(page, popup, 'zip');
    await expect.poll(async () => (await newestJob(popup)).state).toBe('queued');
    // Queued behind it: the first export needs to trickle no longer.
    harness.portal.liftSlowBodies('zoom.media');
    await waitForJobState(popup, 'completed');
    const states = await popup
      .getByTestId('reclaim-job')
      .evaluateAll((jobs) => jobs.map((j) => j.getAttribute('data-state')));
    expect(states.slice(0, 2)).toEqual(['completed', 'completed']);
    // Two exports: two ZIPs with names of their own.
    const names = zipNames().sort();
    expect(names.length).toBe(2);
    for (const name of names) expect(name).toMatch(zipNamePattern());
    expect(
      readZips(names)
        .map((entry) => entry.sha256)
        .sort(),
    ).toEqual(expectedShas([...first, ...second]));
  });

  it('pause holds the downloads of a folder export where they are, and resume finishes them', async () => {
    downloads = await harness.profileDownloads();
    const before = new Set(filesUnder(downloads));
    harness.portal.setFault('zoom.media', { bytesPerSecond: 1_000_000 });
    await openRecordings(page, 'https://us06web.zoom.us/recording?p=2');
    const meetings = await tick(page, harness, smallest(2));
    await startExportFromBar(page, popup, 'folder');
    await expect.poll(() => harness.portal.hits('zoom.media').length).toBeGreaterThan(0);
    await popup.reload();
    await popup.getByTestId('reclaim-job-pause').first().click();
    await waitForJobState(popup, 'paused');
    const hits = harness.portal.hits('zoom.media').length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(harness.portal.hits('zoom.media').length).toBe(hits);
    harness.portal.liftSlowBodies('zoom.media');
    await popup.getByTestId('reclaim-job-resume').first().click();
    await waitForJobState(popup, 'completed');
    const added = filesUnder(downloads).filter((path) => !before.has(path) && !path.endsWith('Reclaim manifest.csv'));
    const folders = new Set(added.map((path) => path.split('/').slice(0, 2).join('/')));
    expect([...folders].length).toBe(1);
    expect([...folders][0]).toMatch(new RegExp(`^Reclaim/${exportNamePattern()}$`));
    const shas = added.map((path) =>
      createHash('sha256')
        .update(readFileSync(join(downloads, path)))
        .digest('hex'),
    );
    expect(shas.sort()).toEqual(expectedShas(meetings));
  });

  it('a pause while the manifest is being saved does not strand the export: Resume finishes it', async () => {
    downloads = await harness.profileDownloads();
    // The manifest's hand-over to the download manager is held until the worker is told to pause (this listener
    // runs right after Reclaim's own), so that the pause waits for the hand-over; the manifest's download then
    // ends while the export is paused, when nothing listens for it.
    await harness.worker.evaluate(`(() => {
      const api = chrome.downloads;
      globalThis.__realDownload ??= api.download.bind(api);
      let release = () => undefined;
      globalThis.__pauseHeard ??= (message) => {
        if (message?.type === 'pause') release();
      };
      chrome.runtime.onMessage.addListener(globalThis.__pauseHeard);
      api.download = async (options) => {
        if (!options.filename?.endsWith('Reclaim manifest.csv')) return globalThis.__realDownload(options);
        globalThis.__manifestAsked = true;
        await new Promise((resolve) => { release = resolve; });
        return globalThis.__realDownload(options);
      };
    })()`);
    try {
      await openRecordings(page);
      await tick(page, harness, smallest(1));
      await startExportFromBar(page, popup, 'folder');
      await expect.poll(() => harness.worker.evaluate('globalThis.__manifestAsked === true')).toBe(true);
      await popup.reload();
      await popup.getByTestId('reclaim-job-pause').first().click();
      await waitForJobState(popup, 'paused');
      await popup.getByTestId('reclaim-job-resume').first().click();
      await waitForJobState(popup, 'completed', 30_000);
    } finally {
      await harness.worker.evaluate(`(() => {
        chrome.downloads.download = globalThis.__realDownload;
        chrome.runtime.onMessage.removeListener(globalThis.__pauseHeard);
        globalThis.__manifestAsked = false;
      })()`);
    }
  });

  it('an ended Zoom session pauses a folder export with what to do; after signing in, Resume saves every file once', async () => {
    downloads = await harness.profileDownloads();
    const before = new Set(filesUnder(downloads));
    // The first file trickles in; meanwhile the session ends, so the next file is answered with the sign-in page.
    harness.portal.setFault('zoom.media', { bytesPerSecond: 300_000, times: 1 });
    await openRecordings(page, 'https://us06web.zoom.us/recording?p=2');
    const meetings = await tick(page, harness, smallest(2));
    await startExportFromBar(page, popup, 'folder');
    await endSessionThenResume(harness, popup);
    await waitForJobState(popup, 'completed');
    const added = filesUnder(downloads).filter((path) => !before.has(path) && !path.endsWith('Reclaim manifest.csv'));
    const shas = added.map((path) =>
      createHash('sha256')
        .update(readFileSync(join(downloads, path)))
        .digest('hex'),
    );
    // Every file exactly once (no "(1)" copies), every byte the platform's.
    expect(shas.sort()).toEqual(expectedShas(meetings));
  });
});
