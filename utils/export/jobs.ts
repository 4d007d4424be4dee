// Reading and changing export jobs. Every change is written to the database before anyone is told about it,
// so what the bar and the popup show is never ahead of what survives a restart.

import { db, type ExportFile, type ExportJob, type JobRecording, type ZipVolume } from '../db';
import type { ErrorInfo } from '../errors';
import type { Recording } from '../model';
import type { JobSnapshot } from '../protocol';
import { type JobEvent, type JobState, nextState } from './job-state';
import { forgetRate, meterOf, RATE_WINDOW_MS } from './rate';
import { copyFolder } from './s3-layout';

/** `movedFrom`: the state the job left, when this change moved it (a notification tells of an end once). */
type Listener = (job: JobSnapshot, movedFrom?: JobState) => void;
const listeners = new Set<Listener>();

export function onJobChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function snapshot(job: ExportJob): JobSnapshot {
  const { id, name, site, destination, state, fileCount, filesDone, filesFailed, bytesTotal, bytesDone, error } = job;
  const filesSkipped = job.filesSkipped ?? 0;
  const volumeCount = job.volumes.length;
  return {
    id,
    name,
    site,
    origin: job.origin,
    destination,
    volumeCount,
    copyId: job.s3?.copyId,
    copyPlace: job.s3 && `${job.s3.bucket}/${copyFolder(job.s3)}`,
    state,
    fileCount,
    filesDone,
    filesFailed,
    filesSkipped,
    bytesTotal,
    bytesDone,
    rate: job.rate,
    error,
  };
}

function announce(job: ExportJob, movedFrom?: JobState): void {
  const shown = snapshot(job);
  for (const listener of listeners) listener(shown, movedFrom);
}

/** The recordings an export was asked for, in the order they were chosen. */
export async function jobRecordings(jobId: number): Promise<Recording[]> {
  return (await jobRecordingRows(jobId)).map((row) => row.recording);
}

/** The same, with what a retry asks of each (only some of its files). */
export function jobRecordingRows(jobId: number): Promise<JobRecording[]> {
  return db.recordings.where('jobId').equals(jobId).sortBy('id');
}

export async function getJob(id: number): Promise<ExportJob | undefined> {
  return db.jobs.get(id);
}

/** Writes a change to a job, then announces it. Returns the job as stored. */
export async function updateJob(id: number, change: Partial<Omit<ExportJob, 'id'>>): Promise<ExportJob | undefined> {
  await db.jobs.update(id, { ...change, updatedAt: Date.now() });
  const job = await db.jobs.get(id);
  if (job) announce(job);
  return job;
}

/**
 * Changes one ZIP volume, reading the list and writing it back in one transaction: the stream reaching its end,
 * the browser naming its download and a pause each change the same list, and none may undo another's change.
 */
export async function changeVolume(
  jobId: number,
  index: number,
  change: Partial<ZipVolume> | ((volume: ZipVolume) => Partial<ZipVolume>),
): Promise<ExportJob | undefined> {
  await db.transaction('rw', db.jobs, async () => {
    const job = await db.jobs.get(jobId);
    const volume = job?.volumes[index];
    if (!job || !volume) return;
    const changed = { ...volume, ...(typeof change === 'function' ? change(volume) : change) };
    const volumes = job.volumes.map((v, i) => (i === index ? changed : v));
    await db.jobs.update(jobId, { volumes, updatedAt: Date.now() });
  });
  const job = await db.jobs.get(jobId);
  if (job) announce(job);
  return job;
}

/**
 * Moves a job along its state machine. An event that is not allowed in the job's current state (a late
 * message for a job that was cancelled meanwhile) changes nothing and returns undefined.
 */
