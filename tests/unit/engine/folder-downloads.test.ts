// Folder mode's download handling, on a fake IndexedDB and a fake download manager: what the browser saved is
// checked before the file counts as done.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '@/utils/db';
import { settleDownloadsOfEarlierSession } from '@/utils/export/download-ids';
import { continueFolder, fileDownloadEnded, folderSink, reconcileFolder } from '@/utils/export/folder-export';
import { recover } from '@/utils/export/runner';
import { IDLE_TIMEOUT_MS } from '@/utils/export/source';
import { downloadToShow } from '@/utils/history';
import { fakeDownloads } from './fake-downloads';
import { jobRow, videoRow } from './rows';

/** Zoom as the engine meets it: media for the file, and the session question answered alive or ended. */
function zoom(session: 'alive' | 'ended') {
  return async (input: string | URL | Request) => {
    const url = String(input);
    if (url.endsWith('/csrf_js')) return new Response('ZOOM-CSRFTOKEN:abc');
    if (url.includes('/nws/common/2.0/nak')) {
      return new Response(session === 'alive' ? 'eyJh.eyJz.c2ln' : '{"status":false,"errorCode":201}');
    }
    // The probe meets media (no Content-Length, as a chunked answer has none).
    return new Response(new Uint8Array(64), { headers: { 'Content-Type': 'video/mp4' } });
  };
}

async function runningFolderJob(): Promise<{ jobId: number; fileId: number }> {
  const jobId = await db.jobs.add(jobRow({ destination: 'folder', planned: true, fileCount: 1 }));
  const fileId = await db.files.add(videoRow(jobId, 1));
  return { jobId, fileId };
}

/** A folder export of one file whose download the browser has started, Zoom's session as given. */
async function startedFile(session: 'alive' | 'ended') {
  vi.stubGlobal('fetch', zoom(session));
  const { jobId, fileId } = await runningFolderJob();
  await continueFolder(jobId);
  const started = (await db.files.get(fileId))?.downloadId as number;
  return { jobId, fileId, started };
}

let downloads: ReturnType<typeof fakeDownloads>;

beforeEach(async () => {
  await db.delete();
  await db.open();
  downloads = fakeDownloads();
});
afterEach(() => vi.unstubAllGlobals());

describe('folder mode checks what the browser saved, not only what Reclaim asked first', () => {
  it('never marks done a page the browser saved where the recording should be; an ended session pauses', async () => {
    const { jobId, fileId, started } = await startedFile('ended');
    expect(started).toBeDefined();
    // The browser's own request met the sign-in page: status 200, no Content-Length, a few kilobytes of HTML.
    downloads.complete(started, { mime: 'text/html', bytes: 4_812 });
    await fileDownloadEnded((await db.files.get(fileId)) as never, true);
    const file = await db.files.get(fileId);
    expect(file?.state).not.toBe('done');
    expect(downloads.items.get(started)?.removed).toBe(true);
    const job = await db.jobs.get(jobId);
    expect(job?.state).toBe('paused');
    expect(job?.error).toMatchObject({ code: 'session-expired', site: 'zoom' });
    expect(job?.filesDone).toBe(0);
  });

  it('fails the one file (not done) when the session is alive and the browser still saved a page', async () => {
    const { fileId, started } = await startedFile('alive');
    downloads.complete(started, { mime: 'application/json', bytes: 120 });
    await fileDownloadEnded((await db.files.get(fileId)) as never, true);
    const file = await db.files.get(fileId);
    expect(file?.state).toBe('failed');
    expect(file?.error).toMatchObject({ code: 'not-media' });
    expect(downloads.items.get(started)?.removed).toBe(true);
  });

  it('marks done media of the size announced', async () => {
    const { fileId, started } = await startedFile('alive');
    downloads.complete(started, { mime: 'video/mp4', bytes: 64 });
    await fileDownloadEnded((await db.files.get(fileId)) as never, true);
    expect((await db.files.get(fileId))?.state).toBe('done');
  });
});

describe("the browser's download list", () => {
  it('keeps one saved file of an export for Show in folder and lets the others go (their files stay)', async () => {
    vi.stubGlobal('fetch', zoom('alive'));
    const jobId = await db.jobs.add(jobRow({ destination: 'folder', planned: true, fileCount: 2 }));
    await db.files.bulkAdd([videoRow(jobId, 1), videoRow(jobId, 2)]);
    await continueFolder(jobId);
    const started = await db.files.where('[jobId+state]').equals([jobId, 'running']).toArray();
    expect(started).toHaveLength(2);
    for (const file of started) {
      downloads.complete(file.downloadId as number, { mime: 'video/mp4', bytes: 64 });
      await fileDownloadEnded(file, true);
    }
    const [first, second] = started.map((file) => file.downloadId as number);
    expect(await db.files.where('[jobId+state]').equals([jobId, 'done']).count()).toBe(2);
    // Thousands of entries would crowd the user's download list and slow the browser with every new download.
    expect(downloads.items.has(second as number)).toBe(false);
    expect(downloads.items.get(first as number)?.removed).toBe(false);
    // Show in folder opens an entry the browser still has (the manifest's, once it is saved).
    const shown = await downloadToShow((await db.jobs.get(jobId)) as never);
    expect(downloads.items.has(shown as number)).toBe(true);
  });
});

