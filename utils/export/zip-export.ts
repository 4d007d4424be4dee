// ZIP mode: the volumes of an export are saved one after the other. A volume is done when the browser says its
// file is complete; a volume broken by a stopped worker is removed and written again from its first file, while
// the volumes already saved stay as they are.
import { browser } from 'wxt/browser';
import { recordArchived } from '../archive/ledger';
import { db, type ExportJob, type ZipVolume } from '../db';
import { getSettings } from '../settings';
import { changeVolume, failJob, finishJob, getJob, recount, transition } from './jobs';
import { oneAtATime } from './one-at-a-time';
import { startVolumeDownload, type VolumeRef, volumeOfUrl } from './save-zip-chrome';
import { saveStreamAsBlob } from './save-zip-firefox';
import type { Sink } from './sink';
import { dropVolumeSpool } from './spool';
import { volumeFileName } from './volumes';
import { openVolumeStream } from './zip-stream';

// A volume that breaks this many times (not counting pauses) fails the export instead of looping.
const MAX_VOLUME_TRIES = 5;

/** Volumes this worker started; a volume marked "saving" that is not here was broken by an earlier worker's end. */
const startedHere = new Map<string, AbortController>();
const key = ({ jobId, volume }: VolumeRef) => `${jobId}/${volume}`;

function setVolume(job: ExportJob, index: number, change: Partial<ZipVolume>): Promise<ExportJob | undefined> {
  return changeVolume(job.id, index, change);
}

// Downloads we removed on purpose: their late "interrupted" events are old news, not a new break.
const discarded = new Set<number>();

/** A volume stopped by a pause goes back to waiting; a pause is not a break, so it does not count as a try. */
function releaseVolume(job: ExportJob, index: number): Promise<ExportJob | undefined> {
  return changeVolume(job.id, index, (volume) => ({
    state: 'pending',
    downloadId: undefined,
    tries: Math.max(0, volume.tries - 1),
  }));
}

/** Removes a part-saved volume: cancelling an unfinished download deletes its file. */
async function discard(downloadId: number | undefined): Promise<void> {
  if (downloadId === undefined) return;
  discarded.add(downloadId);
  await browser.downloads.cancel(downloadId).catch(() => undefined);
  const [item] = await browser.downloads.search({ id: downloadId }).catch(() => []);
  if (item?.state === 'complete') await browser.downloads.removeFile(downloadId).catch(() => undefined);
  await browser.downloads.erase({ id: downloadId }).catch(() => undefined);
}

/** Saves the next volume that is not saved yet, or finishes the export when all are. */
export async function continueZip(jobId: number): Promise<void> {
  const again = await oneAtATime(jobId, async () => {
    const job = await getJob(jobId);
    if (job?.state !== 'running') return false;
    const index = job.volumes.findIndex((volume) => volume.state !== 'saved');
    if (index === -1) {
      await finishJob(jobId);
      return false;
    }
    const volume = job.volumes[index] as ZipVolume;
    const ref = { jobId, volume: index };
    if (volume.state === 'saving' && startedHere.has(key(ref))) return false;
    if (volume.state === 'saving') {
      // Its download may have ended while no worker listened (the browser quitting just as it finished): a
      // stream that ran to its end and a download the browser calls complete is the whole volume, kept.
      const [item] = volume.downloadId === undefined ? [] : await browser.downloads.search({ id: volume.downloadId });
      if (volume.streamed && item?.state === 'complete') {
        await markSaved(job, index, item.id);
        return true;
      }
      await discard(volume.downloadId);
    }
    if (volume.tries >= MAX_VOLUME_TRIES) {
      await failJob(jobId, { code: 'download-failed', detail: `volume ${index + 1}` });
      return false;
    }
    // The volume is written again from its first file: files it held count as not saved until then.
    await db.files
      .where('[jobId+volume]')
      .equals([jobId, index])
      .filter((file) => file.state !== 'skipped' && (file.state !== 'failed' || file.error?.code === 'cancelled'))
      .modify({ state: 'queued', bytesDone: 0, error: undefined });
    await recount(jobId);
    const fresh = (await getJob(jobId)) as ExportJob;
    await setVolume(fresh, index, { state: 'saving', tries: volume.tries + 1, downloadId: undefined, streamed: false });
    const controller = new AbortController();
    startedHere.set(key(ref), controller);
    if (import.meta.env.FIREFOX) void saveWithBlob(fresh, index, controller.signal);
    else await startVolumeDownload(ref);
    return false;
  });
  if (again) await continueZip(jobId);
}

/** A volume saved complete: only now are the files written into it done, in the same transaction as the volume. */
async function markSaved(job: ExportJob, index: number, downloadId: number): Promise<void> {
  const zipName = volumeFileName(job.name, index, job.volumes.length);
  await db.transaction('rw', [db.jobs, db.files, db.archive], async () => {
    const written = await db.files
      .where('[jobId+volume]')
      .equals([job.id, index])
      .filter((file) => file.state === 'written')
      .toArray();
    await db.files.bulkUpdate(written.map((file) => ({ key: file.id, changes: { state: 'done' } })));
    await recordArchived(
      job,
      written.map((file) => ({ file, place: file.path, zipName })),
    );
    await setVolume(job, index, { state: 'saved', downloadId });
  });
  await dropVolumeSpool(job.id, index);
  await recount(job.id);
}

