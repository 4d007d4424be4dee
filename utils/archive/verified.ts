// Which recordings are archived and verified in a destination right now: every file their exports chose is in the
// ledger, and for S3 each object is still in the bucket at the size and CRC-32 it was saved with (HeadObject, its
// `x-amz-meta-crc32`). What may be deleted from a platform is decided here, just before, never from old answers.
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { inBatches } from '../export/listing';
import type { SiteId } from '../model';
import { s3ClientFor } from '../s3/client';
import { getDestination } from '../s3/destinations';
import { CRC_METADATA } from '../s3/stored-object';
import { type ArchiveEntry, archivedOf, type DestinationKey, isArchived } from './ledger';

export interface VerifiedRecording {
  id: string;
  /** The bytes archived of it. */
  bytes: number;
  /** When its last file was archived. */
  archivedAt: number;
  /** Where: the S3 destination's name, or the ZIP or folder. */
  destinationName?: string;
}

export type NotVerifiedReason = 'not-archived' | 'missing' | 'differs' | 'unchecked';

export interface Verification {
  verified: VerifiedRecording[];
  notVerified: Array<{ id: string; reason: NotVerifiedReason }>;
}

/** One archived object as the bucket has it now: there at its size and CRC, gone, other, or not answerable. */
export type ObjectCheck = (entry: ArchiveEntry) => Promise<'same' | 'missing' | 'differs' | 'unchecked'>;

// HeadObjects at once: a bucket is asked politely, and a few hundred recordings still verify in seconds.
const HEADS_AT_ONCE = 4;

export async function verifyArchived(
  destination: DestinationKey,
  site: SiteId,
  recordingIds: string[],
  checkObject?: ObjectCheck,
): Promise<Verification> {
  const byRecording = await archivedOf(destination, site, recordingIds);
  const check = checkObject ?? (destination.startsWith('s3:') ? await bucketCheck(destination) : undefined);
  type Outcome = VerifiedRecording | { id: string; reason: NotVerifiedReason };
  const outcomes = await inBatches(recordingIds, 1, async (id): Promise<Outcome> => {
    const entries = byRecording.get(id) ?? [];
    if (!isArchived(entries)) return { id, reason: 'not-archived' };
    if (check) {
      const checks = await inBatches(entries, HEADS_AT_ONCE, check);
      const worst = (['missing', 'differs', 'unchecked'] as const).find((bad) => checks.includes(bad));
      if (worst) return { id, reason: worst };
    }
    return {
      id,
      bytes: entries.reduce((sum, entry) => sum + entry.sizeBytes, 0),
      archivedAt: Math.max(...entries.map((entry) => entry.archivedAt)),
      destinationName: entries[0]?.destinationName,
    };
  });
  return {
    verified: outcomes.filter((outcome): outcome is VerifiedRecording => 'bytes' in outcome),
    notVerified: outcomes.filter(
      (outcome): outcome is { id: string; reason: NotVerifiedReason } => 'reason' in outcome,
    ),
  };
}

/** The check of an S3 destination's objects; every object "unchecked" when the destination is gone. */
async function bucketCheck(destination: DestinationKey): Promise<ObjectCheck> {
  const stored = await getDestination(destination.slice('s3:'.length));
  if (!stored) return async () => 'unchecked';
  const client = s3ClientFor(stored);
  return (entry) => headCheck(client, entry.bucket ?? stored.bucket, entry);
}

export async function headCheck(
  client: Pick<S3Client, 'send'>,
  bucket: string,
  entry: ArchiveEntry,
): Promise<'same' | 'missing' | 'differs' | 'unchecked'> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: entry.place }));
    const crc = head.Metadata?.[CRC_METADATA];
    // Without a CRC in the ledger or on the object, "the same bytes" cannot be told: not verified.
    return head.ContentLength === entry.sizeBytes && entry.crc32 !== undefined && crc === entry.crc32
      ? 'same'
      : 'differs';
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return status === 404 ? 'missing' : 'unchecked';
  }
}
