// What the history page asks of an export that has ended: fetch its failed files again, or forget it.
import { db } from '../db';
import { ExportError } from '../errors';
import { isFinished } from './job-state';
import { getJob, jobRecordingRows } from './jobs';
import { NO_VOLUME } from './plan';
import { queueExport } from './runner';
import { sinkFor } from './sinks';
import { dropJobSpool } from './spool';

/**
 * Retry failed files: a new export of only the files that failed, to the same destination (an S3 copy: the same
 * destination, under a new copy id), with the same name template and file choices. A recording that could not
 * even be listed is listed again whole. Returns the new export's id.
 */
export async function retryFailedFiles(jobId: number): Promise<number> {
  const job = await getJob(jobId);
  if (!job || !isFinished(job.state)) throw new ExportError({ code: 'bad-request', detail: 'not ended' });
  const failed = await db.files.where('[jobId+state]').equals([jobId, 'failed']).toArray();
  if (failed.length === 0) throw new ExportError({ code: 'bad-request', detail: 'nothing failed' });
  const paths = new Map<string, string[] | undefined>();
  for (const file of failed) {
    const whole =
      file.volume === NO_VOLUME || (paths.has(file.recordingId) && paths.get(file.recordingId) === undefined);
    paths.set(file.recordingId, whole ? undefined : [...(paths.get(file.recordingId) ?? []), file.path]);
  }
  const rows = (await jobRecordingRows(jobId)).filter((row) => paths.has(row.recording.id));
  const kept = await sinkFor(job.destination).newJob({ destinationId: job.s3?.destinationId }, Date.now());
  return queueExport(
    {
      site: job.site,
      destination: job.destination,
      origin: job.origin,
      nameTemplate: job.nameTemplate,
      skippedFiles: job.skippedFiles,
      retryOf: job.id,
      ...kept,
    },
    rows.map(({ recording }) => {
      const onlyPaths = paths.get(recording.id);
      return onlyPaths ? { recording, onlyPaths } : { recording };
    }),
  );
}

/**
 * Delete from history: the export, its files and recordings (and an S3 copy's leftover ledger). Never while it
 * may still run: the user cancels it first, so nothing is left writing into rows that are gone.
 */
export async function deleteExport(jobId: number): Promise<void> {
  const job = await getJob(jobId);
  if (!job) return;
  if (!isFinished(job.state)) throw new ExportError({ code: 'bad-request', detail: 'still running' });
  await db.transaction('rw', [db.jobs, db.files, db.recordings, db.uploads, db.parts], async () => {
    const uploads = await db.uploads.where('jobId').equals(jobId).primaryKeys();
    await db.parts.where('fileId').anyOf(uploads).delete();
    await db.uploads.bulkDelete(uploads);
    await db.files.where('jobId').equals(jobId).delete();
    await db.recordings.where('jobId').equals(jobId).delete();
    await db.jobs.delete(jobId);
  });
  await dropJobSpool(jobId);
}
