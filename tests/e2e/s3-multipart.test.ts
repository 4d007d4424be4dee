// Multipart uploads against a real S3 server on loopback (s3rver), through a counting proxy: an upload that
// stopped goes on without sending acknowledged parts again, a part answered with 500 is sent again, and the
// object read back by the SDK equals the source byte for byte.
import { createHash } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { s3ClientFor } from '../../utils/s3/client.ts';
import { normaliseDestination } from '../../utils/s3/destination.ts';
import { type UploadedPart, type UploadLedger, uploadObject } from '../../utils/s3/multipart.ts';
import { mediaChunks, mediaSha256 } from '../portal/media.ts';
import { type S3Proxy, startS3Proxy } from './s3-proxy.ts';
import { type LocalS3, startLocalS3 } from './s3-server.ts';

const SIZE = 60 * 1024 * 1024;
const BUCKET = 'reclaim-archive';
let s3: LocalS3;
let proxy: S3Proxy;

beforeAll(async () => {
  s3 = await startLocalS3(BUCKET);
  proxy = await startS3Proxy(s3.endpoint);
});
afterAll(async () => {
  await proxy?.close();
  await s3?.close();
});
beforeEach(() => {
  proxy.seen.length = 0;
});

function client() {
  const made = s3ClientFor(
    normaliseDestination({
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint: proxy.endpoint,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    }),
  );
  // Parts are Blobs, which the browser's fetch sends as they are; the SDK's Node transport used here takes bytes.
  made.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { body?: unknown };
      if (request.body instanceof Blob) request.body = new Uint8Array(await request.body.arrayBuffer());
      return next(args);
    },
    { step: 'finalizeRequest', name: 'nodeTransportTakesBytes' },
  );
  return made;
}

/** The recording's bytes from `start`, as the platform would send them for a Range request. */
function source(fileKey: string) {
  const opened: number[] = [];
  return {
    opened,
    open: async (start: number) => {
      opened.push(start);
      const chunks = mediaChunks(fileKey, SIZE, start, SIZE, 1024 * 1024);
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(new Uint8Array(next.value));
        },
      });
    },
  };
}

function memoryLedger() {
  const state: { uploadId?: string; partSize?: number; parts: UploadedPart[] } = { parts: [] };
  const ledger: UploadLedger = {
    load: async () => ({ ...state, parts: [...state.parts] }),
    begin: async (uploadId, partSize) => void Object.assign(state, { uploadId, partSize, parts: [] }),
    addPart: async (part) => void state.parts.push(part),
  };
  return { state, ledger };
}

async function objectSha(key: string): Promise<string> {
  const answer = await client().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  const hash = createHash('sha256');
  for await (const chunk of answer.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest('hex');
}

const uploadParts = () => proxy.seen.filter((r) => r.method === 'PUT' && r.partNumber !== undefined);

describe('a multipart upload', () => {
  it('goes on after a stop from the first missing part, sending no acknowledged part again', async () => {
    const key = 'copy-1/lecture/video.mp4';
    const { state, ledger } = memoryLedger();
    const first = new AbortController();
    const recording = source('s3-resume');
    const stopAfterThree: UploadLedger = {
      ...ledger,
      addPart: async (part) => {
        await ledger.addPart(part);
        if (state.parts.length === 3) first.abort(new Error('worker stopped'));
      },
    };
    await expect(
      uploadObject(
        { client: client(), bucket: BUCKET, key },
        { size: SIZE, open: recording.open, ledger: stopAfterThree, partsInFlight: 2, signal: first.signal },
      ),
    ).rejects.toBeTruthy();
    const acknowledged = state.parts.map((part) => part.partNumber);
    expect(acknowledged.length).toBeGreaterThanOrEqual(3);
    expect(state.parts.every((part) => part.size === 8 * 1024 * 1024)).toBe(true);

    await uploadObject(
      { client: client(), bucket: BUCKET, key },
      { size: SIZE, open: recording.open, ledger, partsInFlight: 2, signal: new AbortController().signal },
    );
    // 60 MiB in parts of 8 MiB: 8 parts; every acknowledged part was sent exactly once.
    const sends = uploadParts();
    for (const number of acknowledged)
      expect(sends.filter((r) => r.partNumber === number).length, `part ${number}`).toBe(1);
    expect(new Set(sends.map((r) => r.partNumber))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    // The second run asked the source from the first byte S3 did not have, not from the start.
    const firstMissing = Math.min(...[1, 2, 3, 4, 5, 6, 7, 8].filter((n) => !acknowledged.includes(n)));
    expect(recording.opened).toEqual([0, (firstMissing - 1) * 8 * 1024 * 1024]);
    expect(await objectSha(key)).toBe(mediaSha256('s3-resume', SIZE));
  });

  it('sends a part again when S3 answers it with 500', async () => {
    const key = 'copy-2/lecture/video.mp4';
    proxy.failPart(4, 500);
    const retried: string[] = [];
    await uploadObject(
      { client: client(), bucket: BUCKET, key },
      {
        size: SIZE,
        open: source('s3-retry').open,
        ledger: memoryLedger().ledger,
        partsInFlight: 3,
        signal: new AbortController().signal,
        policy: { attempts: 4, baseMs: 10, maxMs: 50 },
        onRetry: (_attempt, error) => void retried.push(error.code),
      },
    );
    expect(
      uploadParts()
        .filter((r) => r.partNumber === 4)
        .map((r) => r.status),
    ).toEqual([500, 200]);
    expect(retried).toEqual(['s3-server']);
    expect(await objectSha(key)).toBe(mediaSha256('s3-retry', SIZE));
  });

  it('puts a small file in one request', async () => {
    const key = 'copy-3/lecture/chat.txt';
    const size = 100_000;
    const open = async () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(size).fill(7));
          controller.close();
        },
      });
    await uploadObject(
      { client: client(), bucket: BUCKET, key },
      { size, open, ledger: memoryLedger().ledger, partsInFlight: 3, signal: new AbortController().signal },
    );
    expect(proxy.seen.filter((r) => r.method === 'PUT').length).toBe(1);
    expect(await objectSha(key)).toBe(createHash('sha256').update(new Uint8Array(size).fill(7)).digest('hex'));
  });
});

describe('an upload S3 completed before the worker could write the file down', () => {
  it('is found in the bucket: nothing is sent or completed again, and the object stays whole', async () => {
    const key = 'copy-4/lecture/video.mp4';
    const { state, ledger } = memoryLedger();
    const recording = source('s3-completed');
    const run = () =>
      uploadObject(
        { client: client(), bucket: BUCKET, key },
        { size: SIZE, open: recording.open, ledger, partsInFlight: 2, signal: new AbortController().signal },
      );
    await run();
    // The ledger is dropped only when the file is written down as done (s3-export.ts): a worker stopped between
    // the two finds every part in it, and an upload id S3 no longer knows.
    expect(state.parts.length).toBe(8);
    proxy.seen.length = 0;
    await run();
    expect(uploadParts()).toEqual([]);
    // Nothing begun or completed again: one look at the object was enough.
    expect(proxy.seen.map((r) => r.method)).toEqual(['HEAD', 'HEAD']);
    expect(recording.opened).toEqual([0]);
    expect(await objectSha(key)).toBe(mediaSha256('s3-completed', SIZE));
  });
});
