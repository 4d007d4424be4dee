// The spool of a ZIP volume on a disk in memory: a volume written again after a stopped worker reads what it kept
// instead of fetching it again, fetches only the rest (from the first byte not kept, with the version it began
// with), starts a file that changed again from the platform, and goes on unspooled when the disk is full.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/utils/db';
import { httpError } from '@/utils/errors';
import { RangedFetcher } from '@/utils/export/ranged-fetch';
import type { SourceFile, SourceOptions } from '@/utils/export/source';
import { VolumeSpool } from '@/utils/export/spool';
import { openSpooled } from '@/utils/export/spooled-source';
import { openVolumeStream } from '@/utils/export/zip-stream';
import { readAll } from '../bodies';
import { memoryDisk } from './memory-disk';
import { jobRow, videoRow } from './rows';

// Pieces (and ranged parts) of a thousand bytes: the same seams as 8 MiB, in a test that takes no time.
const P = 1_000;

function bytesOf(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < Math.min(length, 251); i++) bytes[i] = (i * 7 + seed) % 251;
  // Doubled by copies: megabytes byte by byte would cost the test seconds.
  for (let filled = 251; filled < length; filled *= 2) bytes.copyWithin(filled, 0, filled);
  return bytes;
}

/** One file served like a CDN: Range and If-Range honoured, its ETag its version; every request is noted. */
function platform(first: Uint8Array) {
  const state = { file: first, etag: '"v1"' };
  const asks: Array<{ range?: string; ifRange?: string }> = [];
  const fetchImpl = (async (_url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const ask = { range: headers.get('Range') ?? undefined, ifRange: headers.get('If-Range') ?? undefined };
    asks.push(ask);
    const { file, etag } = state;
    const match = /^bytes=(\d+)-(\d*)$/.exec(ask.range ?? '');
    const ranged = match && (!ask.ifRange || ask.ifRange === etag);
    const from = ranged ? Number(match[1]) : 0;
    const to = ranged && match[2] ? Math.min(file.length, Number(match[2]) + 1) : file.length;
    const body = file.slice(from, to);
    const answer: Record<string, string> = {
      'Content-Length': String(body.length),
      'Content-Type': 'video/mp4',
      ETag: etag,
    };
    if (ranged) answer['Content-Range'] = `bytes ${from}-${to - 1}/${file.length}`;
    return new Response(body, { status: ranged ? 206 : 200, headers: answer });
  }) as typeof fetch;
  return { state, asks, fetchImpl };
}

const video: SourceFile = { url: 'a', kind: 'video' };

function fetchFrom(fetchImpl: typeof fetch, fetcher = new RangedFetcher(4, P)) {
  const options: SourceOptions = {
    signal: new AbortController().signal,
    check: async (response) => {
      if (!response.ok) throw httpError(response);
    },
    fetch: fetchImpl,
    sleep: async () => undefined,
  };
  return (start: number, version?: { validator?: string; length?: number }) =>
    fetcher.open(
      video,
      { ...options, start, validator: version?.validator, expectedLength: version?.length },
      { fromStartIfChanged: true },
    );
}

const noNote = () => undefined;

