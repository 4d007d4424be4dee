// The history keeps what a user looks for (which files, where they went, what went wrong), not what could be
// misused if someone read the browser's profile: signed links (valid for a while, and they open the recording
// to anyone) and chat texts that folder mode hands the browser as a data address. A saved file drops them at
// once (folder-export.ts); exports older than the setting's days drop every such leftover.
import { db } from '../db';
import { getSettings } from '../settings';
import { isFinished } from './job-state';

const DAY_MS = 86_400_000;

export async function pruneOldExports(now = Date.now()): Promise<void> {
  const { keepLinksDays } = await getSettings();
  const before = now - keepLinksDays * DAY_MS;
  const old = await db.jobs.where('createdAt').below(before).toArray();
  // Each export once: a pruned one is marked, so the minute's wake-up does not read its files again.
  for (const job of old.filter((candidate) => isFinished(candidate.state) && !candidate.linksPruned)) {
    await db.transaction('rw', db.jobs, db.files, db.uploads, db.parts, async () => {
      await db.files
        .where('jobId')
        .equals(job.id)
        .filter((file) => file.downloadUrl !== undefined || file.downloadId !== undefined)
        .modify((file) => {
          delete file.downloadUrl;
          delete file.downloadId;
          delete file.progressSeen;
        });
      const uploads = await db.uploads.where('jobId').equals(job.id).primaryKeys();
      await db.parts.where('fileId').anyOf(uploads).delete();
      await db.uploads.bulkDelete(uploads);
      await db.jobs.update(job.id, { linksPruned: true });
    });
  }
}
