// An S3 copy fetches each part of a big recording by a range of its own, several at once, against a scripted
// platform (honouring Range, ignoring it, cutting a part mid-way) and a scripted S3: the object is byte for byte
// the file, its CRC-32 is the file's, and a part S3 acknowledged before a worker stop is never fetched again.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '@/utils/db';
import { crc32, crcHex } from '@/utils/export/crc32';
import { s3Sink } from '@/utils/export/s3-export';
import { saveDestination } from '@/utils/s3/destinations';
import { joined } from '../bodies';
import { jobRow, videoRow } from './rows';

const MiB = 1024 * 1024;
const PART = 8 * MiB;
// Three and a half parts: the last one short.
const SIZE = 3 * PART + PART / 2;

/** S3 as scripted here: parts kept by upload, objects assembled from them, metadata as copied. */
const s3 = vi.hoisted(() => ({
  parts: new Map<string, Map<number, Uint8Array>>(),
  objects: new Map<string, Uint8Array>(),
  metadata: new Map<string, Record<string, string>>(),
  uploadsCreated: 0,
  partsSent: [] as number[],
}));

vi.mock('@/utils/s3/client', async (original) => ({
  ...(await original<typeof import('@/utils/s3/client')>()),
  s3ClientFor: () => ({
    destroy() {},
    async send(command: unknown) {
      if (command instanceof CreateMultipartUploadCommand) {
        s3.uploadsCreated += 1;
        const id = `upload-${s3.uploadsCreated}`;
        s3.parts.set(id, new Map());
        return { UploadId: id };
      }
      if (command instanceof UploadPartCommand) {
        const { UploadId, PartNumber, Body } = command.input;
        const bytes = new Uint8Array(await (Body as Blob).arrayBuffer());
        s3.parts.get(UploadId as string)?.set(PartNumber as number, bytes);
        s3.partsSent.push(PartNumber as number);
        return { ETag: `"${UploadId}-${PartNumber}"` };
      }
      if (command instanceof CompleteMultipartUploadCommand) {
        const { UploadId, Key, MultipartUpload } = command.input;
        const kept = s3.parts.get(UploadId as string) as Map<number, Uint8Array>;
        const pieces = (MultipartUpload?.Parts ?? []).map((part) => kept.get(part.PartNumber as number) as Uint8Array);
        s3.objects.set(Key as string, joined(pieces));
        return {};
      }
      if (command instanceof PutObjectCommand) {
        const { Key, Body, Metadata } = command.input;
        s3.objects.set(Key as string, new Uint8Array(await (Body as Blob).arrayBuffer()));
        s3.metadata.set(Key as string, Metadata ?? {});
        return {};
      }
      if (command instanceof CopyObjectCommand) {
        s3.metadata.set(command.input.Key as string, command.input.Metadata ?? {});
        return {};
      }
      if (command instanceof HeadObjectCommand) {
        const object = s3.objects.get(command.input.Key as string);
        if (!object) throw Object.assign(new Error('NotFound'), { $metadata: { httpStatusCode: 404 } });
        return { ContentLength: object.byteLength, Metadata: s3.metadata.get(command.input.Key as string) };
      }
      throw new Error(`not scripted: ${(command as object).constructor.name}`);
    },
  }),
}));

/** What a user compares: the SHA-256 of the object against the file's (a deep equal of 28 MiB takes minutes). */
function sha256(bytes: Uint8Array | undefined): string {
  return bytes ? createHash('sha256').update(bytes).digest('hex') : 'no object';
}

function recording(seed: number): Uint8Array {
  const bytes = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i++) bytes[i] = (i * 31 + seed + (i >> 13)) & 0xff;
  return bytes;
}

interface Ask {
  range?: string;
  ifRange?: string;
}

