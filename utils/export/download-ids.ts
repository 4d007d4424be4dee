// Firefox numbers downloads afresh in every browser session (Chrome keeps its ids across restarts). After Firefox
// restarts, an id an unfinished export wrote down may name another download, even a finished file of another
// export: acting on it could mark a half-saved recording done or delete somebody's file. So in a new session the
// ids of unfinished exports are forgotten before anything acts on them; their files and volumes are saved again.
import { browser } from 'wxt/browser';
import { db } from '../db';

const SESSION_MARK = 'downloadIdsSession';

/** Whether this is the first call in this browser session (storage.session is emptied when the browser quits). */
async function newBrowserSession(): Promise<boolean> {
  if ((await browser.storage.session.get(SESSION_MARK))[SESSION_MARK]) return false;
  await browser.storage.session.set({ [SESSION_MARK]: true });
  return true;
}

/** At the first wake-up of a browser session: what the browser's quit left of the downloads of unfinished exports. */
export function settleDownloadsOfEarlierSession(): Promise<void> {
  // One settling for everyone who asks meanwhile (the first wake-up, a download event): none acts before it ends.
  settling ??= (async () => {
    if (!(await newBrowserSession())) return;
    if (import.meta.env.FIREFOX) await forgetDownloadIds();
    else await takeUpDownloadsCutByQuit();
  })().finally(() => {
    settling = undefined;
  });
  return settling;
}

let settling: Promise<void> | undefined;

/**
 * Chrome keeps its downloads across a restart, but reports one the quit cut off as cancelled by the user, with
 * nothing kept: in the new session such a file is saved again, never taken as the user's cancel.
 */
async function takeUpDownloadsCutByQuit(): Promise<void> {
  const unfinished = await db.jobs.where('state').anyOf('queued', 'running', 'paused').toArray();
  for (const job of unfinished) {
    const running = await db.files.where('[jobId+state]').equals([job.id, 'running']).toArray();
    for (const file of running) {
      if (file.downloadId === undefined) continue;
      const [item] = await browser.downloads.search({ id: file.downloadId });
      if (item?.state !== 'interrupted' || item.error !== 'USER_CANCELED') continue;
      // Only a file still waiting for that very download.
      await db.files
        .where('id')
        .equals(file.id)
        .filter((now) => now.state === 'running' && now.downloadId === file.downloadId)
        .modify({ state: 'queued', downloadId: undefined });
      await browser.downloads.erase({ id: file.downloadId }).catch(() => undefined);
    }
  }
}

async function forgetDownloadIds(): Promise<void> {
  await db.transaction('rw', db.jobs, db.files, async () => {
    const unfinished = await db.jobs.where('state').anyOf('queued', 'running', 'paused').toArray();
    for (const job of unfinished) {
      // A file on its way is saved again from the platform, over what Firefox left of it.
      await db.files
        .where('[jobId+state]')
        .equals([job.id, 'running'])
        .modify({ state: 'queued', downloadId: undefined });
      // A volume being saved is written again: continueZip finds it "saving" and not started by this worker.
      const volumes = job.volumes.map(({ downloadId: _, ...volume }) => volume);
      await db.jobs.update(job.id, { volumes, manifestDownloadId: undefined });
    }
  });
}
