// Folder mode: every file through the browser's own download manager into `Reclaim/<export>/<recording>/...`.
// The download manager saves, resumes and survives restarts by itself; we choose, check and keep the books.
import { browser } from 'wxt/browser';
import { recordArchived } from '../archive/ledger';
import { db, type ExportFile, type ExportJob } from '../db';
import { ExportError } from '../errors';
import { getSettings } from '../settings';
import { adapterFor } from '../sites/registry';
import { crc32, crcHex } from './crc32';
import { settleFile } from './file-outcome';
import { download, folderPath, generatedUrl, listEntryKept, takeUpIfStalled } from './folder-downloads';
import { manifestDownloadEnded, saveManifest } from './folder-manifest';
import { relayedBreak, relayFromNowOn, saveRelayed } from './folder-relay';
import { addProgress, finishJob, getJob, updateFile } from './jobs';
import { oneAtATime } from './one-at-a-time';
import { platformSource, savedTypeRefused } from './platform-source';
import { relayOfUrl } from './relay-address';
import { DEFAULT_RETRY } from './retry';
import type { Sink, StopHow } from './sink';
import { openSource } from './source';

// Exports being paused or cancelled this moment: no file of theirs starts, and the questions in flight are dropped,
// so that nothing reaches the platform once the export shows paused.
const stopping = new Set<number>();
const asking = new Map<number, Set<AbortController>>();

function mayStart(jobId: number, job: ExportJob | undefined): boolean {
  return job?.state === 'running' && !stopping.has(jobId);
}

/** Starts files until the setting's number run at once; writes the manifest and finishes when all have ended. */
export function continueFolder(jobId: number): Promise<void> {
  return oneAtATime(jobId, async () => {
    const job = await getJob(jobId);
    if (!job || !mayStart(jobId, job)) return;
    // Only the files on their way and the next few are read: a download's end costs the same in an export of
    // thirty thousand files as in one of thirty (the index keeps each state's files in the order planned).
    const running = await db.files.where('[jobId+state]').equals([jobId, 'running']).toArray();
    // A file marked running without a download id was being started when an earlier worker stopped: adopt the
    // download the browser has for it, or start it again.
    for (const file of running.filter((f) => f.downloadId === undefined)) {
      const [existing] = file.downloadUrl ? await browser.downloads.search({ url: file.downloadUrl }) : [];
      if (existing) await updateFile(file.id, { downloadId: existing.id });
      else await startFile(job, file);
    }
    const free = (await getSettings()).concurrency - running.length;
    const next = free > 0 ? await db.files.where('[jobId+state]').equals([jobId, 'queued']).limit(free).toArray() : [];
    for (const file of next) {
      await startFile(job, file);
      if (!mayStart(jobId, await getJob(jobId))) return;
    }
    // Whether any file is left, asked of the index's first key: IndexedDB counts a range by walking every key of
    // it, which at every download's end of a 10,000-recording export kept the browser's database thread busy.
    if ((await anyFileIn(jobId, 'queued')) || (await anyFileIn(jobId, 'running'))) return;
    if (job.manifestDownloadId === undefined) return saveManifest(job);
    // The manifest's download may have ended while the export was paused, when nobody listened: ask the browser.
    const [manifest] = await browser.downloads.search({ id: job.manifestDownloadId });
    if (manifest?.state === 'complete') await finishJob(jobId);
    else if (manifest?.state !== 'in_progress') await saveManifest(job);
  });
}

async function anyFileIn(jobId: number, state: ExportFile['state']): Promise<boolean> {
  return (await db.files.where('[jobId+state]').equals([jobId, state]).limit(1).primaryKeys()).length > 0;
}

