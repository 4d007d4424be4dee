// A ZIP's files are read strictly one after the other, but the next ones are asked for while the current one is
// still being read: small recordings (chat, captions, short clips) cost a round trip each, and a long export of
// them was mostly waiting for answers. What is opened ahead and never reached is given back.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/utils/db';
import { openVolumeStream } from '@/utils/export/zip-stream';
import { cutAfter } from '../bodies';
import { jobRow, videoRow } from './rows';
import { until } from './turns';

const BYTES = new Uint8Array(3_000).map((_, i) => i % 251);
const HEADERS = { 'Content-Type': 'video/mp4', 'Content-Length': String(BYTES.length), ETag: '"v1"' };

async function plannedZipJob(files: number): Promise<number> {
  const jobId = await db.jobs.add(
    jobRow({ destination: 'zip', planned: true, fileCount: files, volumes: [{ state: 'saving', tries: 1 }] }),
  );
  for (let n = 0; n < files; n++) await db.files.add(videoRow(jobId, n));
  return jobId;
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<void> {
  const reader = stream.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read());
}

/** Which files were asked for (by number) and which of their bodies were given back unread. */
function scriptedPlatform(body: (n: number, range: string | null) => ReadableStream<Uint8Array> | Uint8Array) {
  const asked: number[] = [];
  const givenBack: number[] = [];
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const n = Number(/play-(\d+)$/.exec(String(input))?.[1]);
    asked.push(n);
    const made = body(n, new Headers(init?.headers).get('Range'));
    const stream =
      made instanceof ReadableStream
        ? made
        : new ReadableStream<Uint8Array>({
            pull(controller) {
              controller.enqueue(made);
              controller.close();
            },
            cancel() {
              givenBack.push(n);
            },
          });
    return new Response(stream, { headers: HEADERS });
  });
  return { asked, givenBack };
}

/** The first request for a file: from byte 0, whole or its first range. */
const isFirstAnswer = (range: string | null) => !range || range.startsWith('bytes=0-');

beforeEach(async () => {
  await db.delete();
  await db.open();
});
afterEach(() => vi.unstubAllGlobals());

describe('files opened ahead', () => {
  it('asks for the next files while the first is still being read, and writes them in their order', async () => {
    const jobId = await plannedZipJob(5);
    let askedWhileFirstRead = 0;
    const platform = scriptedPlatform((n) => {
      if (n !== 0) return BYTES;
      let sent = false;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent) {
            // The first file's end waits until the next files were asked for (or long enough to see they are not).
            await until(() => platform.asked.length >= 4);
            askedWhileFirstRead = platform.asked.length;
            return controller.close();
          }
          sent = true;
          controller.enqueue(BYTES);
        },
      });
    });
    const stream = await openVolumeStream(jobId, 0, new AbortController().signal);
    await drain(stream as ReadableStream<Uint8Array>);
    expect(askedWhileFirstRead).toBe(4);
    expect(platform.asked).toEqual([0, 1, 2, 3, 4]);
    const files = await db.files.where('jobId').equals(jobId).sortBy('id');
    expect(files.map((file) => [file.state, file.bytesDone])).toEqual(files.map(() => ['written', BYTES.length]));
  });

  it('gives back what it opened ahead when the volume breaks off, and leaves those files waiting', async () => {
    const jobId = await plannedZipJob(5);
    // The second file breaks for good (another version on resume): the volume is written again without it.
    const platform = scriptedPlatform((n, range) => {
      if (n === 1 && isFirstAnswer(range)) return cutAfter(BYTES.subarray(0, 1_000));
      if (n === 1) return new ReadableStream({ start: (c) => c.error(new TypeError('changed')) });
      if (n < 2) return BYTES;
      // The files after it are still coming in when the volume breaks off.
      return new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(BYTES.subarray(0, 1_000)),
        pull: () => new Promise(() => undefined),
        cancel: () => void platform.givenBack.push(n),
      });
    });
    const stream = await openVolumeStream(jobId, 0, new AbortController().signal);
    await expect(drain(stream as ReadableStream<Uint8Array>)).rejects.toBeTruthy();
    await until(() => platform.givenBack.length >= 3);
    expect(platform.givenBack.sort()).toEqual([2, 3, 4]);
    const files = await db.files.where('jobId').equals(jobId).sortBy('id');
    expect(files.map((file) => file.state)).toEqual(['written', 'failed', 'queued', 'queued', 'queued']);
  });

  it('settles a file asked for early only at its turn: an ended session pauses after the files before it are in', async () => {
    const jobId = await plannedZipJob(4);
    let firstEnded = false;
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (input: string) => {
      const url = String(input);
      asked.push(url);
      if (url.endsWith('/csrf_js')) return new Response('ZOOM-CSRFTOKEN:abc');
      if (url.includes('/nws/common/2.0/nak')) return new Response('{"status":false,"errorCode":201}');
      // Zoom's sign-in page, status 200, at the third file's download address.
      if (url.endsWith('play-2'))
        return new Response('<html>Sign in</html>', { headers: { 'Content-Type': 'text/html' } });
      if (!url.endsWith('play-0')) return new Response(BYTES, { headers: HEADERS });
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (!sent) {
            sent = true;
            return controller.enqueue(BYTES);
          }
          // The first file ends only once the third was asked for and answered with the sign-in page.
          await until(() => asked.some((seen) => seen.endsWith('play-2')));
          firstEnded = true;
          controller.close();
        },
      });
      return new Response(body, { headers: HEADERS });
    });
    const stream = await openVolumeStream(jobId, 0, new AbortController().signal);
    await expect(drain(stream as ReadableStream<Uint8Array>)).rejects.toBeTruthy();
    expect(firstEnded).toBe(true);
    const job = await db.jobs.get(jobId);
    expect(job?.state).toBe('paused');
    expect(job?.error).toMatchObject({ code: 'session-expired', site: 'zoom' });
    const files = await db.files.where('jobId').equals(jobId).sortBy('id');
    expect(files.map((file) => file.state)).toEqual(['written', 'written', 'queued', 'queued']);
  });
});
