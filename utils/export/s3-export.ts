// S3 copies: every file of the export goes up as its own object, `<prefix>/<copy id>/<recording folder>/<file>`,
// the layout Blackboard's own copy writes; the metadata log and the manifest go into the copy folder last.
// Each file is streamed from the platform into S3 (parts in flight × part size is all it holds); a multipart
// upload's acknowledged parts are in the database, so a stopped worker's copy goes on from the first missing one.
import type { S3Client } from '@aws-sdk/client-s3';
import { recordArchived } from '../archive/ledger';
import { db, type ExportFile, type ExportJob, type S3Copy } from '../db';
import { type ErrorInfo, ExportError, toErrorInfo } from '../errors';
import { s3ClientFor } from '../s3/client';
import { getDestination } from '../s3/destinations';
import { abandonUpload, MIN_PART_SIZE, uploadObject } from '../s3/multipart';
import type { OpenRange } from '../s3/parts';
import { getSettings } from '../settings';
import { adapterFor } from '../sites/registry';
import { crcHex } from './crc32';
import { type FileOutcome, settleFile } from './file-outcome';
import { addProgress, failJob, finishJob, getJob, updateFile } from './jobs';
import { platformSource } from './platform-source';
import { fetchedInParts, openFirstPart } from './ranged-fetch';
import { newCopyId, objectKey } from './s3-layout';
import { contentTypeOf, forgetUpload, ledgerFor, writeCopyRecords } from './s3-records';
import type { Sink, StopHow } from './sink';
import { type OpenedFile, openSource } from './source';

/** Copies running in this worker, each with the switch that stops it (pause, cancel) and its end. */
const copying = new Map<number, { controller: AbortController; done: Promise<void> }>();

interface CopyContext {
  job: ExportJob;
  copy: S3Copy;
  client: S3Client;
  partsInFlight: number;
  /** Parts of one file fetched from the platform at once, each by its own range (the ZIP's setting too). */
  connections: number;
  signal: AbortSignal;
}