async function startFile(job: ExportJob, file: ExportFile): Promise<void> {
  const adapter = adapterFor(job.site);
  if (!adapter) return;
  await updateFile(file.id, { state: 'running', downloadId: undefined });
  const controller = new AbortController();
  const questions = asking.get(job.id) ?? new Set();
  asking.set(job.id, questions.add(controller));
  try {
    // Asked first with our own request, so that a sign-in page or an error is never saved as the recording.
    const opened = await openSource(
      file,
      platformSource(adapter, job.origin, file, {
        signal: controller.signal,
        onRetry: (attempt, error) => updateFile(file.id, { retries: attempt, error }),
      }),
    );
    const relayed = job.relayFiles && opened.text === undefined;
    if (!relayed) await opened.body.cancel();
    // Paused or cancelled while we were asking: the file waits for the export to go on.
    if (!mayStart(job.id, await getJob(job.id))) {
      if (relayed) await opened.body.cancel();
      await updateFile(file.id, { state: 'queued' });
      return;
    }
    // The stream we opened is the one saved: the platform is asked once, and with the Referer it wants.
    if (relayed) return await saveRelayed(job, file, opened);
    // Written before the download starts, so that a worker stopped in between finds it again (continueFolder).
    // A file Reclaim made from the platform's answer (a chat as text) is saved from its text, not its address.
    const url = opened.text === undefined ? opened.finalUrl : generatedUrl(opened.text, 'text/plain');
    // Only the bytes Reclaim made itself have a CRC here: the browser fetches the others, unseen by Reclaim.
    const crc = opened.text === undefined ? undefined : crcHex(crc32(new TextEncoder().encode(opened.text)));
    await updateFile(file.id, { downloadUrl: url, expectedBytes: opened.length, crc32: crc });
    const downloadId = await download(url, folderPath(job, file.path));
    await updateFile(file.id, { downloadId });
  } catch (error) {
    if (!mayStart(job.id, await getJob(job.id))) {
      await updateFile(file.id, { state: 'queued' });
      return;
    }
    // Called inside the export's turn (continueFolder), so a pause is written here rather than by stop().
    await settled(job.id, await settleFile(file, error));
  } finally {
    questions.delete(controller);
  }
}

/** The folder's own part of a settled file: the export's downloads are held when it pauses, removed when it fails. */
async function settled(jobId: number, outcome: Awaited<ReturnType<typeof settleFile>>): Promise<void> {
  if (outcome === 'pause') await holdDownloads(jobId, 'pause');
  if (outcome === 'fail-job') await holdDownloads(jobId, 'cancel');
}

/** The browser's word on one file's download. */
export async function fileDownloadEnded(file: ExportFile, complete: boolean, reason?: string): Promise<void> {
  await oneAtATime(file.jobId, async () => {
    const job = await getJob(file.jobId);
    const current = await db.files.get(file.id);
    if (!job || current?.state !== 'running' || current.downloadId !== file.downloadId) return;
    const downloadId = current.downloadId as number;
    const [item] = await browser.downloads.search({ id: downloadId });
    const relayed = relayOfUrl(current.downloadUrl) !== null;
    if (complete && item) {
      const size = item.fileSize >= 0 ? item.fileSize : item.bytesReceived;
      // The browser fetched the file again after our checked first look: what it saved is checked too (a sign-in
      // page with status 200 and no length would otherwise land as the recording).
      // A relayed file was checked as it went through Reclaim; the browser's own fetch is checked by its type.
      const typeRefused = relayed ? null : await savedTypeRefused(adapterFor(job.site), job.origin, current, item.mime);
      const refusal =
        typeRefused ??
        (current.expectedBytes === undefined || size === current.expectedBytes
          ? null
          : ({ code: 'incomplete', detail: `${size}/${current.expectedBytes}` } as const));
      if (!refusal) {
        // Saved: its signed link (or a chat's text as an address) is not kept (history-privacy.ts); into the archive
        // ledger with it, in one transaction. Its entry leaves the browser's download list (the file stays) unless
        // it is the one Show in folder opens.
        const listed = await listEntryKept(job.id, downloadId);
        const saved = { bytesDone: size, error: undefined, downloadUrl: undefined, downloadId: listed };
        await db.transaction('rw', db.files, db.archive, async () => {
          await updateFile(file.id, { state: 'done', ...saved });
          await recordArchived(job, [{ file: { ...current, bytesDone: size }, place: folderPath(job, current.path) }]);
        });
        await addProgress(job.id, { bytes: size, done: 1, failed: 0 });
        return;
      }
      // Never keep a page, or a file of the wrong size, under a recording's name.
      await browser.downloads.removeFile(downloadId).catch(() => undefined);
      return settled(job.id, await settleFile(current, new ExportError(refusal), { retry: true }));
    }
    // The download's own state owns the file's: an interrupt already continued (by its event, or by the minute's
    // check) shows in progress again, and is not continued a second time.
    // Firefox reports a download we paused (a stalled one taken up again) as interrupted by the user, paused.
    if (job.state !== 'running' || (item && (item.state !== 'interrupted' || item.paused))) return;
    if (await relayFromNowOn(job, current, reason)) return;
    const relayBreak = relayed && relayedBreak(current, reason);
    if (relayBreak) return settled(job.id, await settleFile(current, relayBreak, { retry: true }));
    if (reason === 'USER_CANCELED') {
      // The user cancelled this one download in the browser: the file is left out, the export goes on.
      await updateFile(file.id, { state: 'failed', error: { code: 'cancelled' } });
      await addProgress(job.id, { bytes: 0, done: 0, failed: 1 });
      return;
    }
    // The download manager can often continue where it stopped, with the same address.
    if (item?.canResume && current.retries < DEFAULT_RETRY.attempts) {
      await updateFile(file.id, { retries: current.retries + 1 });
      await browser.downloads.resume(downloadId);
      return;
    }
    const broken = new ExportError({ code: 'network', detail: reason ?? 'interrupted' });
    await settled(job.id, await settleFile(current, broken, { retry: true }));
  });
  await continueFolder(file.jobId);
}

