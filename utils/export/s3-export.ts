// S3 copies: every file of the export goes up as its own object, `<prefix>/<copy id>/<recording folder>/<file>`,
// the layout Blackboard's own copy writes; the metadata log and the manifest go into the copy folder last.
// Each file is streamed from the platform into S3 (parts in flight × part size is all it holds); a multipart
// upload's acknowledged parts are in the database, so a stopped worker's copy goes on from the first missing one.
import type { S3Client } from '@aws-sdk/client-s3';
import { db, type ExportFile, type ExportJob, type S3Copy } from '../db';
import { type ErrorInfo, ExportError, pausesExport, stopsExport, toErrorInfo } from '../errors';
import { s3ClientFor } from '../s3/client';
import { getDestination } from '../s3/destinations';
import { abandonUpload, type UploadLedger, uploadObject } from '../s3/multipart';
import { getSettings } from '../settings';
import { adapterFor } from '../sites/registry';
import { addProgress, failJob, getJob, jobRecordings, pauseJobFor, recount, transition, updateFile } from './jobs';
import { MANIFEST_NAME, manifestCsv } from './manifest';
import { metadataLogCsv, metadataLogName } from './metadata-log';
import { platformSource } from './platform-source';
import { objectKey } from './s3-layout';
import { type OpenedFile, openSource } from './source';

const CONTENT_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  vtt: 'text/vtt',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
};

function contentTypeOf(path: string): string | undefined {
  return CONTENT_TYPES[path.split('.').pop()?.toLowerCase() ?? ''];
}

/** Copies running in this worker, each with the switch that stops it (pause, cancel). */
const copying = new Map<number, AbortController>();

/**
 * The database as the upload's ledger: parts are written before they count as sent. Once the copy is stopped
 * nothing more is written, so a cancel that gives the upload up leaves no part behind it.
 */
function ledgerFor(file: ExportFile, signal: AbortSignal): UploadLedger {
  return {
    async load() {
      const upload = await db.uploads.get(file.id);
      const parts = await db.parts.where('fileId').equals(file.id).toArray();
      return {
        uploadId: upload?.uploadId,
        partSize: upload?.partSize,
        parts: parts.map(({ partNumber, size, etag }) => ({ partNumber, size, etag })),
      };
    },
    async begin(uploadId, partSize) {
      await db.transaction('rw', db.uploads, db.parts, async () => {
        await db.parts.where('fileId').equals(file.id).delete();
        await db.uploads.put({ fileId: file.id, jobId: file.jobId, uploadId, partSize });
      });
    },
    async addPart(part) {
      if (signal.aborted) return;
      await db.parts.put({ key: `${file.id}/${part.partNumber}`, fileId: file.id, ...part });
    },
  };
}

function forgetUpload(fileId: number): Promise<void> {
  return db.transaction('rw', db.uploads, db.parts, async () => {
    await db.uploads.delete(fileId);
    await db.parts.where('fileId').equals(fileId).delete();
  });
}