/** Zoom's download address as scripted: Range honoured (or not), a part's answer cut after some bytes. */
function platform(file: Uint8Array, script: { ignoreRange?: boolean; cut?: { range: string; after: number } } = {}) {
  const asks: Ask[] = [];
  let open = 0;
  let mostOpen = 0;
  let cutDone = false;
  vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const ask = { range: headers.get('Range') ?? undefined, ifRange: headers.get('If-Range') ?? undefined };
    asks.push(ask);
    const match = /^bytes=(\d+)-(\d*)$/.exec(ask.range ?? '');
    const ranged = match !== null && !script.ignoreRange && (!ask.ifRange || ask.ifRange === '"v1"');
    const from = ranged ? Number(match[1]) : 0;
    const to = ranged && match[2] ? Math.min(file.length, Number(match[2]) + 1) : file.length;
    const data = file.subarray(from, to);
    const cutAt = !cutDone && script.cut && script.cut.range === ask.range ? script.cut.after : undefined;
    if (cutAt !== undefined) cutDone = true;
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    let sent = 0;
    let closed = false;
    const close = () => {
      if (!closed) open -= 1;
      closed = true;
    };
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          // A tick per chunk: the other parts' answers come in meanwhile, as over real connections.
          await new Promise((resolve) => setTimeout(resolve, 0));
          const end = Math.min(data.length, cutAt ?? data.length, sent + 256 * 1024);
          if (sent >= end) {
            close();
            if (cutAt !== undefined) controller.error(new TypeError('network error'));
            else controller.close();
            return;
          }
          controller.enqueue(data.slice(sent, end));
          sent = end;
        },
        cancel: close,
      },
      { highWaterMark: 0 },
    );
    const answer: Record<string, string> = {
      'Content-Type': 'video/mp4',
      'Content-Length': String(data.length),
      ETag: '"v1"',
    };
    if (ranged) answer['Content-Range'] = `bytes ${from}-${to - 1}/${file.length}`;
    return new Response(body, { status: ranged ? 206 : 200, headers: answer });
  });
  return { asks, mostOpen: () => mostOpen };
}

async function copyJob(fileFields: Parameters<typeof videoRow>[2] = {}) {
  const destination = await saveDestination({
    name: 'Archive',
    bucket: 'archive',
    region: 'eu-west-1',
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'secret',
  });
  const copy = {
    destinationId: destination.id,
    destinationName: destination.name,
    bucket: destination.bucket,
    prefix: 'Zoom',
    copyId: 'c1',
    startedAt: Date.now(),
  };
  const jobId = await db.jobs.add(jobRow({ destination: 's3', planned: true, fileCount: 1, s3: copy }));
  const fileId = await db.files.add(videoRow(jobId, 0, { sizeBytes: SIZE, sizeExact: true, ...fileFields }));
  return { jobId, fileId, key: 'Zoom/c1/Lecture 0/video.mp4' };
}

function rangeOf(part: number): string {
  return `bytes=${(part - 1) * PART}-${Math.min(SIZE, part * PART) - 1}`;
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  fakeBrowser.reset();
  s3.parts.clear();
  s3.objects.clear();
  s3.metadata.clear();
  s3.uploadsCreated = 0;
  s3.partsSent.length = 0;
});
afterEach(() => vi.unstubAllGlobals());

