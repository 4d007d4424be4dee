// "Delete verified recordings" (opt-in, Collaborate): deletes from the platform only the recordings verified just
// now in the chosen destination, and only as many as the user confirmed by typing their count. One at a time; the
// first refusal (a 403) or failure stops it. Each deletion is written into the history (the archiving exports'
// recording rows get a `Deleted` column with the time) and, for S3 copies, into the metadata log in the bucket.
import { db, type ExportJob } from '../db';
import { type ErrorInfo, ExportError, toErrorInfo } from '../errors';
import { writeCopyRecords } from '../export/s3-records';
import type { SiteId } from '../model';
import { checksumsFor, s3ClientFor } from '../s3/client';
import { getDestination } from '../s3/destinations';
import { getSettings } from '../settings';
import { adapterFor } from '../sites/registry';
import { archivedOf, type DestinationKey } from './ledger';
import { type Verification, verifyArchived } from './verified';

/** The column the metadata log gains: when the recording was deleted from the platform (UTC). */
export const DELETED_COLUMN = 'Deleted';

export interface DeletionRequest {
  site: SiteId;
  origin: string;
  destination: DestinationKey;
  recordingIds: string[];
  /** How many the user typed to confirm: the number verified must still be that. */
  confirmedCount: number;
}

export interface DeletionOutcome {
  deleted: string[];
  /** The recording whose deletion failed, and why: nothing after it was tried. */
  failed?: { id: string; error: ErrorInfo };
  /** Recordings asked for that were not verified now: never deleted. */
  notVerified: number;
}

export interface DeletionDeps {
  verify(request: DeletionRequest): Promise<Verification>;
  remove(origin: string, recordingId: string): Promise<void>;
  /** Rewrites the metadata log of these S3 copies (their recordings' rows changed). */
  rewriteLogs(jobIds: number[]): Promise<void>;
  now(): number;
}

const defaultDeps: DeletionDeps = {
  verify: (request) => verifyArchived(request.destination, request.site, request.recordingIds),
  remove: async (origin, recordingId) => {
    const remove = adapterFor('collaborate')?.deleteRecording;
    if (!remove) throw new ExportError({ code: 'bad-request', detail: 'delete' });
    await remove(origin, recordingId);
  },
  rewriteLogs: rewriteS3Logs,
  now: () => Date.now(),
};

export async function deleteVerifiedRecordings(
  request: DeletionRequest,
  deps: DeletionDeps = defaultDeps,
): Promise<DeletionOutcome> {
  if (!(await getSettings()).deleteVerifiedCollaborate || !adapterFor(request.site)?.deleteRecording) {
    throw new ExportError({ code: 'bad-request', detail: 'deleting is off' });
  }
  const { verified, notVerified } = await deps.verify(request);
  // What the user confirmed is no longer what would be deleted (an object went missing since): ask again.
  if (verified.length !== request.confirmedCount) {
    throw new ExportError({ code: 'bad-request', detail: 'changed since confirmed' });
  }
  const deleted: string[] = [];
  const touchedJobs = new Set<number>();
  let failed: DeletionOutcome['failed'];
  for (const { id } of verified) {
    try {
      await deps.remove(request.origin, id);
    } catch (error) {
      failed = { id, error: toErrorInfo(error) };
      break;
    }
    deleted.push(id);
    for (const jobId of await noteDeleted(request, id, deps.now())) touchedJobs.add(jobId);
  }
  if (touchedJobs.size > 0) await deps.rewriteLogs([...touchedJobs]).catch(() => undefined);
  return { deleted, failed, notVerified: notVerified.length };
}

/** `2026-12-06 15:40:12`, UTC, as the report's own times are written. */
function deletedText(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ');
}

/** Marks the recording deleted in every export that archived it there; returns those exports. */
async function noteDeleted(request: DeletionRequest, recordingId: string, at: number): Promise<number[]> {
  const entries = (await archivedOf(request.destination, request.site, [recordingId])).get(recordingId) ?? [];
  const jobIds = [...new Set(entries.map((entry) => entry.jobId))];
  await db.transaction('rw', db.recordings, async () => {
    await db.recordings
      .where('jobId')
      .anyOf(jobIds)
      .filter((row) => row.recording.id === recordingId)
      .modify((row) => {
        row.recording.columns = { ...row.recording.columns, [DELETED_COLUMN]: deletedText(at) };
      });
  });
  return jobIds;
}

/** The S3 copies among these exports get their metadata log written again, now with the Deleted column. */
async function rewriteS3Logs(jobIds: number[]): Promise<void> {
  const jobs = (await db.jobs.bulkGet(jobIds)).filter((job): job is ExportJob => job?.s3 !== undefined);
  for (const job of jobs) {
    const copy = job.s3;
    const destination = copy && (await getDestination(copy.destinationId));
    if (!copy || !destination) continue;
    const client = s3ClientFor(destination);
    const checksums = checksumsFor(destination);
    await writeCopyRecords({ job, copy, client, checksums, signal: new AbortController().signal });
  }
}
