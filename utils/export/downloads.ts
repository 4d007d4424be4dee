// The browser's download manager has the last word: an export is done when the browser says its file is
// complete, not when we stopped writing to it.
import { browser } from 'wxt/browser';
import { db } from '../db';
import { failJob, getJob, transition, updateJob } from './jobs';
import { jobIdOfZipUrl } from './save-zip-chrome';
import { releaseBlob } from './save-zip-firefox';

async function jobOfDownload(downloadId: number): Promise<number | undefined> {
  const known = await db.jobs.where('downloadId').equals(downloadId).first();
  if (known) return known.id;
  const [item] = await browser.downloads.search({ id: downloadId });
  const jobId = item ? jobIdOfZipUrl(item.url) : null;
  if (jobId === null) return undefined;
  await updateJob(jobId, { downloadId });
  return jobId;
}

/** Applies a download's end to its job: complete finishes it, an interruption fails it and removes the part file. */
export async function settleDownload(downloadId: number, state: string, reason?: string): Promise<void> {
  if (state !== 'complete' && state !== 'interrupted') return;
  const jobId = await jobOfDownload(downloadId);
  if (jobId === undefined) return;
  releaseBlob(downloadId);
  const job = await getJob(jobId);
  if (!job) return;
  if (state === 'complete' && job.streamed) {
    await transition(jobId, job.filesFailed > 0 ? 'finish-with-failures' : 'finish');
    return;
  }
  if (job.state === 'running') await failJob(jobId, { code: 'download-failed', detail: reason ?? state });
  // A broken archive must never be left looking finished: cancelling an interrupted download deletes its file.
  await browser.downloads.cancel(downloadId).catch(() => undefined);
}

export function watchDownloads(): void {
  browser.downloads.onCreated.addListener((item) => {
    const jobId = jobIdOfZipUrl(item.url);
    if (jobId !== null) void updateJob(jobId, { downloadId: item.id });
  });
  browser.downloads.onChanged.addListener((delta) => {
    if (delta.state?.current) void settleDownload(delta.id, delta.state.current, delta.error?.current);
  });
}
