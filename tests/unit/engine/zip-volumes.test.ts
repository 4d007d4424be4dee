// ZIP volumes on a fake IndexedDB: a file is done only when the volume that holds it is saved, so a volume that
// is thrown away (cancelled, failed, broken by a restart) never leaves files the history calls saved.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/utils/db';
import { volumeDownloadEnded, volumeDownloadStarted } from '@/utils/export/zip-export';
import { openVolumeStream } from '@/utils/export/zip-stream';
import { fakeDownloads } from './fake-downloads';

const ORIGIN = 'https://us06web.zoom.us';
const BYTES = new Uint8Array(3_000).map((_, i) => i % 251);

async function plannedZipJob(files: number): Promise<number> {
  const now = Date.now();
  const jobId = await db.jobs.add({
    site: 'zoom',
    destination: 'zip',
    origin: ORIGIN,
    name: 'Zoom test',
    state: 'running',
    createdAt: now,
    updatedAt: now,
    planned: true,
    fileCount: files,
    filesDone: 0,
    filesFailed: 0,
    bytesTotal: files * BYTES.length,
    bytesDone: 0,
    volumes: [{ state: 'saving', tries: 1 }],
  });
  for (let i = 0; i < files; i++) {
    await db.files.add({
      jobId,
      recordingId: `m${i}`,
      recordingTitle: `Lecture ${i}`,
      path: `Lecture ${i}/video.mp4`,
      url: `${ORIGIN}/rec/download/play-${i}`,
      kind: 'video',
      volume: 0,
      state: 'queued',
      bytesDone: 0,
      retries: 0,
    });
  }
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