/** Pause holds the browser's downloads where they are; cancel removes the unfinished ones (finished files stay). */
async function holdDownloads(jobId: number, how: StopHow): Promise<void> {
  const running = await db.files.where('[jobId+state]').equals([jobId, 'running']).toArray();
  for (const file of running) {
    if (file.downloadId === undefined) continue;
    if (how === 'pause') await browser.downloads.pause(file.downloadId).catch(() => undefined);
    else await browser.downloads.cancel(file.downloadId).catch(() => undefined);
  }
  if (how === 'cancel') {
    await db.files
      .where('[jobId+state]')
      .equals([jobId, 'running'])
      .modify({ state: 'failed', error: { code: 'cancelled' } });
  }
}

/** After a restart: downloads that ended while no worker listened are settled from what the browser knows. */
export async function reconcileFolder(jobId: number): Promise<void> {
  const running = await db.files.where('[jobId+state]').equals([jobId, 'running']).toArray();
  for (const file of running) {
    if (file.downloadId === undefined) continue;
    const [item] = await browser.downloads.search({ id: file.downloadId });
    if (!item) await fileDownloadEnded(file, false, 'gone');
    else if (item.state === 'complete') await fileDownloadEnded(file, true);
    else if (item.state === 'interrupted') await fileDownloadEnded(file, false, item.error);
    // A relayed file's own stream has its idle timeout (source.ts); pausing it would end it.
    else if (!item.paused && !relayOfUrl(file.downloadUrl)) await takeUpIfStalled(file, item.bytesReceived);
  }
  await continueFolder(jobId);
}

export const folderSink: Sink = {
  newJob: async () => ({}),
  volumeBytes: async () => 0,
  carryOn: reconcileFolder,
  /**
   * First no file may start and the questions in flight are dropped; then, after the file being started (if any)
   * has its download, the new state is written and the downloads are held or removed.
   */
  async stop(jobId, how, write) {
    stopping.add(jobId);
    for (const controller of asking.get(jobId) ?? []) controller.abort();
    try {
      await oneAtATime(jobId, async () => {
        if (await write()) await holdDownloads(jobId, how);
      });
    } finally {
      stopping.delete(jobId);
    }
  },
  /** The paused downloads go on from where they were. */
  async resume(jobId) {
    const running = await db.files.where('[jobId+state]').equals([jobId, 'running']).toArray();
    for (const file of running) {
      if (file.downloadId !== undefined) await browser.downloads.resume(file.downloadId).catch(() => undefined);
    }
  },
  async downloadEnded(job, { downloadId, complete, reason }) {
    if (job.manifestDownloadId === downloadId) return manifestDownloadEnded(job, complete, reason);
    const file = await db.files
      .where('downloadId')
      .equals(downloadId)
      .filter((candidate) => candidate.jobId === job.id && candidate.state === 'running')
      .first();
    if (file) await fileDownloadEnded(file, complete, reason);
  },
};
