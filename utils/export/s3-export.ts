// S3 copies: every file of the export goes up as its own object, `<prefix>/<copy id>/<recording folder>/<file>`,
// the layout Blackboard's own copy writes; the metadata log and the manifest go into the copy folder last.
// Each file is streamed from the platform into S3 (parts in flight × part size is all it holds); a multipart
// upload's acknowledged parts are in the database, so a stopped worker's copy goes on from the first missing one.
import type { S3Client } from '@aws-sdk/client-s3';
import { db, type S3Copy } from '../db';
import { ExportError } from '../errors';
import { checksumsFor, s3ClientFor } from '../s3/client';
import { getDestination } from '../s3/destinations';
import { getSettings } from '../settings';
import { type FileOutcome, settleFile } from './file-outcome';
import { failJob, finishJob, getJob } from './jobs';
import { type CopyContext, copyFile, giveUp } from './s3-copy-file';
import { newCopyId } from './s3-layout';
import { abandonAll, writeCopyRecords } from './s3-records';
import type { Sink, StopHow } from './sink';

/** Copies running in this worker, each with the switch that stops it (pause, cancel) and its end. */
const copying = new Map<number, { controller: AbortController; done: Promise<void> }>();

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
      checksums: checksumsFor(destination),
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
  async newJob({ destinationId, checkBucket }, now) {
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
    return { s3, checkBucket };
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
