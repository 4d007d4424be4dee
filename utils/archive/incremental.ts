// Incremental exports: files already archived in the export's destination are left out of its plan, so running
// the same selection again next week exports only what is new (a transcript Zoom added to an old meeting) or what
// changed (another size announced). With Check the bucket, an S3 destination is asked first whether each archived
// object is still there, at its size and CRC-32: one that is not is forgotten and exported again.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { ExportJob } from '../db';
import type { RecordingFile } from '../model';
import { s3ClientFor } from '../s3/client';
import { getDestination } from '../s3/destinations';
import { CRC_METADATA } from '../s3/stored-object';
import {
  type ArchiveEntry,
  archivedOf,
  compareWithArchive,
  destinationKeyOf,
  forgetArchived,
  markVerified,
} from './ledger';

interface Listed<R> {
  recording: R & { id: string };
  files: RecordingFile[];
}

/** The listed files without those archived in the job's destination, and how many were left out. */
export async function leaveOutArchived<R, L extends Listed<R>>(
  job: ExportJob,
  listed: L[],
): Promise<{ listed: L[]; leftOut: number }> {
  if (!job.skipArchived) return { listed, leftOut: 0 };
  const destination = destinationKeyOf(job);
  let byRecording = await archivedOf(
    destination,
    job.site,
    listed.map(({ recording }) => recording.id),
  );
  if (job.checkBucket && job.destination === 's3') {
    const gone = await stillInBucket(job, [...byRecording.values()].flat());
    if (gone > 0) byRecording = await archivedOf(destination, job.site, [...byRecording.keys()]);
  }
  let leftOut = 0;
  const kept = listed.map((item) => {
    const { archived } = compareWithArchive(byRecording.get(item.recording.id) ?? [], item.files);
    leftOut += archived.length;
    const skip = new Set(archived);
    return { ...item, files: item.files.filter((file) => !skip.has(file)) };
  });
  return { listed: kept, leftOut };
}

/**
 * Asks the bucket for each archived object (HeadObject): present at its size, with the same `x-amz-meta-crc32`
 * when both are known, it is confirmed; else it is forgotten, so the plan exports it again. Says how many went.
 */
async function stillInBucket(job: ExportJob, entries: ArchiveEntry[]): Promise<number> {
  const destination = job.s3 && (await getDestination(job.s3.destinationId));
  if (!destination || entries.length === 0) return 0;
  const client = s3ClientFor(destination);
  const confirmed: string[] = [];
  const gone: string[] = [];
  try {
    for (const entry of entries) {
      const head = await client
        .send(new HeadObjectCommand({ Bucket: entry.bucket ?? destination.bucket, Key: entry.place }))
        .catch((error: { $metadata?: { httpStatusCode?: number } }) => {
          if (error?.$metadata?.httpStatusCode === 404) return undefined;
          throw error;
        });
      const crc = head?.Metadata?.[CRC_METADATA];
      const same =
        head !== undefined &&
        head.ContentLength === entry.sizeBytes &&
        (crc === undefined || entry.crc32 === undefined || crc.toLowerCase() === entry.crc32);
      (same ? confirmed : gone).push(entry.key);
    }
  } finally {
    client.destroy();
  }
  await markVerified(confirmed);
  await forgetArchived(gone);
  return gone.length;
}