describe("one owner for a download's end", () => {
  it("continues an interrupt once when its download event and the minute's check both see it", async () => {
    const { jobId, fileId, started } = await startedFile('alive');
    downloads.interrupt(started, 'NETWORK_FAILED', true);
    const job = await db.jobs.get(jobId);
    const event = { downloadId: started, complete: false, reason: 'NETWORK_FAILED' };
    await Promise.all([folderSink.downloadEnded(job as never, event), reconcileFolder(jobId)]);
    expect(downloads.items.get(started)?.resumes).toBe(1);
    expect((await db.files.get(fileId))?.retries).toBe(1);
    // Continued where it stopped, not started a second time.
    expect(downloads.items.size).toBe(1);
  });
});

describe('an export of many files', () => {
  it('reads only the files on their way, not every file of the export, when one download ends', async () => {
    vi.stubGlobal('fetch', zoom('alive'));
    const jobId = await db.jobs.add(jobRow({ destination: 'folder', planned: true, fileCount: 3_000 }));
    await db.files.bulkAdd(Array.from({ length: 3_000 }, (_, n) => videoRow(jobId, n, { fileId: `v${n}` })));
    await continueFolder(jobId);
    const [first] = await db.files.where('[jobId+state]').equals([jobId, 'running']).toArray();
    downloads.complete(first?.downloadId as number, { mime: 'video/mp4', bytes: 64 });
    // Counted at the database: the rows a query returns and the steps of its cursors (a filter's rows never reach
    // Dexie's reading hook).
    let rowsRead = 0;
    const count = (file: unknown) => {
      rowsRead += 1;
      return file;
    };
    db.files.hook('reading', count);
    const steps = vi.spyOn(IDBCursor.prototype, 'continue');
    // IndexedDB counts a range by walking every key in it: in Chrome, the queued files of a 10,000-recording export.
    const counts = vi.spyOn(IDBIndex.prototype, 'count');
    await fileDownloadEnded(first as never, true);
    rowsRead += steps.mock.calls.length;
    const ranges = counts.mock.calls.length;
    steps.mockRestore();
    counts.mockRestore();
    db.files.hook('reading').unsubscribe(count);
    expect(ranges).toBe(0);
    expect((await db.files.get(first?.id as number))?.state).toBe('done');
    // A download's end costs the same with 3,000 files as with 30: thirty thousand would otherwise be read twice.
    expect(rowsRead).toBeLessThan(100);
  });
});

describe('a download that stalls', () => {
  it("is taken up again on a new connection (the download manager's resume) when no byte came for the idle time", async () => {
    const { jobId, fileId, started } = await startedFile('alive');
    const item = downloads.items.get(started);
    if (!item) throw new Error('no download');
    item.bytesReceived = 1_000;
    // The minute's check sees it, remembers how far it was; a later check finds no byte more, long after.
    await reconcileFolder(jobId);
    expect(item.resumes).toBe(0);
    const seen = (await db.files.get(fileId))?.progressSeen;
    expect(seen?.bytes).toBe(1_000);
    await db.files.update(fileId, { progressSeen: { bytes: 1_000, at: Date.now() - IDLE_TIMEOUT_MS - 1 } });
    await reconcileFolder(jobId);
    expect(item.paused).toBe(false);
    expect(item.resumes).toBe(1);
    expect((await db.files.get(fileId))?.state).toBe('running');
  });
});

describe('the browser quit while files were downloading', () => {
  it('saves those files again in the next session: a download the quit cut off is no cancel by the user', async () => {
    const { jobId, fileId, started } = await startedFile('alive');
    // Chrome, started again, reports the download the quit cut off as cancelled by the user, with nothing kept.
    downloads.interrupt(started, 'USER_CANCELED', false);
    await fakeBrowser.storage.session.clear();
    // The Referer rule Zoom's media host needs is set again at the start: the fake browser has no such API.
    vi.spyOn(fakeBrowser.declarativeNetRequest, 'updateSessionRules').mockResolvedValue(undefined);
    await recover();
    const file = await db.files.get(fileId);
    expect(file?.state).toBe('running');
    expect(file?.downloadId).toBeDefined();
    expect(file?.downloadId).not.toBe(started);
    // The cut-off download is gone from the browser's list; the new one is on its way.
    expect(downloads.items.has(started)).toBe(false);
    expect(downloads.items.get(file?.downloadId as number)?.state).toBe('in_progress');
    expect((await db.jobs.get(jobId))?.filesFailed).toBe(0);
  });
});

describe('settling what the quit left, asked twice at once', () => {
  it('lets the second asker (a download event at start-up) go on only once the files are settled', async () => {
    const { fileId, started } = await startedFile('alive');
    downloads.interrupt(started, 'USER_CANCELED', false);
    await fakeBrowser.storage.session.clear();
    const [, seenBySecond] = await Promise.all([
      settleDownloadsOfEarlierSession(),
      settleDownloadsOfEarlierSession().then(() => db.files.get(fileId)),
    ]);
    expect(seenBySecond?.state).toBe('queued');
  });
});

describe('a download Firefox reports paused', () => {
  it('is not taken for the user cancelling it (Reclaim paused it to take a stalled one up again)', async () => {
    const { fileId, started } = await startedFile('alive');
    const item = downloads.interrupt(started, 'USER_CANCELED', true);
    item.paused = true;
    await fileDownloadEnded((await db.files.get(fileId)) as never, false, 'USER_CANCELED');
    expect((await db.files.get(fileId))?.state).toBe('running');
  });
});