/** Bytes by their SHA-256: comparing megabytes element by element would take the test minutes. */
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('a file of a volume written again', () => {
  it('is read back from its spooled pieces in order, without asking the platform again', async () => {
    const file = bytesOf(2 * P + 345, 1);
    const site = platform(file);
    const { disk, files } = memoryDisk();
    const first = await openSpooled(new VolumeSpool(1, 0, disk, noNote, P), 7, fetchFrom(site.fetchImpl));
    expect(sha(await readAll(first.body))).toBe(sha(file));
    expect([...files.keys()].sort()).toEqual(
      ['7.json', `7-0-${P}`, `7-${P}-${P}`, `7-${2 * P}-345-end`].map((name) => `reclaim-spool/1/0/${name}`).sort(),
    );
    const asked = site.asks.length;

    const again = await openSpooled(new VolumeSpool(1, 0, disk, noNote, P), 7, fetchFrom(site.fetchImpl));
    expect(again.length).toBe(file.length);
    expect(sha(await readAll(again.body))).toBe(sha(file));
    expect(site.asks.length).toBe(asked);
  });

  it('takes no piece whose write never closed (the empty file a stopped worker leaves) for kept bytes', async () => {
    const { disk } = memoryDisk();
    // Created (empty) by getFileHandle, never filled: the worker stopped before the writable closed.
    await disk.write(['reclaim-spool', '1', '0', `7-0-${P}-end`], new Uint8Array(0));
    expect(await new VolumeSpool(1, 0, disk, noNote, P).kept(7)).toMatchObject({ bytes: 0, complete: false });
    const file = bytesOf(P, 6);
    const site = platform(file);
    const again = await openSpooled(new VolumeSpool(1, 0, disk, noNote, P), 7, fetchFrom(site.fetchImpl));
    expect(sha(await readAll(again.body))).toBe(sha(file));
    expect(site.asks.length).toBe(1);
  });

  it('fetches only the rest, from the first byte not spooled, with the validator of its first answer', async () => {
    const file = bytesOf(3 * P + 999, 2);
    const site = platform(file);
    const { disk } = memoryDisk();
    const stopped = new RangedFetcher(4, P);
    const first = await openSpooled(new VolumeSpool(1, 0, disk, noNote, P), 7, fetchFrom(site.fetchImpl, stopped));
    // The archive had a piece and a half of it when the worker stopped: two pieces were spooled.
    expect((await readAll(first.body, P + P / 2)).byteLength).toBeGreaterThanOrEqual(P + P / 2);
    stopped.stop();
    site.asks.length = 0;

    const again = await openSpooled(new VolumeSpool(1, 0, disk, noNote, P), 7, fetchFrom(site.fetchImpl));
    expect(sha(await readAll(again.body))).toBe(sha(file));
    expect(site.asks).toEqual([
      { range: `bytes=${2 * P}-${3 * P - 1}`, ifRange: '"v1"' },
      { range: `bytes=${3 * P}-${3 * P + 998}`, ifRange: '"v1"' },
    ]);
  });

  it('starts again from the platform when the file changed there, and drops what was kept of the old one', async () => {
    const old = bytesOf(2 * P + 500, 3);
    const site = platform(old);
    const { disk } = memoryDisk();
    const stopped = new RangedFetcher(4, P);
    const first = await openSpooled(new VolumeSpool(1, 0, disk, noNote, P), 7, fetchFrom(site.fetchImpl, stopped));
    await readAll(first.body, 10);
    stopped.stop();
    // Replaced on the platform meanwhile, same length: only its validator tells.
    const changed = bytesOf(2 * P + 500, 4);
    site.state.file = changed;
    site.state.etag = '"v2"';
    site.asks.length = 0;

    const again = await openSpooled(new VolumeSpool(1, 0, disk, noNote, P), 7, fetchFrom(site.fetchImpl));
    expect(sha(await readAll(again.body))).toBe(sha(changed));
    expect(site.asks[0]).toEqual({ range: `bytes=${P}-${2 * P - 1}`, ifRange: '"v1"' });
    expect(site.asks[1]).toEqual({ range: `bytes=0-${P - 1}` });
    // What is kept now is the new version, whole.
    const kept = await new VolumeSpool(1, 0, disk, noNote, P).kept(7);
    expect(kept).toMatchObject({ complete: true, bytes: changed.length });
    const asked = site.asks.length;
    const third = await openSpooled(new VolumeSpool(1, 0, disk, noNote, P), 7, fetchFrom(site.fetchImpl));
    expect(sha(await readAll(third.body))).toBe(sha(changed));
    expect(site.asks.length).toBe(asked);
  });
});