/** One file from the platform into the bucket. Resolves when it is there and its size checked. */
async function copyFile(context: CopyContext, file: ExportFile, again = false): Promise<void> {
  const { job, copy, client, signal } = context;
  const adapter = adapterFor(job.site);
  if (!adapter) throw new ExportError({ code: 'bad-request', detail: job.site });
  await updateFile(file.id, { state: 'running' });
  const sourceOptions = platformSource(adapter, job.origin, file, {
    signal,
    onRetry: (attempt: number, error: ErrorInfo) => updateFile(file.id, { retries: attempt, error }),
  });
  let size = file.expectedBytes;
  let validator = file.sourceValidator;
  let first: OpenedFile | undefined;
  // Where the first answer's body ends when it was asked as a part: it serves only a part of that size.
  let firstEnd: number | undefined;
  const resuming = size !== undefined && (await db.uploads.get(file.id)) !== undefined;
  if (!resuming || size === undefined) {
    // A fresh start: the platform's answer tells the exact size, which decides the part size. Media is asked for
    // as its first part: the answer also tells whether the server honours Range.
    first = await openFirstPart(file, sourceOptions, MIN_PART_SIZE);
    if (first.length === undefined) throw new ExportError({ code: 'not-media', detail: 'no Content-Length' });
    size = first.length;
    if (first.ranged) firstEnd = Math.min(size, MIN_PART_SIZE);
    validator = first.validator;
    await updateFile(file.id, { expectedBytes: size, sourceValidator: validator });
  }
  let address = first?.address;
  const total = size;
  /** A part by its own range: the first answer's body when it is that part, else a new request for it. */
  const openRange: OpenRange = async (start, end, partSignal) => {
    const opened = first;
    first = undefined;
    if (opened && start === 0 && end === firstEnd) return opened.body;
    if (opened && !opened.ranged) {
      // The server ignores Range: the whole answer already here is the stream the parts come from.
      first = opened;
      return null;
    }
    await opened?.body.cancel();
    const part = await openSource(file, {
      ...sourceOptions,
      signal: partSignal,
      start,
      end,
      validator,
      expectedLength: total,
      address,
    });
    address = part.address ?? address;
    if (part.ranged) return part.body;
    if (start === 0) first = part;
    else await part.body.cancel();
    return null;
  };
  const uploaded: number[] = [];
  let crc: number | undefined;
  try {
    crc = await uploadObject(
      { client, bucket: copy.bucket, key: objectKey(copy, file.path), contentType: contentTypeOf(file.path) },
      {
        size,
        ledger: ledgerFor(file, signal),
        partsInFlight: context.partsInFlight,
        signal,
        async open(start) {
          const opened = first;
          first = undefined;
          // The first answer serves as the stream only when it holds the whole file (a part holds it all for a
          // file not bigger than one).
          if (opened && start === 0 && (firstEnd === undefined || firstEnd === total)) return opened.body;
          await opened?.body.cancel();
          return (await openSource(file, { ...sourceOptions, start, validator, expectedLength: size, address })).body;
        },
        openRange: fetchedInParts(file, MIN_PART_SIZE) ? openRange : undefined,
        connections: context.connections,
        async onBytes(count) {
          uploaded.push(count);
          await addProgress(job.id, { bytes: count, done: 0, failed: 0 });
        },
        onRetry: (attempt, error) => updateFile(file.id, { retries: attempt, error }),
      },
    );
  } catch (error) {
    // What this run counted for a file that did not make it is taken back.
    const counted = uploaded.reduce((sum, count) => sum + count, 0);
    if (counted) await addProgress(job.id, { bytes: -counted, done: 0, failed: 0 });
    if (resuming && !again && toErrorInfo(error).code === 'changed') {
      // The file changed on the platform since its acknowledged parts were sent: they are another version's.
      // That upload is given up and the file copied again from its first byte, as the version it is now.
      await giveUp(context, file);
      await forgetUpload(file.id);
      await updateFile(file.id, { expectedBytes: undefined, sourceValidator: undefined });
      return copyFile(context, { ...file, expectedBytes: undefined, sourceValidator: undefined }, true);
    }
    throw error;
  } finally {
    await first?.body.cancel();
  }
  // Written down as done, into the archive ledger, and its upload ledger dropped in one go: a worker stopped
  // between them would otherwise find neither and send the whole file again.
  const crc32 = crc === undefined ? undefined : crcHex(crc);
  await db.transaction('rw', [db.files, db.uploads, db.parts, db.archive], async () => {
    await updateFile(file.id, { state: 'done', bytesDone: size, error: undefined, crc32 });
    await forgetUpload(file.id);
    await recordArchived(job, [
      { file: { ...file, bytesDone: size as number, crc32 }, place: objectKey(copy, file.path) },
    ]);
  });
  await addProgress(job.id, { bytes: 0, done: 1, failed: 0 });
}

/** Copies the files not yet in the bucket, a few at a time, then writes the log and the manifest. */
export function continueS3(jobId: number): Promise<void> {
  if (copying.has(jobId)) return Promise.resolve();
  const controller = new AbortController();
  const done = copyAll(jobId, controller).finally(() => copying.delete(jobId));
  copying.set(jobId, { controller, done: done.catch(() => undefined) });
  return done;
}