export async function transition(
  id: number,
  event: JobEvent,
  change: Partial<Omit<ExportJob, 'id' | 'state'>> = {},
): Promise<ExportJob | undefined> {
  const movedFrom = await db.transaction('rw', db.jobs, async () => {
    const job = await db.jobs.get(id);
    const state = job && nextState(job.state, event);
    if (!state) return undefined;
    const finished = ['completed', 'completed-with-failures', 'failed', 'cancelled'].includes(state);
    // Every move starts the rate over: a paused or queued export has none, a resumed one is measured afresh.
    forgetRate(id);
    await db.jobs.update(id, {
      ...change,
      rate: undefined,
      state,
      updatedAt: Date.now(),
      ...(finished ? { finishedAt: Date.now() } : {}),
    });
    return job.state;
  });
  if (!movedFrom) return undefined;
  const job = await db.jobs.get(id);
  if (job) announce(job, movedFrom);
  return job;
}

export function failJob(id: number, error: ErrorInfo): Promise<ExportJob | undefined> {
  return transition(id, 'fail', { error });
}

/** Every file has ended: the export is completed, or completed with failures, as its files say. */
export async function finishJob(id: number): Promise<ExportJob | undefined> {
  await recount(id);
  const job = await db.jobs.get(id);
  return transition(id, job && job.filesFailed > 0 ? 'finish-with-failures' : 'finish');
}

/** An export that cannot go on until the user acts (signs in again): paused, with the reason shown until Resume. */
export function pauseJobFor(id: number, error: ErrorInfo): Promise<ExportJob | undefined> {
  return transition(id, 'pause', { error });
}

export async function updateFile(id: number, change: Partial<Omit<ExportFile, 'id'>>): Promise<void> {
  await db.files.update(id, change);
}

export async function jobFiles(jobId: number): Promise<ExportFile[]> {
  return db.files.where('jobId').equals(jobId).sortBy('id');
}

export interface ProgressDelta {
  bytes: number;
  done: number;
  failed: number;
}

/** Adds to a job's counts inside one transaction, so counts from several places never overwrite each other. */
export async function addProgress(id: number, delta: ProgressDelta): Promise<void> {
  const changed = await db.transaction('rw', db.jobs, async () => {
    const job = await db.jobs.get(id);
    if (!job) return false;
    const now = Date.now();
    const bytesDone = job.bytesDone + delta.bytes;
    const filesDone = job.filesDone + delta.done;
    const filesFailed = job.filesFailed + delta.failed;
    const meter = meterOf(id);
    meter.add(now, bytesDone, filesDone + filesFailed);
    await db.jobs.update(id, { bytesDone, filesDone, filesFailed, rate: meter.rate(), updatedAt: now });
    return true;
  });
  const job = changed ? await db.jobs.get(id) : undefined;
  if (job) announce(job);
  if (job?.rate) forgetRateIfStalled(id);
}

const stallChecks = new Map<number, ReturnType<typeof setTimeout>>();

/**
 * A stalled download writes no progress, so the rate said last would stand for as long as the stall lasts: after
 * a whole window without progress it is taken back (the next progress measures the window with the stall in it).
 */
function forgetRateIfStalled(id: number): void {
  clearTimeout(stallChecks.get(id));
  stallChecks.set(
    id,
    setTimeout(() => {
      stallChecks.delete(id);
      void db.jobs.get(id).then((job) => {
        // Reset at every progress: firing means a whole window went by without any.
        if (job?.rate) return updateJob(id, { rate: undefined });
      });
    }, RATE_WINDOW_MS),
  );
}

/** Counts a job's progress again from its files: after a restart, what the files say is what is true. */
export async function recount(id: number): Promise<void> {
  const files = await jobFiles(id);
  const done = files.filter((file) => file.state === 'done');
  // Counted again (after a restart): the rate is measured afresh from these counts.
  forgetRate(id);
  await updateJob(id, {
    rate: undefined,
    filesDone: done.length,
    filesFailed: files.filter((file) => file.state === 'failed').length,
    filesSkipped: files.filter((file) => file.state === 'skipped').length,
    bytesDone: done.reduce((sum, file) => sum + file.bytesDone, 0),
  });
}