describe('an S3 copy of a big recording', () => {
  it('fetches each part by its own range, several at once, into a byte-exact object with the file’s CRC', async () => {
    const file = recording(1);
    const zoom = platform(file);
    const { jobId, fileId, key } = await copyJob();
    await s3Sink.carryOn(jobId);

    expect((await db.jobs.get(jobId))?.state).toBe('completed');
    expect(zoom.asks.map((ask) => ask.range)).toEqual([1, 2, 3, 4].map(rangeOf));
    // The first answer told the version: every later range is asked for that version only.
    expect(zoom.asks[0]?.ifRange).toBeUndefined();
    expect(zoom.asks.slice(1).every((ask) => ask.ifRange === '"v1"')).toBe(true);
    expect(zoom.mostOpen()).toBeGreaterThan(1);
    expect(zoom.mostOpen()).toBeLessThanOrEqual(4);
    expect(sha256(s3.objects.get(key))).toBe(sha256(file));
    const crc = crcHex(crc32(file));
    expect((await db.files.get(fileId))?.crc32).toBe(crc);
    expect(s3.metadata.get(key)?.crc32).toBe(crc);
    expect(await db.uploads.count()).toBe(0);
  });

  it('reads the file over one stream when the platform ignores Range, asked for once', async () => {
    const file = recording(2);
    const zoom = platform(file, { ignoreRange: true });
    const { jobId, fileId, key } = await copyJob();
    await s3Sink.carryOn(jobId);

    expect((await db.jobs.get(jobId))?.state).toBe('completed');
    expect(zoom.asks).toHaveLength(1);
    expect(sha256(s3.objects.get(key))).toBe(sha256(file));
    expect((await db.files.get(fileId))?.crc32).toBe(crcHex(crc32(file)));
  });

  it('continues a part cut mid-way from its first missing byte, and the object and its CRC stay right', async () => {
    const file = recording(3);
    const cutAfter = 3 * MiB;
    const zoom = platform(file, { cut: { range: rangeOf(2), after: cutAfter } });
    const { jobId, fileId, key } = await copyJob();
    await s3Sink.carryOn(jobId);

    expect((await db.jobs.get(jobId))?.state).toBe('completed');
    const continued = zoom.asks.filter((ask) => ask.range?.endsWith(`-${2 * PART - 1}`) && ask.range !== rangeOf(2));
    // Continued within the part only, from at most where it was cut (a reset may lose bytes not yet read).
    expect(continued).toHaveLength(1);
    const from = Number(/^bytes=(\d+)-/.exec(continued[0]?.range ?? '')?.[1]);
    expect(from).toBeGreaterThan(PART);
    expect(from).toBeLessThanOrEqual(PART + cutAfter);
    expect(continued[0]?.ifRange).toBe('"v1"');
    expect(sha256(s3.objects.get(key))).toBe(sha256(file));
    expect((await db.files.get(fileId))?.crc32).toBe(crcHex(crc32(file)));
  });

  it('after a worker stop, fetches only the parts S3 has not acknowledged, and the CRC combines them right', async () => {
    const file = recording(4);
    const zoom = platform(file);
    // A stopped worker's state: the upload begun, parts 1 and 3 acknowledged and in the ledger.
    const { jobId, fileId, key } = await copyJob({ expectedBytes: SIZE, sourceValidator: '"v1"' });
    s3.uploadsCreated = 1;
    s3.parts.set('upload-1', new Map());
    await db.uploads.put({ fileId, jobId, uploadId: 'upload-1', partSize: PART });
    for (const number of [1, 3]) {
      const bytes = file.subarray((number - 1) * PART, number * PART);
      s3.parts.get('upload-1')?.set(number, bytes);
      const part = { partNumber: number, size: bytes.byteLength, etag: `"upload-1-${number}"`, crc32: crc32(bytes) };
      await db.parts.put({ key: `${fileId}/${number}`, fileId, ...part });
    }
    await s3Sink.carryOn(jobId);

    expect((await db.jobs.get(jobId))?.state).toBe('completed');
    expect(zoom.asks.map((ask) => ask.range)).toEqual([2, 4].map(rangeOf));
    expect(zoom.asks.every((ask) => ask.ifRange === '"v1"')).toBe(true);
    expect(s3.partsSent.sort()).toEqual([2, 4]);
    expect(sha256(s3.objects.get(key))).toBe(sha256(file));
    expect((await db.files.get(fileId))?.crc32).toBe(crcHex(crc32(file)));
    expect(s3.metadata.get(key)?.crc32).toBe(crcHex(crc32(file)));
    expect(zoom.asks.some((ask) => ask.range === undefined)).toBe(false);
  });
});
