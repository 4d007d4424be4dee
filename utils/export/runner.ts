// Runs an export from the user's choice to a saved file: write the job, plan its files, save the archive.
import { db } from '../db';
import { ExportError, toErrorInfo } from '../errors';
import type { Command } from '../protocol';
import { adapterFor } from '../sites/registry';
import { settleDownload } from './downloads';
import { isFinished } from './job-state';
import { failJob, getJob, onJobChange, transition } from './jobs';
import { keepAliveWhile } from './keep-alive';
import { exportName } from './naming';
import { planExport } from './plan';
import { startZipDownload } from './save-zip-chrome';
import { saveZipWithBlob } from './save-zip-firefox';
import { openZipStream } from './zip-stream';

type ExportCommand = Extract<Command, { type: 'export' }>;

const controllers = new Map<number, AbortController>();

function controllerFor(jobId: number): AbortController {
  let controller = controllers.get(jobId);
  if (!controller) {
    controller = new AbortController();
    controllers.set(jobId, controller);
  }
  return controller;
}

/** Writes the job first, then starts it without waiting: the caller gets the job's id at once. */
export async function startExport(command: ExportCommand): Promise<number> {
  const adapter = adapterFor(command.site);
  if (!adapter?.isPlatformOrigin(command.origin)) throw new ExportError({ code: 'bad-request', detail: 'origin' });
  const now = Date.now();
  const jobId = await db.jobs.add({
    site: command.site,
    destination: command.destination,
    origin: command.origin,
    name: exportName(adapter.displayName, new Date(now)),
    state: 'queued',
    createdAt: now,
    updatedAt: now,
    recordings: command.recordings,
    fileCount: 0,
    filesDone: 0,
    filesFailed: 0,
    bytesTotal: 0,
    bytesDone: 0,
  });
  void runExport(jobId);
  return jobId;
}

async function runExport(jobId: number): Promise<void> {
  keepAliveWhile(jobId, true);
  try {
    const job = await transition(jobId, 'start');
    const adapter = job && adapterFor(job.site);
    if (!adapter) return;
    await planExport(jobId, adapter);
    if (import.meta.env.FIREFOX) await saveZipWithBlob(jobId, controllerFor(jobId).signal);
    else await startZipDownload(jobId);
  } catch (error) {
    await failJob(jobId, toErrorInfo(error));
    keepAliveWhile(jobId, false);
  }
}

/** The worker's answer to the offscreen frame's request for a job's ZIP. */
export async function zipResponse(jobId: number): Promise<Response> {
  const job = await getJob(jobId);
  const stream = job && (await openZipStream(jobId, controllerFor(jobId).signal));
  // 204 makes the frame's navigation end quietly: nothing is saved when there is nothing right to save.
  if (!job || !stream) {
    keepAliveWhile(jobId, false);
    return new Response(null, { status: 204 });
  }
  const name = `${job.name}.zip`;
  return new Response(stream, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}

export async function cancelExport(jobId: number): Promise<void> {
  const job = await transition(jobId, 'cancel', { error: { code: 'cancelled' } });
  controllers.get(jobId)?.abort();
  if (job?.downloadId !== undefined) await settleDownload(job.downloadId, 'interrupted', 'cancelled');
}

/** Jobs end in many places (the download listener, a cancel, a failure): whichever it is, let go of what they held. */
export function releaseFinishedJobs(): void {
  onJobChange((job) => {
    if (!isFinished(job.state)) return;
    controllers.delete(job.id);
    keepAliveWhile(job.id, false);
  });
}
