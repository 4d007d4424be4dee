// An S3 copy never leaves an unfinished multipart upload behind: when the copy fails or is cancelled, every upload
// it began is aborted (after its parts in flight end), not only the one of the file that failed.
import 'fake-indexeddb/auto';
import { AbortMultipartUploadCommand, CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '@/utils/db';
import { s3Sink } from '@/utils/export/s3-export';
import { saveDestination } from '@/utils/s3/destinations';
import { jobRow, videoRow } from './rows';

// Each file is just over one part, so each is a multipart upload.
const SIZE = 8 * 1024 * 1024 + 10;

/** S3 as scripted here: one key is refused for good; every part waits until the copy is stopped. */
const s3 = vi.hoisted(() => ({
  created: [] as string[],
  aborted: [] as string[],
  partStarted: undefined as undefined | (() => void),
  /** Lecture 1 is refused only once Lecture 0's part is on its way. */
  partOnItsWay: undefined as undefined | Promise<void>,
  /** The keys may not abort uploads. */
  refuseAbort: false,
}));

vi.mock('@/utils/s3/client', async (original) => ({
  ...(await original<typeof import('@/utils/s3/client')>()),
  s3ClientFor: () => ({
    destroy() {},
    async send(command: unknown, options?: { abortSignal?: AbortSignal }) {
      if (command instanceof CreateMultipartUploadCommand) {
        const key = command.input.Key as string;
        if (key.includes('Lecture 1')) {
          await s3.partOnItsWay;
          throw Object.assign(new Error('AccessDenied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
        }
        s3.created.push(key);
        return { UploadId: `upload-${s3.created.length}` };
      }
      if (command instanceof UploadPartCommand) {
        s3.partStarted?.();
        // A slow link: the part is on its way until the copy stops.
        return new Promise((_, reject) =>
          options?.abortSignal?.addEventListener('abort', () => reject(options.abortSignal?.reason)),
        );
      }
      if (command instanceof AbortMultipartUploadCommand) {
        if (s3.refuseAbort) {
          throw Object.assign(new Error('AccessDenied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
        }
        s3.aborted.push(command.input.UploadId as string);
        return {};
      }
      throw new Error(`not scripted: ${(command as object).constructor.name}`);
    },
  }),
}));

beforeEach(async () => {
  await db.delete();
  await db.open();
  fakeBrowser.reset();
  s3.created.length = 0;
  s3.aborted.length = 0;
  s3.refuseAbort = false;
  vi.stubGlobal(
    'fetch',
    async () =>
      new Response(new Uint8Array(SIZE), { headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(SIZE) } }),
  );
});
afterEach(() => vi.unstubAllGlobals());

async function copyJob(files: number): Promise<number> {
  const destination = await saveDestination({
    name: 'Archive',
    bucket: 'archive',
    region: 'eu-west-1',
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'secret',
  });
  const s3Copy = {
    destinationId: destination.id,
    destinationName: destination.name,
    bucket: destination.bucket,
    prefix: destination.prefix,
    copyId: 'c1',
    startedAt: Date.now(),
  };
  const jobId = await db.jobs.add(jobRow({ destination: 's3', planned: true, fileCount: files, s3: s3Copy }));
  for (let n = 0; n < files; n++) await db.files.add(videoRow(jobId, n));
  return jobId;
}

describe('an S3 copy that fails', () => {
  it('aborts the uploads of the other files too, once their parts in flight have ended', async () => {
    // Lecture 0's upload is begun and its part on its way; then S3 refuses Lecture 1: the copy fails.
    s3.partOnItsWay = new Promise<void>((resolve) => (s3.partStarted = resolve));
    const jobId = await copyJob(2);
    await s3Sink.carryOn(jobId);
    expect((await db.jobs.get(jobId))?.state).toBe('failed');
    expect(s3.created).toHaveLength(1);
    expect(s3.aborted).toEqual(['upload-1']);
    expect(await db.uploads.count()).toBe(0);
  });
});

describe('an S3 copy that is cancelled', () => {
  it('aborts every upload it began, and writes the file as cancelled', async () => {
    s3.partOnItsWay = new Promise<void>((resolve) => (s3.partStarted = resolve));
    const jobId = await copyJob(1);
    const copying = s3Sink.carryOn(jobId);
    await s3.partOnItsWay;
    await s3Sink.stop(jobId, 'cancel', () =>
      db.jobs.update(jobId, { state: 'cancelled' }).then(() => db.jobs.get(jobId)),
    );
    await copying;
    expect(s3.aborted).toEqual(['upload-1']);
    expect(await db.uploads.count()).toBe(0);
    expect((await db.files.toArray()).map((file) => file.error?.code)).toEqual(['cancelled']);
  });
});

describe('an S3 copy whose keys may not abort uploads', () => {
  it('keeps the upload in its ledger and names it in the history, so it can still be aborted', async () => {
    s3.refuseAbort = true;
    s3.partOnItsWay = new Promise<void>((resolve) => (s3.partStarted = resolve));
    const jobId = await copyJob(2);
    await s3Sink.carryOn(jobId);
    expect((await db.jobs.get(jobId))?.state).toBe('failed');
    expect(await db.uploads.count()).toBe(1);
    const cutOff = (await db.files.where('jobId').equals(jobId).toArray()).find((file) =>
      file.path.includes('Lecture 0'),
    );
    expect(cutOff?.error?.detail).toContain('upload-1');
  });
});