describe('a ZIP volume and its spool', () => {
  const BYTES = bytesOf(3_000, 5);
  let fetched = 0;

  async function plannedZipJob(files: number): Promise<number> {
    const jobId = await db.jobs.add(
      jobRow({ destination: 'zip', planned: true, fileCount: files, volumes: [{ state: 'saving', tries: 1 }] }),
    );
    for (let n = 0; n < files; n++) await db.files.add(videoRow(jobId, n, { sizeBytes: BYTES.length }));
    return jobId;
  }

  async function drain(stream: ReadableStream<Uint8Array> | null): Promise<number> {
    expect(stream).not.toBeNull();
    return (await readAll(stream as ReadableStream<Uint8Array>)).byteLength;
  }

  beforeEach(async () => {
    await db.delete();
    await db.open();
    fetched = 0;
    vi.stubGlobal('fetch', async () => {
      fetched += 1;
      return new Response(BYTES as BodyInit, {
        headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(BYTES.length), ETag: '"v1"' },
      });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('written again, takes its files from the spool and asks the platform for none of them', async () => {
    const jobId = await plannedZipJob(3);
    const { disk } = memoryDisk();
    const size = await drain(await openVolumeStream(jobId, 0, new AbortController().signal, undefined, disk));
    expect(fetched).toBe(3);
    // The worker stopped before the browser saved it: the volume is written again from its first file.
    await db.files.where('jobId').equals(jobId).modify({ state: 'queued', bytesDone: 0 });
    expect(await drain(await openVolumeStream(jobId, 0, new AbortController().signal, undefined, disk))).toBe(size);
    expect(fetched).toBe(3);
    const files = await db.files.where('jobId').equals(jobId).toArray();
    expect(files.map((file) => [file.state, file.bytesDone])).toEqual(Array(3).fill(['written', BYTES.length]));
  });

  it('asks the platform for its files in the archive’s order, however long each one’s spool takes to read', async () => {
    const jobId = await plannedZipJob(3);
    const { disk } = memoryDisk();
    const second = (await db.files.where('jobId').equals(jobId).sortBy('id'))[1]?.id;
    const slowDisk = {
      ...disk,
      list: async (path: string[]) => {
        if (path.at(-1) === String(second)) await new Promise((resolve) => setTimeout(resolve, 50));
        return disk.list(path);
      },
    };
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (input: string) => {
      asked.push(String(input).split('/').pop() as string);
      return new Response(BYTES as BodyInit, {
        headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(BYTES.length), ETag: '"v1"' },
      });
    });
    await drain(await openVolumeStream(jobId, 0, new AbortController().signal, undefined, slowDisk));
    expect(asked).toEqual(['play-0', 'play-1', 'play-2']);
  });

  it('goes on unspooled when the disk is full, and says so once in the history', async () => {
    const jobId = await plannedZipJob(3);
    const { disk, state } = memoryDisk();
    state.full = true;
    const size = await drain(await openVolumeStream(jobId, 0, new AbortController().signal, undefined, disk));
    expect(size).toBeGreaterThan(3 * BYTES.length);
    const files = await db.files.where('jobId').equals(jobId).toArray();
    expect(files.map((file) => file.state)).toEqual(['written', 'written', 'written']);
    const job = await db.jobs.get(jobId);
    expect(job?.state).toBe('running');
    expect(job?.spoolFailed?.detail).toMatch(/quota/i);
  });

  it('keeps no copy when the disk has no room for the volume twice (the copy and the ZIP), and says so', async () => {
    const jobId = await plannedZipJob(3);
    const { disk, state } = memoryDisk();
    // Room for the volume once, not twice: the download itself must not be the one that runs out of space.
    state.room = 3 * BYTES.length + 10;
    const size = await drain(await openVolumeStream(jobId, 0, new AbortController().signal, undefined, disk));
    expect(size).toBeGreaterThan(3 * BYTES.length);
    expect(state.writes).toBe(0);
    const job = await db.jobs.get(jobId);
    expect(job?.state).toBe('running');
    expect(job?.spoolFailed?.detail).toBe('8.8 KB free, 17.6 KB needed for the copy and the ZIP itself');
  });

  it('keeps its copy when the disk has room for the volume twice over', async () => {
    const jobId = await plannedZipJob(3);
    const { disk, state } = memoryDisk();
    state.room = 2 * 3 * BYTES.length;
    await drain(await openVolumeStream(jobId, 0, new AbortController().signal, undefined, disk));
    expect(state.writes).toBeGreaterThan(0);
    expect((await db.jobs.get(jobId))?.spoolFailed).toBeUndefined();
  });
});
