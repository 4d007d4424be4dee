// ZIP volumes on a fake IndexedDB: a file is done only when the volume that holds it is saved, so a volume that
// is thrown away (cancelled, failed, broken by a restart) never leaves files the history calls saved.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '@/utils/db';
import { continueZip, volumeDownloadEnded, volumeDownloadStarted, zipSink } from '@/utils/export/zip-export';
import { openVolumeStream } from '@/utils/export/zip-stream';
import { cutAfter } from '../bodies';
import { fakeDownloads } from './fake-downloads';
import { jobRow, videoRow } from './rows';

const BYTES = new Uint8Array(3_000).map((_, i) => i % 251);

async function plannedZipJob(files: number): Promise<number> {
  const jobId = await db.jobs.add(
    jobRow({
      destination: 'zip',
      planned: true,
      fileCount: files,
      bytesTotal: files * BYTES.length,
      volumes: [{ state: 'saving', tries: 1 }],
    }),
  );
  for (let n = 0; n < files; n++) await db.files.add(videoRow(jobId, n));
  return jobId;
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let total = 0;
  const reader = stream.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) total += part.value.byteLength;
  return total;
}

let downloads: ReturnType<typeof fakeDownloads>;

beforeEach(async () => {
  await db.delete();
  await db.open();
  downloads = fakeDownloads();
  vi.stubGlobal(
    'fetch',
    async () =>
      new Response(BYTES, { headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(BYTES.length) } }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('a file in a ZIP is done when its volume is saved', () => {
  it('is not done while its bytes are only in the stream, and is done once the browser saved the volume', async () => {
    const jobId = await plannedZipJob(2);
    const stream = await openVolumeStream(jobId, 0, new AbortController().signal);
    expect(stream).not.toBeNull();
    expect(await drain(stream as ReadableStream<Uint8Array>)).toBeGreaterThan(2 * BYTES.length);
    // Every byte went into the archive, but the browser has not saved it yet (it may still be thrown away).
    const written = await db.files.where('jobId').equals(jobId).toArray();
    expect(written.map((file) => file.state)).not.toContain('done');
    expect((await db.jobs.get(jobId))?.filesDone).toBe(0);

    const downloadId = (await downloads.items.size) + 1;
    await volumeDownloadStarted({ jobId, volume: 0 }, downloadId);
    await volumeDownloadEnded({ jobId, volume: 0 }, downloadId, true);
    const saved = await db.files.where('jobId').equals(jobId).toArray();
    expect(saved.map((file) => file.state)).toEqual(['done', 'done']);
    expect(saved.map((file) => file.bytesDone)).toEqual([BYTES.length, BYTES.length]);
    const job = await db.jobs.get(jobId);
    expect(job?.filesDone).toBe(2);
    expect(job?.state).toBe('completed');
  });

  it('leaves no file done when the volume holding them is thrown away', async () => {
    const jobId = await plannedZipJob(2);
    const stream = await openVolumeStream(jobId, 0, new AbortController().signal);
    await drain(stream as ReadableStream<Uint8Array>);
    const downloadId = 7;
    await volumeDownloadStarted({ jobId, volume: 0 }, downloadId);
    // The export was cancelled just as the volume finished: the browser's file is removed, not kept.
    await db.jobs.update(jobId, { state: 'cancelled' });
    await volumeDownloadEnded({ jobId, volume: 0 }, downloadId, false, 'USER_CANCELED');
    const files = await db.files.where('jobId').equals(jobId).toArray();
    expect(files.map((file) => file.state)).not.toContain('done');
    expect((await db.jobs.get(jobId))?.filesDone).toBe(0);
  });
});

describe('a file that breaks for good in the middle of its body', () => {
  it('fails that file, not the export: the volume is written again without it', async () => {
    const jobId = await plannedZipJob(3);
    // The second file changes on the platform while it is read: its resume finds another version.
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      const second = String(input).endsWith('play-1');
      const range = new Headers(init?.headers).get('Range');
      // The first answer from byte 0 (a whole file, or its first part), later ones from where it broke.
      if (second && (!range || range.startsWith('bytes=0-'))) {
        const cut = cutAfter(BYTES.subarray(0, 1_000));
        const headers = { 'Content-Type': 'video/mp4', 'Content-Length': String(BYTES.length), ETag: '"v1"' };
        return new Response(cut, { headers });
      }
      const etag = second ? '"v2"' : '"v1"';
      return new Response(BYTES, {
        headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(BYTES.length), ETag: etag },
      });
    });
    const stream = await openVolumeStream(jobId, 0, new AbortController().signal);
    await expect(drain(stream as ReadableStream<Uint8Array>)).rejects.toBeTruthy();
    const job = await db.jobs.get(jobId);
    expect(job?.state).toBe('running');
    const files = await db.files.where('jobId').equals(jobId).sortBy('id');
    expect(files.map((file) => file.state)).toEqual(['written', 'failed', 'queued']);
    expect(files[1]?.error).toMatchObject({ code: 'changed' });
    expect(job?.filesFailed).toBe(1);
  });
});

