// Runs exports one at a time, in the order they were asked for, and carries on after the worker was stopped:
// whatever the database says is unfinished is continued, never started over.
import { db, type ExportJob, type JobRecording } from '../db';
import { ExportError } from '../errors';
import type { Command } from '../protocol';
import { adapterFor } from '../sites/registry';
import { describedExportName } from './described-name';
import { settleDownloadsOfEarlierSession } from './download-ids';
import { settleExport } from './file-outcome';
import { pruneOldExports } from './history-privacy';
import { isFinished } from './job-state';
import { getJob, onJobChange, transition } from './jobs';
import { keepAliveWhile } from './keep-alive';
import { exportName } from './naming';
import { planExport } from './plan';
import type { StopHow } from './sink';
import { sinkFor } from './sinks';
import { dropJobSpool, dropSpoolsBut } from './spool';

type ExportCommand = Extract<Command, { type: 'export' }>;

/** Writes the job first, then queues it: the caller gets the job's id at once. */
export async function startExport(command: ExportCommand): Promise<number> {
  const adapter = adapterFor(command.site);
  if (!adapter?.isPlatformOrigin(command.origin)) throw new ExportError({ code: 'bad-request', detail: 'origin' });
  const { destinationId, checkBucket } = command;
  const kept = await sinkFor(command.destination).newJob({ destinationId, checkBucket }, Date.now());
  return queueExport(
    {
      site: command.site,
      destination: command.destination,
      origin: command.origin,
      nameTemplate: command.nameTemplate,
      skippedFiles: command.skippedFiles,
      name: command.name,
      skipArchived: command.skipArchived,
      ...kept,
    },
    command.recordings.map((recording) => ({ recording })),
  );
}

type NewExport = Pick<ExportJob, 'site' | 'destination' | 'origin'> & Partial<ExportJob>;

/** Writes a new export and its recordings, then lets the queue move; shared by the bar's exports and retries. */
export async function queueExport(fields: NewExport, recordings: Array<Omit<JobRecording, 'id' | 'jobId'>>) {
  const adapter = adapterFor(fields.site);
  if (!adapter) throw new ExportError({ code: 'bad-request', detail: 'site' });
  const now = Date.now();
  // The job and its recordings are written together: a planner never meets a job without its recordings. Its
  // name is chosen inside the same transaction, so two exports started at once (two tabs) never share one.
  const jobId = await db.transaction('rw', db.jobs, db.recordings, async () => {
    const recent = await db.jobs
      .where('createdAt')
      .above(now - 86_400_000)
      .toArray();
    const taken = new Set(recent.map((job) => job.name));
    const id = await db.jobs.add({
      ...fields,
      // Unnamed (the popup's imported report, a retry): what is in it and the day, as the bar suggests.
      name: exportName(
        adapter.displayName,
        new Date(now),
        taken,
        fields.name ??
          describedExportName(
            adapter.displayName,
            { search: '', count: recordings.length, title: recordings[0]?.recording.title },
            new Date(now),
          ),
      ),
      state: 'queued',
      createdAt: now,
      updatedAt: now,
      fileCount: 0,
      filesDone: 0,
      filesFailed: 0,
      bytesTotal: 0,
      bytesDone: 0,
      volumes: [],
    });
    await db.recordings.bulkAdd(recordings.map((row) => ({ ...row, jobId: id })));
    return id;
  });
  void runNext();
  return jobId;
}

/**
 * Starts the oldest queued job when none is running. Looking and starting are one transaction: a wake-up that
 * comes while another chooses (a download's end, the alarm, a Resume) sees its choice, never a second job.
 */
export async function runNext(): Promise<void> {
  const started = await db.transaction('rw', db.jobs, async () => {
    if ((await db.jobs.where('state').equals('running').count()) > 0) return undefined;
    const [job] = await db.jobs.where('state').equals('queued').sortBy('createdAt');
    return job && (await transition(job.id, 'start'));
  });
  if (started) await carryOn(started.id);
}