/** Chrome: the worker's answer to the offscreen frame's request for a volume. */
export async function volumeResponse(ref: VolumeRef): Promise<Response> {
  const job = await getJob(ref.jobId);
  const controller = startedHere.get(key(ref));
  // A stream that breaks of its own accord is no longer this worker's to be cancelled by the user: Chrome reports
  // such a download as USER_CANCELED too, which must not cancel the export (volumeDownloadEnded).
  const letGo = () => startedHere.delete(key(ref));
  const stream = job && controller && (await openVolumeStream(ref.jobId, ref.volume, controller.signal, letGo));
  // 204 ends the frame's navigation quietly: nothing is saved when there is nothing right to save.
  if (!job || !stream) {
    await notStarted(ref);
    return new Response(null, { status: 204 });
  }
  const name = volumeFileName(job.name, ref.volume, job.volumes.length);
  const ascii = name.replace(/[^\x20-\x7e]|"/g, '_');
  return new Response(stream, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}

/**
 * A volume whose stream could not begin (the export was paused, or the session ended, as it began): this worker
 * no longer holds it, and a paused export's volume goes back to waiting, so that Resume starts it again.
 */
async function notStarted(ref: VolumeRef): Promise<void> {
  startedHere.delete(key(ref));
  const now = await getJob(ref.jobId);
  if (now?.state === 'paused' && now.volumes[ref.volume]?.state === 'saving') await releaseVolume(now, ref.volume);
}

async function saveWithBlob(job: ExportJob, index: number, signal: AbortSignal): Promise<void> {
  const ref = { jobId: job.id, volume: index };
  const stream = await openVolumeStream(job.id, index, signal);
  if (!stream) return notStarted(ref);
  try {
    const downloadId = await saveStreamAsBlob(stream, volumeFileName(job.name, index, job.volumes.length));
    await volumeDownloadStarted(ref, downloadId);
    // A small volume may be complete before its id was written: look once more now that it is.
    const [item] = await browser.downloads.search({ id: downloadId });
    if (item?.state === 'complete') await volumeDownloadEnded(ref, downloadId, true);
  } catch {
    await notStarted(ref);
    // A volume that broke off of its own accord (a file that failed mid-way) is written again at once, as the
    // browser's interrupted download does it on Chrome; no download event will come for a Blob never made.
    if ((await getJob(ref.jobId))?.state === 'running') await continueZip(ref.jobId);
  }
}

export async function volumeDownloadStarted(ref: VolumeRef, downloadId: number): Promise<void> {
  await oneAtATime(ref.jobId, async () => {
    const job = await getJob(ref.jobId);
    if (job?.volumes[ref.volume]) await setVolume(job, ref.volume, { downloadId });
  });
}

/** The browser's word on a volume's file: complete, or interrupted. */
export async function volumeDownloadEnded(ref: VolumeRef, downloadId: number, complete: boolean, reason?: string) {
  await oneAtATime(ref.jobId, async () => {
    const job = await getJob(ref.jobId);
    const volume = job?.volumes[ref.volume];
    const stale = discarded.has(downloadId) || (volume?.downloadId !== undefined && volume.downloadId !== downloadId);
    if (!job || !volume || stale) return;
    // Chrome says USER_CANCELED both when the user cancels the download and when a stopped worker's stream
    // died; only a stream this worker is still writing can have been cancelled by the user.
    const userCancelled = reason === 'USER_CANCELED' && startedHere.has(key(ref));
    startedHere.delete(key(ref));
    if (complete && volume.streamed && job.state === 'running') {
      await markSaved(job, ref.volume, downloadId);
      return;
    }
    // Anything else is not a whole volume: it must not stay on disk looking like one.
    await discard(downloadId);
    if (userCancelled && job.state === 'running') {
      await transition(job.id, 'cancel', { error: { code: 'cancelled' } });
    } else if (job.state === 'running') {
      await setVolume(job, ref.volume, { state: 'saving', downloadId: undefined });
    } else {
      await releaseVolume(job, ref.volume);
    }
  });
  await continueZip(ref.jobId);
}

/** Pause or cancel: stop the stream this worker is writing; its download ends interrupted and is removed. */
async function stopZip(jobId: number): Promise<void> {
  for (const [volumeKey, controller] of startedHere) {
    if (volumeKey.startsWith(`${jobId}/`)) controller.abort(new DOMException('stopped', 'AbortError'));
  }
  const job = await getJob(jobId);
  for (const volume of job?.volumes ?? []) {
    if (volume.state === 'saving') await discard(volume.downloadId);
  }
  const index = job?.volumes.findIndex((volume) => volume.state === 'saving') ?? -1;
  if (job && index >= 0) await releaseVolume(job, index);
}

export const zipSink: Sink = {
  newJob: async () => ({}),
  volumeBytes: async () => (await getSettings()).volumeBytes,
  carryOn: continueZip,
  async stop(jobId, how, write) {
    if (!(await write())) return;
    await stopZip(jobId);
    // Files of the volume being written are not saved: they wait for Resume, or were cancelled.
    await db.files
      .where('[jobId+state]')
      .anyOf([
        [jobId, 'running'],
        [jobId, 'written'],
      ])
      .modify(how === 'pause' ? { state: 'queued', bytesDone: 0 } : { state: 'failed', error: { code: 'cancelled' } });
  },
  resume: async () => undefined,
  async downloadEnded(job, { downloadId, url, complete, reason }) {
    // Chrome's volumes are known by their address, Firefox's (Blob downloads) by the id kept on the volume.
    const byUrl = url ? volumeOfUrl(url) : null;
    const index = byUrl?.jobId === job.id ? byUrl.volume : job.volumes.findIndex((v) => v.downloadId === downloadId);
    if (index >= 0) await volumeDownloadEnded({ jobId: job.id, volume: index }, downloadId, complete, reason);
  },
};