async function copyAll(jobId: number, controller: AbortController): Promise<void> {
  let client: S3Client | undefined;
  try {
    const job = await getJob(jobId);
    if (job?.state !== 'running' || !job.s3) return;
    const destination = await getDestination(job.s3.destinationId);
    if (!destination) {
      await failJob(jobId, { code: 's3-no-destination' });
      return;
    }
    client = s3ClientFor(destination);
    const { concurrency, partsInFlight, connections } = await getSettings();
    const context: CopyContext = {
      job,
      copy: job.s3,
      client,
      partsInFlight,
      connections,
      signal: controller.signal,
    };
    const waiting = await db.files
      .where('jobId')
      .equals(jobId)
      .filter((file) => file.state === 'queued' || file.state === 'running')
      .sortBy('id');
    // How the copy ended early, when it did: the export paused or failed by a file's error.
    let stop: FileOutcome | undefined;
    const worker = async () => {
      for (let file = waiting.shift(); file && !controller.signal.aborted; file = waiting.shift()) {
        try {
          await copyFile(context, file);
        } catch (error) {
          if (controller.signal.aborted) return;
          const outcome = await settleFile(file, error);
          // A file given up: its unfinished upload goes, so its parts stop costing storage. An ended session
          // keeps it, to go on from its ledger after Resume.
          if (outcome === 'fail-file' || outcome === 'fail-job') await giveUp(context, file);
          // Wrong keys, a missing bucket, an ended session: every other file would meet the same, so stop now.
          if (outcome === 'pause' || outcome === 'fail-job') {
            stop = outcome;
            controller.abort(new ExportError({ code: 'cancelled' }));
          }
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (stop) {
      // Files cut off by the stop were not given up: they wait, from their ledger, for the next run.
      await db.files.where('[jobId+state]').equals([jobId, 'running']).modify({ state: 'queued' });
      // A failed copy gives up every upload it began, not only the failing file's (their parts have ended).
      if (stop === 'fail-job') await abandonAll(jobId, client, job.s3);
      return;
    }
    if (controller.signal.aborted || (await getJob(jobId))?.state !== 'running') return;
    await writeCopyRecords(context);
    await finishJob(jobId);
  } finally {
    client?.destroy();
  }
}

/** A file that failed for good: its unfinished upload is given up so its parts stop costing storage. */
function giveUp(context: CopyContext, file: ExportFile): Promise<void> {
  return abandon(context.client, context.copy, file.id);
}

/**
 * Gives up a file's unfinished upload. A server that refuses (or cannot) abort it is written into the file's
 * history, so the user knows parts may be left in the bucket.
 */
async function abandon(client: S3Client, copy: S3Copy, fileId: number): Promise<void> {
  const upload = await db.uploads.get(fileId);
  const file = await db.files.get(fileId);
  if (upload && file) {
    const result = await abandonUpload(
      { client, bucket: copy.bucket, key: objectKey(copy, file.path) },
      upload.uploadId,
    );
    if (!result.aborted) {
      const error = file.error ?? { code: 'cancelled' as const };
      await updateFile(fileId, { error: { ...error, detail: `${result.note} (upload ${upload.uploadId})` } });
      // Kept in the ledger so it can still be aborted, unless this server can never abort it.
      if (result.worthKeeping) return;
    }
  }
  await forgetUpload(fileId);
}

/** Every unfinished upload of the copy is given up: a copy that ends early never leaves one behind. */
async function abandonAll(jobId: number, client: S3Client, copy: S3Copy): Promise<void> {
  const uploads = await db.uploads.where('jobId').equals(jobId).toArray();
  for (const upload of uploads) await abandon(client, copy, upload.fileId);
}

/** Pause and cancel: the copies in flight stop; cancel also gives up the unfinished uploads. */
async function stopS3(jobId: number, how: StopHow): Promise<void> {
  const running = copying.get(jobId);
  running?.controller.abort(new ExportError({ code: 'cancelled' }));
  // Parts on their way end first, so no part lands in an upload after it was aborted.
  await running?.done;
  await db.files
    .where('[jobId+state]')
    .equals([jobId, 'running'])
    .modify(how === 'pause' ? { state: 'queued' } : { state: 'failed', error: { code: 'cancelled' } });
  const job = await getJob(jobId);
  const destination = job?.s3 && (await getDestination(job.s3.destinationId));
  if (how !== 'cancel' || !job?.s3 || !destination) return;
  const client = s3ClientFor(destination);
  try {
    await abandonAll(jobId, client, job.s3);
  } finally {
    client.destroy();
  }
}

export const s3Sink: Sink = {
  // A copy names its destination by id: the keys are read from where they are kept whenever the copy runs.
  async newJob(destinationId, now) {
    const destination = await getDestination(destinationId ?? '');
    if (!destination) throw new ExportError({ code: 's3-no-destination' });
    const { id, name, bucket, prefix } = destination;
    const s3: S3Copy = {
      destinationId: id,
      destinationName: name,
      bucket,
      prefix,
      copyId: newCopyId(),
      startedAt: now,
    };
    return { s3 };
  },
  volumeBytes: async () => 0,
  carryOn: continueS3,
  async stop(jobId, how, write) {
    if (await write()) await stopS3(jobId, how);
  },
  resume: async () => undefined,
  // An S3 copy saves nothing through the browser's download manager.
  downloadEnded: async () => undefined,
};