// Jobs this worker is moving on right now: the minute alarm must not start a second planning of the same job.
const busy = new Set<number>();
// Jobs asked to move on while they were busy (a quick Pause and Resume while the first run still ends): moved on
// again as soon as that run ends, rather than at the next alarm.
const askedAgain = new Set<number>();

/** Moves a running job on from wherever it is: planning, saving volumes, or downloading files. */
async function carryOn(jobId: number): Promise<void> {
  if (busy.has(jobId)) {
    askedAgain.add(jobId);
    return;
  }
  busy.add(jobId);
  keepAliveWhile(jobId, true);
  try {
    const job = await getJob(jobId);
    const adapter = job && adapterFor(job.site);
    if (job?.state !== 'running' || !adapter) return;
    const sink = sinkFor(job.destination);
    await planExport(jobId, adapter, await sink.volumeBytes());
    await sink.carryOn(jobId);
  } catch (error) {
    // Paused or cancelled meanwhile (say while an S3 copy wrote its log): what broke off was the stop itself.
    if ((await getJob(jobId))?.state === 'running') await settleExport(jobId, error);
  } finally {
    busy.delete(jobId);
  }
  if (askedAgain.delete(jobId)) await carryOn(jobId);
}

/** On every wake-up (start, the minute alarm): running jobs carry on, then the queue moves. */
export async function recover(): Promise<void> {
  await settleDownloadsOfEarlierSession();
  await pruneOldExports();
  // Spools left by a worker that ended before its export did (a cancel, a failure it did not live to clean up).
  await dropSpoolsBut(await db.jobs.where('state').anyOf('running', 'paused', 'queued').primaryKeys());
  for (const job of await db.jobs.where('state').equals('running').toArray()) await carryOn(job.id);
  await runNext();
}

/** Pause or cancel: the export's sink stops its work, and the new state is written when nothing is on its way. */
async function stopExport(jobId: number, how: StopHow): Promise<void> {
  const job = await getJob(jobId);
  if (!job) return;
  const write = () =>
    how === 'pause' ? transition(jobId, 'pause') : transition(jobId, 'cancel', { error: { code: 'cancelled' } });
  await sinkFor(job.destination).stop(jobId, how, write);
  await runNext();
}

export function pauseExport(jobId: number): Promise<void> {
  return stopExport(jobId, 'pause');
}

export function cancelExport(jobId: number): Promise<void> {
  return stopExport(jobId, 'cancel');
}

export async function resumeExport(jobId: number): Promise<void> {
  // The reason it was paused for (an ended session) is mended or not: the next try tells.
  const job = await transition(jobId, 'resume', { error: undefined });
  if (job) await sinkFor(job.destination).resume(jobId);
  await runNext();
}

/** Jobs end in many places (a download's end, a cancel, a failure): whichever it is, the next job starts. */
export function followJobs(): void {
  onJobChange((job) => {
    if (!isFinished(job.state) && job.state !== 'paused') return;
    keepAliveWhile(job.id, false);
    // An ended export's ZIP volume is never written again; a paused one keeps its spool for Resume.
    if (isFinished(job.state)) void dropJobSpool(job.id);
    // Released before the next export starts, which prepares its own again: never after it.
    void releaseWhatNoExportNeeds(job.site).then(runNext);
  });
}

/** What a platform's downloads needed (Zoom's Referer rule) is undone once no export of it is left to run. */
export async function releaseWhatNoExportNeeds(site: string): Promise<void> {
  // A paused or queued export will need it again (a resumed folder export's downloads go on at once).
  const open = await db.jobs.where('state').anyOf('running', 'paused', 'queued').toArray();
  if (open.some((job) => job.site === site)) return;
  await adapterFor(site)
    ?.releaseDownloads?.()
    .catch(() => undefined);
}
