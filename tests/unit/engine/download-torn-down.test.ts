// A ZIP volume's download torn down by the browser (a restart, the downloads page) while a file is in the middle
// of the archive: the stream is cancelled by its reader, which is no break of the file being read. That file waits
// for the volume's next writing; it must not fail with the stream's own state as its error.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/utils/db';
import { openVolumeStream } from '@/utils/export/zip-stream';
import { cutAfter } from '../bodies';
import { memoryDisk } from './memory-disk';
import { jobRow, videoRow } from './rows';
import { until } from './turns';

// The soak's video and the byte its first answer broke at.
const LENGTH = 425_623;
const BROKE_AT = 45_005;
const VIDEO = new Uint8Array(LENGTH).map((_, i) => i % 251);

/**
 * The portal of the soak run: the first answer breaks after 45,005 bytes (a stall, let go as a cut connection, or a
 * reset), the file is continued with Range from there, and that answer trickles: a few bytes, then nothing until
 * `more()` (a throttled link). Aborted requests end their bodies as fetch does. (The soak's two 503s before the 206
 * are left out: each costs a backoff of a second or two, and they only added to the retries.)
 */
function throttledPortal() {
  const asked: Array<string | null> = [];
  let more = () => {};
  const gate = new Promise<void>((resolve) => {
    more = resolve;
  });
  vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
    const range = new Headers(init?.headers).get('Range');
    asked.push(range);
    const headers = { 'Content-Type': 'video/mp4', ETag: '"v1"' };
    if (!range) {
      return new Response(cutAfter(VIDEO.slice(0, BROKE_AT)), {
        headers: { ...headers, 'Content-Length': String(LENGTH) },
      });
    }
    const rest = VIDEO.slice(BROKE_AT);
    const pieces = [rest.slice(0, 20_000), rest.slice(20_000)];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason), { once: true });
      },
      async pull(controller) {
        const piece = pieces.shift();
        if (!piece) return controller.close();
        if (pieces.length === 0) await gate;
        controller.enqueue(piece);
      },
    });
    return new Response(body, {
      status: 206,
      headers: {
        ...headers,
        'Content-Length': String(rest.length),
        'Content-Range': `bytes ${BROKE_AT}-${LENGTH - 1}/${LENGTH}`,
      },
    });
  });
  return { asked, more: () => more() };
}

beforeEach(async () => {
  await db.delete();
  await db.open();
});
afterEach(() => vi.unstubAllGlobals());

describe('a volume whose download the browser tears down', () => {
  it('leaves the file it was reading to the next writing of the volume, not failed by the closed stream', async () => {
    const jobId = await db.jobs.add(
      jobRow({ destination: 'zip', planned: true, fileCount: 1, volumes: [{ state: 'saving', tries: 1 }] }),
    );
    const fileId = await db.files.add(
      videoRow(jobId, 0, { path: 'video - Shared screen with speaker view.mp4', sizeBytes: LENGTH }),
    );
    const portal = throttledPortal();
    const stopped = new AbortController();
    const onBreak = vi.fn();
    const stream = await openVolumeStream(jobId, 0, stopped.signal, onBreak, memoryDisk().disk);
    const download = (stream as ReadableStream<Uint8Array>).getReader();
    // The archive has begun the file and waits for its next bytes, which the throttled link has not sent yet.
    await download.read();
    await until(() => portal.asked.length === 2);
    expect(portal.asked).toEqual([null, `bytes=${BROKE_AT}-`]);

    // The browser quits: its download cancels the stream it was reading (Chrome: ReadableStreamBytesConsumer).
    const cancelled = download.cancel(new DOMException('download gone', 'AbortError'));
    portal.more();
    await cancelled;
    // Before the fix the file failed within a few turns of the event loop.
    await until(async () => (await db.files.get(fileId))?.state === 'failed', 200);

    const file = await db.files.get(fileId);
    // Still being written (the volume's next writing takes it up), its last note the continued connection's retry.
    expect({ state: file?.state, error: file?.error, retries: file?.retries }).toEqual({
      state: 'running',
      error: { code: 'incomplete', detail: `${BROKE_AT}/${LENGTH}` },
      retries: 1,
    });
    expect((await db.jobs.get(jobId))?.state).toBe('running');
    // Not a break of its own accord: a USER_CANCELED that follows is the user's (zip-export.ts, volumeResponse).
    expect(onBreak).not.toHaveBeenCalled();
    stopped.abort();
  });
});
