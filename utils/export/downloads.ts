// The browser's download manager has the last word: a volume or a file is saved when the browser says its
// file is complete. Its events wake a stopped worker, which then carries on from the database.
import type { Browser } from '@wxt-dev/browser';
import { browser } from 'wxt/browser';
import { db } from '../db';
import { fileDownloadEnded, manifestDownloadEnded, pathForDownload, takeNameToGive } from './folder-export';
import { volumeOfUrl } from './save-zip-chrome';
import { releaseBlob } from './save-zip-firefox';
import { volumeDownloadEnded, volumeDownloadStarted } from './zip-export';

const chromeApi = (globalThis as unknown as { chrome?: typeof Browser }).chrome;

async function downloadEnded(downloadId: number, complete: boolean, reason?: string): Promise<void> {
  releaseBlob(downloadId);
  // Only a file on its way: a finished one may keep an id the browser has since given to another download.
  const file = await db.files
    .where('downloadId')
    .equals(downloadId)
    .filter((candidate) => candidate.state === 'running')
    .first();
  if (file) return fileDownloadEnded(file, complete, reason);
  const [item] = await browser.downloads.search({ id: downloadId });
  const volume = item ? volumeOfUrl(item.url) : null;
  if (volume) return volumeDownloadEnded(volume, downloadId, complete, reason);
  const jobs = await db.jobs.where('state').equals('running').toArray();
  const job = jobs.find((j) => j.manifestDownloadId === downloadId);
  if (job) return manifestDownloadEnded(job, complete, reason);
  // Firefox volumes are blob downloads: found by the id stored on the volume.
  for (const candidate of jobs) {
    const index = candidate.volumes.findIndex((v) => v.downloadId === downloadId);
    if (index >= 0) return volumeDownloadEnded({ jobId: candidate.id, volume: index }, downloadId, complete, reason);
  }
}

export function watchDownloads(): void {
  browser.downloads.onCreated.addListener((item) => {
    const volume = volumeOfUrl(item.url);
    if (volume) void volumeDownloadStarted(volume, item.id);
  });
  browser.downloads.onChanged.addListener((delta) => {
    const state = delta.state?.current;
    if (state === 'complete' || state === 'interrupted')
      void downloadEnded(delta.id, state === 'complete', delta.error?.current);
  });
  // Chrome: a download it resumes by itself would land in the downloads root under the server's name unless
  // the path is suggested again (TOOLCHAIN.md, "Folder mode trap").
  chromeApi?.downloads.onDeterminingFilename?.addListener((item, suggest) => {
    if (item.byExtensionId !== chromeApi.runtime.id) return;
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
