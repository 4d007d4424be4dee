// The browser's download manager has the last word: a volume or a file is saved when the browser says its
// file is complete. Its events wake a stopped worker, which then carries on from the database.
import type { Browser } from '@wxt-dev/browser';
import { browser } from 'wxt/browser';
import { db, type ExportJob } from '../db';
import { settleDownloadsOfEarlierSession } from './download-ids';
import { pathForDownload, takeNameToGive } from './folder-downloads';
import { relayDownloadCreated } from './folder-relay';
import { relayOfUrl } from './relay-address';
import { volumeOfUrl } from './save-zip-chrome';
import { releaseBlob } from './save-zip-firefox';
import { sinkFor } from './sinks';
import { volumeDownloadStarted } from './zip-export';

const chromeApi = (globalThis as unknown as { chrome?: typeof Browser }).chrome;

/** Finds the export a download belongs to, and hands its end to that export's sink. */
async function downloadEnded(downloadId: number, complete: boolean, reason?: string): Promise<void> {
  releaseBlob(downloadId);
  // After a restart the browser may report the downloads its quit cut off before the worker's first wake-up has
  // looked at them: they are settled first, so that such an end is never taken for the user's cancel.
  await settleDownloadsOfEarlierSession();
  const [item] = await browser.downloads.search({ id: downloadId });
  const job = await jobOfDownload(downloadId, item?.url);
  if (job) await sinkFor(job.destination).downloadEnded(job, { downloadId, url: item?.url, complete, reason });
}

async function jobOfDownload(downloadId: number, url: string | undefined): Promise<ExportJob | undefined> {
  // Only a file on its way: a finished one may keep an id the browser has since given to another download.
  const file = await db.files
    .where('downloadId')
    .equals(downloadId)
    .filter((candidate) => candidate.state === 'running')
    .first();
  const volume = url ? volumeOfUrl(url) : null;
  const jobId = file?.jobId ?? volume?.jobId;
  if (jobId !== undefined) return db.jobs.get(jobId);
  // A manifest, or a Firefox volume (a Blob download): known by the id kept on the running job.
  const running = await db.jobs.where('state').equals('running').toArray();
  return running.find(
    (job) => job.manifestDownloadId === downloadId || job.volumes.some((v) => v.downloadId === downloadId),
  );
}

export function watchDownloads(): void {
  browser.downloads.onCreated.addListener((item) => {
    const volume = volumeOfUrl(item.url);
    if (volume) void volumeDownloadStarted(volume, item.id);
    if (relayOfUrl(item.url)) relayDownloadCreated(item.url, item.id);
  });
  browser.downloads.onChanged.addListener((delta) => {
    const state = delta.state?.current;
    if (state === 'complete' || state === 'interrupted')
      void downloadEnded(delta.id, state === 'complete', delta.error?.current);
  });
  // Chrome: a download it resumes by itself would land in the downloads root under the server's name unless
  // the path is suggested again (TOOLCHAIN.md, "Folder mode trap").
  chromeApi?.downloads.onDeterminingFilename?.addListener((item, suggest) => {
    // A relayed file's download is made by the offscreen frame's navigation, not by a downloads call of ours.
    if (item.byExtensionId !== chromeApi.runtime.id && !relayOfUrl(item.url)) return;
    const fresh = takeNameToGive(item.url);
    if (fresh) {
      suggest({ filename: fresh, conflictAction: 'overwrite' });
      return;
    }
    void pathForDownload(item.url, item.id).then((filename) =>
      suggest(filename ? { filename, conflictAction: 'overwrite' } : undefined),
    );
    return true;
  });
}