describe('the session ends while a file is resumed mid-way', () => {
  it('pauses the export with the sign-in message instead of leaving it running', async () => {
    const jobId = await plannedZipJob(2);
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith('/csrf_js')) return new Response('ZOOM-CSRFTOKEN:abc');
      if (url.includes('/nws/common/2.0/nak')) return new Response('{"status":false,"errorCode":201}');
      if (new Headers(init?.headers).get('Range')) {
        // The resume meets Zoom's sign-in page, status 200, at the download address.
        return new Response('<html><button>Sign in</button></html>', { headers: { 'Content-Type': 'text/html' } });
      }
      const cut = cutAfter(BYTES.subarray(0, 1_000));
      return new Response(cut, {
        headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(BYTES.length), ETag: '"v1"' },
      });
    });
    const stream = await openVolumeStream(jobId, 0, new AbortController().signal);
    await expect(drain(stream as ReadableStream<Uint8Array>)).rejects.toBeTruthy();
    const job = await db.jobs.get(jobId);
    expect(job?.state).toBe('paused');
    expect(job?.error).toMatchObject({ code: 'session-expired', site: 'zoom' });
    const files = await db.files.where('jobId').equals(jobId).toArray();
    expect(files.map((file) => file.state)).not.toContain('failed');
  });
});

describe('the browser quits just as a volume is saved', () => {
  it('keeps the complete volume on the next start instead of deleting it and fetching everything again', async () => {
    const jobId = await plannedZipJob(2);
    const stream = await openVolumeStream(jobId, 0, new AbortController().signal);
    await drain(stream as ReadableStream<Uint8Array>);
    // The download was started and then completed while no worker listened (the browser was quitting).
    const downloadId = await fakeBrowser.downloads.download({ url: 'blob:volume' });
    await volumeDownloadStarted({ jobId, volume: 0 }, downloadId);
    downloads.complete(downloadId, { mime: 'application/zip', bytes: 7_000 });
    // The next worker carries the export on from the database (this test's worker never started the volume).
    await continueZip(jobId);
    expect(downloads.items.get(downloadId)?.removed).toBe(false);
    const files = await db.files.where('jobId').equals(jobId).toArray();
    expect(files.map((file) => file.state)).toEqual(['done', 'done']);
    expect((await db.jobs.get(jobId))?.volumes[0]?.state).toBe('saved');
    expect((await db.jobs.get(jobId))?.state).toBe('completed');
  });
});

describe('two changes to the volume list at the same moment', () => {
  it('keeps both: the stream reaching its end and the browser naming its download never undo each other', async () => {
    // Chrome names a small volume's download while its stream is still being written; each of the two writes
    // the volume list. Here the browser names it again at every moment the stream looks at its export.
    const jobId = await plannedZipJob(2);
    const stream = await openVolumeStream(jobId, 0, new AbortController().signal);
    const downloadId = 41;
    const named: Promise<void>[] = [];
    const nameIt = (job: unknown) => {
      named.push(Dexie.ignoreTransaction(() => volumeDownloadStarted({ jobId, volume: 0 }, downloadId)));
      return job;
    };
    db.jobs.hook('reading', nameIt);
    await drain(stream as ReadableStream<Uint8Array>);
    db.jobs.hook('reading').unsubscribe(nameIt);
    await Promise.all(named);
    expect((await db.jobs.get(jobId))?.volumes[0]).toMatchObject({ streamed: true, downloadId });
  });

  it('keeps both when the stream ends between the read of the list and the write that names the download', async () => {
    // The moment the test above could not force (fake IndexedDB ran each read and write back to back): the
    // browser's naming has read the volume list and is about to write it when the stream, on its own, reads the
    // list and marks the volume streamed. Whichever write comes last must not carry the other's old list.
    const jobId = await plannedZipJob(1);
    const update = db.jobs.update.bind(db.jobs);
    let streamEnded: Promise<unknown> | undefined;
    vi.spyOn(db.jobs, 'update').mockImplementation((key, changes) => {
      streamEnded ??= Dexie.ignoreTransaction(async () => {
        const job = await db.jobs.get(jobId);
        const volumes = job?.volumes.map((volume) => ({ ...volume, streamed: true }));
        await update(jobId, { volumes });
      });
      return update(key, changes);
    });
    await volumeDownloadStarted({ jobId, volume: 0 }, 41);
    await streamEnded;
    vi.restoreAllMocks();
    expect((await db.jobs.get(jobId))?.volumes[0]).toMatchObject({ streamed: true, downloadId: 41 });
  });
});

describe('a cancelled ZIP export', () => {
  it('leaves no file running or written: the volume being written is not saved', async () => {
    const jobId = await plannedZipJob(3);
    await db.files.where('jobId').equals(jobId).modify({ state: 'running' });
    await db.files.where('id').equals(1).modify({ state: 'written' });
    await zipSink.stop(jobId, 'cancel', () =>
      db.jobs.update(jobId, { state: 'cancelled' }).then(() => db.jobs.get(jobId)),
    );
    const files = await db.files.where('jobId').equals(jobId).toArray();
    expect(files.map((file) => [file.state, file.error?.code])).toEqual([
      ['failed', 'cancelled'],
      ['failed', 'cancelled'],
      ['failed', 'cancelled'],
    ]);
  });
});