interface CopyContext {
  job: ExportJob;
  copy: S3Copy;
  client: S3Client;
  partsInFlight: number;
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
  const resuming = size !== undefined && (await db.uploads.get(file.id)) !== undefined;
  if (!resuming || size === undefined) {
    // A fresh start: the platform's answer tells the exact size, which decides the part size.
    first = await openSource(file, sourceOptions);
    if (first.length === undefined) throw new ExportError({ code: 'not-media', detail: 'no Content-Length' });
    size = first.length;
    validator = first.validator;
    await updateFile(file.id, { expectedBytes: size, sourceValidator: validator });
  }
  const uploaded: number[] = [];
  try {
    await uploadObject(
      { client, bucket: copy.bucket, key: objectKey(copy, file.path), contentType: contentTypeOf(file.path) },
      {
        size,
        ledger: ledgerFor(file, signal),
        partsInFlight: context.partsInFlight,
        signal,
        async open(start) {
          const opened = first;
          first = undefined;
          if (opened && start === 0) return opened.body;
          await opened?.body.cancel();
          return (await openSource(file, { ...sourceOptions, start, validator, expectedLength: size })).body;
        },
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
  // Written down as done and its ledger dropped in one go: a worker stopped between the two would otherwise find
  // neither and send the whole file again.
  await db.transaction('rw', db.files, db.uploads, db.parts, async () => {
    await updateFile(file.id, { state: 'done', bytesDone: size, error: undefined });
    await forgetUpload(file.id);
  });
  await addProgress(job.id, { bytes: 0, done: 1, failed: 0 });
}

/** Copies the files not yet in the bucket, a few at a time, then writes the log and the manifest. */
export async function continueS3(jobId: number): Promise<void> {
  if (copying.has(jobId)) return;
  const controller = new AbortController();
  copying.set(jobId, controller);
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
    const { concurrency, partsInFlight } = await getSettings();
    const context: CopyContext = { job, copy: job.s3, client, partsInFlight, signal: controller.signal };
    const waiting = await db.files
      .where('jobId')
      .equals(jobId)
      .filter((file) => file.state === 'queued' || file.state === 'running')
      .sortBy('id');
    let stop: ErrorInfo | undefined;
    const worker = async () => {
      for (let file = waiting.shift(); file && !stop && !controller.signal.aborted; file = waiting.shift()) {
        try {
          await copyFile(context, file);
        } catch (error) {
          if (controller.signal.aborted) return;
          const info = toErrorInfo(error);
          // An ended session: the file keeps its unfinished upload and goes on from its ledger after Resume.
          if (pausesExport(info)) {
            await updateFile(file.id, { state: 'queued' });
            stop = info;
            controller.abort(new ExportError(info));
            return;
          }
          await updateFile(file.id, { state: 'failed', error: info });
          await addProgress(jobId, { bytes: 0, done: 0, failed: 1 });
          await giveUp(context, file);
          // Wrong keys, a missing bucket, a refusal: every other file would meet the same, so stop at once.
          if (stopsExport(info)) {
            stop = info;
            controller.abort(new ExportError(info));
          }
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (stop && pausesExport(stop)) {
      await db.files.where('[jobId+state]').equals([jobId, 'running']).modify({ state: 'queued' });
      await pauseJobFor(jobId, stop);
      return;
    }
    if (stop) {
      await failJob(jobId, stop);
      return;
    }
    if (controller.signal.aborted || (await getJob(jobId))?.state !== 'running') return;
    await writeCopyRecords(context);
    await recount(jobId);
    const finished = await getJob(jobId);
    await transition(jobId, finished && finished.filesFailed > 0 ? 'finish-with-failures' : 'finish');
  } finally {
    copying.delete(jobId);
    client?.destroy();
  }
}

/** A file that failed for good: its unfinished upload is given up so its parts stop costing storage. */
async function giveUp(context: CopyContext, file: ExportFile): Promise<void> {
  const upload = await db.uploads.get(file.id);
  if (!upload) return;
  const target = { client: context.client, bucket: context.copy.bucket, key: objectKey(context.copy, file.path) };
  const note = await abandonUpload(target, upload.uploadId);
  if (note) {
    const current = await db.files.get(file.id);
    await updateFile(file.id, { error: { ...(current?.error ?? { code: 'unknown' }), detail: note } });
  }
  await forgetUpload(file.id);
}

/** The metadata log and the manifest, into the copy folder: written once every file has ended. */
async function writeCopyRecords(context: CopyContext): Promise<void> {
  const { job, copy, client } = context;
  const adapter = adapterFor(job.site);
  const files = await db.files.where('jobId').equals(job.id).sortBy('id');
  const rows = (await jobRecordings(job.id)).map((recording) => ({
    columns: adapter ? adapter.reportColumns(recording) : recording.columns,
    files: files.filter((file) => file.recordingId === recording.id),
  }));
  const log = metadataLogCsv(rows, (file) => objectKey(copy, file.path));
  const records: [string, string][] = [
    [metadataLogName(copy.startedAt, copy.copyId, adapter?.logName ?? job.site), log],
    [MANIFEST_NAME, manifestCsv(files)],
  ];
  for (const [name, text] of records) {
    const body = new TextEncoder().encode(text);
    const ledger: UploadLedger = {
      load: async () => ({ parts: [] }),
      begin: async () => undefined,
      addPart: async () => undefined,
    };
    await uploadObject(
      { client, bucket: copy.bucket, key: objectKey(copy, name), contentType: contentTypeOf(name) },
      {
        size: body.byteLength,
        ledger,
        partsInFlight: 1,
        signal: context.signal,
        open: async () => new Blob([body]).stream(),
      },
    );
  }
}

/** Pause and cancel: the copies in flight stop; cancel also gives up the unfinished uploads. */
export async function stopS3(jobId: number, how: 'pause' | 'cancel'): Promise<void> {
  copying.get(jobId)?.abort(new ExportError({ code: 'cancelled' }));
  await db.files
    .where('[jobId+state]')
    .equals([jobId, 'running'])
    .modify(how === 'pause' ? { state: 'queued' } : { state: 'failed', error: { code: 'cancelled' } });
  if (how === 'cancel') await abandonAll(jobId);
}

async function abandonAll(jobId: number): Promise<void> {
  const job = await getJob(jobId);
  const destination = job?.s3 && (await getDestination(job.s3.destinationId));
  const uploads = await db.uploads.where('jobId').equals(jobId).toArray();
  if (!job?.s3 || !destination) return;
  const client = s3ClientFor(destination);
  try {
    for (const upload of uploads) {
      const file = await db.files.get(upload.fileId);
      if (file)
        await abandonUpload({ client, bucket: job.s3.bucket, key: objectKey(job.s3, file.path) }, upload.uploadId);
      await forgetUpload(upload.fileId);
    }
  } finally {
    client.destroy();
  }
}
