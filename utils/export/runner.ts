// Runs exports one at a time, in the order they were asked for, and carries on after the worker was stopped:
// whatever the database says is unfinished is continued, never started over.
import { db } from '../db';
import { ExportError, pausesExport, toErrorInfo } from '../errors';
import type { Command } from '../protocol';
import { getDestination } from '../s3/destinations';
import { getSettings } from '../settings';
import { adapterFor } from '../sites/registry';
import { forgetDownloadIdsOfEarlierSession } from './download-ids';
import { reconcileFolder, resumeFolder, stopFolder } from './folder-export';
import { isFinished } from './job-state';
import { failJob, getJob, onJobChange, pauseJobFor, transition } from './jobs';
import { keepAliveWhile } from './keep-alive';
import { exportName } from './naming';
import { planExport } from './plan';
import { continueS3, stopS3 } from './s3-export';
import { newCopyId } from './s3-layout';
import { continueZip, stopZip } from './zip-export';

type ExportCommand = Extract<Command, { type: 'export' }>;

/** Writes the job first, then queues it: the caller gets the job's id at once. */
export async function startExport(command: ExportCommand): Promise<number> {
  const adapter = adapterFor(command.site);
  if (!adapter?.isPlatformOrigin(command.origin)) throw new ExportError({ code: 'bad-request', detail: 'origin' });
  const now = Date.now();
  // An S3 copy names its destination by id; the keys are read from storage.local whenever the copy runs.
  const destination = command.destination === 's3' ? await getDestination(command.destinationId ?? '') : undefined;
  if (command.destination === 's3' && !destination) throw new ExportError({ code: 's3-no-destination' });
  // The job and its recordings are written together: a planner never meets a job without its recordings. Its
  // name is chosen inside the same transaction, so two exports started at once (two tabs) never share one.
  const jobId = await db.transaction('rw', db.jobs, db.recordings, async () => {
    const recent = await db.jobs
      .where('createdAt')
      .above(now - 86_400_000)
      .toArray();
    const taken = new Set(recent.map((job) => job.name));
    const id = await db.jobs.add({
      site: command.site,
      destination: command.destination,
      origin: command.origin,
      name: exportName(adapter.displayName, new Date(now), taken),
      state: 'queued',
      createdAt: now,
      updatedAt: now,
      nameTemplate: command.nameTemplate,
      skippedFiles: command.skippedFiles,
      fileCount: 0,
      filesDone: 0,
      filesFailed: 0,
      bytesTotal: 0,
      bytesDone: 0,
      volumes: [],
      s3: destination && {
        destinationId: destination.id,
        destinationName: destination.name,
        bucket: destination.bucket,
        prefix: destination.prefix,
        copyId: newCopyId(),
        startedAt: now,
      },
    });
    await db.recordings.bulkAdd(command.recordings.map((recording) => ({ jobId: id, recording })));
    return id;
  });
  void runNext();
  return jobId;
}

/** Starts the oldest queued job when none is running. */
export async function runNext(): Promise<void> {
  if ((await db.jobs.where('state').equals('running').count()) > 0) return;
  const next = await db.jobs.where('state').equals('queued').sortBy('createdAt');
  const job = next[0];
  if (!job) return;
  const started = await transition(job.id, 'start');
  if (started) await carryOn(job.id);
}

// Jobs this worker is moving on right now: the minute alarm must not start a second planning of the same job.
const busy = new Set<number>();

/** Moves a running job on from wherever it is: planning, saving volumes, or downloading files. */
async function carryOn(jobId: number): Promise<void> {
  if (busy.has(jobId)) return;
  busy.add(jobId);
  keepAliveWhile(jobId, true);
  try {
    const job = await getJob(jobId);
    const adapter = job && adapterFor(job.site);
    if (job?.state !== 'running' || !adapter) return;
    // Volumes are a ZIP matter: the other destinations take every file as one "volume".
    await planExport(jobId, adapter, job.destination === 'zip' ? (await getSettings()).volumeBytes : 0);
    if (job.destination === 'zip') await continueZip(jobId);
    else if (job.destination === 's3') await continueS3(jobId);
    else await reconcileFolder(jobId);
  } catch (error) {
    const info = toErrorInfo(error);
    // Paused or cancelled meanwhile (say while an S3 copy wrote its log): what broke off was the stop itself.
    if ((await getJob(jobId))?.state !== 'running') return;
    await (pausesExport(info) ? pauseJobFor(jobId, info) : failJob(jobId, info));
  } finally {
    busy.delete(jobId);
  }
}

/** On every wake-up (start, the minute alarm): running jobs carry on, then the queue moves. */
export async function recover(): Promise<void> {
  await forgetDownloadIdsOfEarlierSession();
  for (const job of await db.jobs.where('state').equals('running').toArray()) await carryOn(job.id);
  await runNext();
}

export async function pauseExport(jobId: number): Promise<void> {
  const job = await getJob(jobId);
  if (job?.destination === 'folder') {
    await stopFolder(jobId, 'pause', () => transition(jobId, 'pause'));
  } else if (await transition(jobId, 'pause')) {
    if (job?.destination === 's3') await stopS3(jobId, 'pause');
    else await stopZip(jobId);
  }
  await runNext();
}

export async function resumeExport(jobId: number): Promise<void> {
  // The reason it was paused for (an ended session) is mended or not: the next try tells.
  const job = await transition(jobId, 'resume', { error: undefined });
  if (job?.destination === 'folder') await resumeFolder(jobId);
  await runNext();
}

export async function cancelExport(jobId: number): Promise<void> {
  const cancel = () => transition(jobId, 'cancel', { error: { code: 'cancelled' } });
  const job = await getJob(jobId);
  if (job?.destination === 'folder') await stopFolder(jobId, 'cancel', cancel);
  else if (await cancel()) await (job?.destination === 's3' ? stopS3(jobId, 'cancel') : stopZip(jobId));
  await runNext();
}

/** Jobs end in many places (a download's end, a cancel, a failure): whichever it is, the next job starts. */
export function followJobs(): void {
  onJobChange((job) => {
    if (!isFinished(job.state) && job.state !== 'paused') return;
    keepAliveWhile(job.id, false);
    void runNext();
  });
}
