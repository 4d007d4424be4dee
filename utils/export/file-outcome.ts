// The one place that decides what an error means for a file and for its export, the same for every destination:
// try the file again, pause the export until the user mends it, give up on the file, or stop the whole export.
import type { ExportFile } from '../db';
import { type ErrorInfo, isRetryable, pausesExport, stopsExport, toErrorInfo } from '../errors';
import { addProgress, failJob, pauseJobFor, updateFile } from './jobs';
import { DEFAULT_RETRY } from './retry';

export type FileOutcome =
  /** Back to the queue, to be fetched again from the platform. */
  | 'retry'
  /** The export waits for the user (sign in again, fresh keys); the file goes on after Resume. */
  | 'pause'
  /** Paused or cancelled by the user: whoever stopped the export writes what that means. */
  | 'stopped'
  /** Every other file would meet the same: the file and the export fail. */
  | 'fail-job'
  /** This file only. */
  | 'fail-file';

/** `retries`: the whole-file tries made so far, when the destination tries a whole file again itself. */
export function outcomeOf(info: ErrorInfo, retries?: number): FileOutcome {
  if (info.code === 'cancelled') return 'stopped';
  if (pausesExport(info)) return 'pause';
  if (stopsExport(info)) return 'fail-job';
  if (retries !== undefined && isRetryable(info) && retries < DEFAULT_RETRY.attempts) return 'retry';
  return 'fail-file';
}

/**
 * Writes what an error means for the file and its export, and says which it was, so the destination can do its
 * own part (hold its downloads, abort its upload, break off its volume).
 */
export async function settleFile(
  file: ExportFile,
  error: unknown,
  options: { retry?: boolean } = {},
): Promise<FileOutcome> {
  const info = toErrorInfo(error);
  const outcome = outcomeOf(info, options.retry ? file.retries : undefined);
  if (outcome === 'stopped') return outcome;
  if (outcome === 'retry') {
    await updateFile(file.id, { state: 'queued', downloadId: undefined, retries: file.retries + 1, error: info });
  } else if (outcome === 'pause') {
    await updateFile(file.id, { state: 'queued', bytesDone: 0, downloadId: undefined });
    await pauseJobFor(file.jobId, info);
  } else {
    await updateFile(file.id, { state: 'failed', error: info });
    await addProgress(file.jobId, { bytes: 0, done: 0, failed: 1 });
    if (outcome === 'fail-job') await failJob(file.jobId, info);
  }
  return outcome;
}

/** An error that belongs to no one file (planning, a volume's own save): the export pauses or fails. */
export async function settleExport(jobId: number, error: unknown): Promise<void> {
  const info = toErrorInfo(error);
  if (info.code === 'cancelled') return;
  await (pausesExport(info) ? pauseJobFor(jobId, info) : failJob(jobId, info));
}
