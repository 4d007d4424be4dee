// The archive ledger: every file Reclaim saved and verified, and where. An export writes an entry in the same
// transaction that marks its file done, so the ledger never claims a file that is not saved, and a saved file is
// never missing from it. What it knows drives incremental exports, the marks on the platforms' rows and what may
// be deleted from the platform.
import { db, type ExportFile, type ExportJob } from '../db';
import type { FileKind, SiteId } from '../model';

/** Where a file was archived: `zip`, `folder`, or `s3:<destination id>` (one bucket and prefix the user named). */
export type DestinationKey = string;

export interface ArchiveEntry {
  /** `<destination>|<site>|<recording id>|<file id>`: the same file archived again to the same place replaces it. */
  key: string;
  destination: DestinationKey;
  site: SiteId;
  recordingId: string;
  /** The platform's id for the file (RecordingFile.id). */
  fileId: string;
  kind: FileKind;
  /** The bytes saved. */
  sizeBytes: number;
  /** The size the platform announced when the file was archived: a different announcement now means a new version. */
  announcedBytes?: number;
  /** CRC-32 of the bytes Reclaim streamed (8 lowercase hex digits); absent where the browser fetched them itself. */
  crc32?: string;
  /** Where it is: the object key (S3), or its path in the export folder or in the ZIP. */
  place: string;
  /** ZIP: the name of the volume that holds it. */
  zipName?: string;
  /** S3: the bucket, and the destination's name as the user sees it. */
  bucket?: string;
  destinationName?: string;
  /** Every chosen file of the recording in that export (platform ids): all archived means the recording is. */
  recordingFileIds: string[];
  archivedAt: number;
  /** When it was last confirmed to be there (its save, or a Check the bucket). */
  verifiedAt: number;
  /** The export that saved it. */
  jobId: number;
}

export function destinationKeyOf(job: Pick<ExportJob, 'destination' | 's3'>): DestinationKey {
  return job.destination === 's3' ? `s3:${job.s3?.destinationId ?? ''}` : job.destination;
}

/** The destination key for a choice made in the bar (an S3 destination's id, or the ZIP or folder). */
export function destinationKey(destination: ExportJob['destination'], s3DestinationId?: string): DestinationKey {
  return destination === 's3' ? `s3:${s3DestinationId ?? ''}` : destination;
}

function entryKey(destination: DestinationKey, site: SiteId, recordingId: string, fileId: string): string {
  return `${destination}|${site}|${recordingId}|${fileId}`;
}

/** Where one file went, as its destination knows it. */
export interface Placed {
  file: ExportFile;
  place: string;
  zipName?: string;
}

/**
 * Writes the entries of files just saved. Call it inside the transaction that marks them done, with `db.archive`
 * in its tables (Dexie refuses a table outside the transaction, so a caller who forgets is told at once).
 * Files of an older export, planned before files carried the platform's id, cannot be told apart and are left out.
 */
export async function recordArchived(job: ExportJob, placed: Placed[], at = Date.now()): Promise<void> {
  const destination = destinationKeyOf(job);
  const known = placed.filter(({ file }) => file.fileId !== undefined);
  if (known.length === 0) return;
  const recordings = new Set(known.map(({ file }) => file.recordingId));
  const siblings = new Map<string, string[]>();
  const planned = await db.files
    .where('[jobId+recordingId]')
    .anyOf([...recordings].map((recordingId) => [job.id, recordingId]))
    .toArray();
  for (const file of planned) {
    if (file.fileId) siblings.set(file.recordingId, [...(siblings.get(file.recordingId) ?? []), file.fileId]);
  }
  await db.archive.bulkPut(
    known.map(({ file, place, zipName }) => ({
      key: entryKey(destination, job.site, file.recordingId, file.fileId as string),
      destination,
      site: job.site,
      recordingId: file.recordingId,
      fileId: file.fileId as string,
      kind: file.kind,
      sizeBytes: file.bytesDone,
      announcedBytes: file.sizeBytes,
      crc32: file.crc32,
      place,
      zipName,
      bucket: job.s3?.bucket,
      destinationName: job.s3?.destinationName,
      recordingFileIds: siblings.get(file.recordingId) ?? [],
      archivedAt: at,
      verifiedAt: at,
      jobId: job.id,
    })),
  );
}

/** The archived files of these recordings in this destination, by recording id (recordings without any left out). */
export async function archivedOf(
  destination: DestinationKey,
  site: SiteId,
  recordingIds: string[],
): Promise<Map<string, ArchiveEntry[]>> {
  const entries = await db.archive
    .where('[destination+site+recordingId]')
    .anyOf(recordingIds.map((id) => [destination, site, id]))
    .toArray();
  const byRecording = new Map<string, ArchiveEntry[]>();
  for (const entry of entries)
    byRecording.set(entry.recordingId, [...(byRecording.get(entry.recordingId) ?? []), entry]);
  return byRecording;
}

/** A file as the platform lists it now. */
export interface ListedFile {
  id: string;
  sizeBytes?: number;
}

/** A recording's listed files against what the ledger holds: saved as they are now, new, or changed since. */
export interface Comparison<F extends ListedFile> {
  archived: F[];
  /** Not in the ledger: appeared since (a transcript added later), or never exported here. */
  fresh: F[];
  /** In the ledger, but the platform now announces another size: a new version, to be exported again. */
  changed: F[];
}

export function compareWithArchive<F extends ListedFile>(entries: ArchiveEntry[], files: F[]): Comparison<F> {
  const byFile = new Map(entries.map((entry) => [entry.fileId, entry]));
  const result: Comparison<F> = { archived: [], fresh: [], changed: [] };
  for (const file of files) {
    const entry = byFile.get(file.id);
    if (!entry) result.fresh.push(file);
    else if (sizeChanged(entry, file.sizeBytes)) result.changed.push(file);
    else result.archived.push(file);
  }
  return result;
}

/** Only a size the platform announced both times is compared: Zoom rounds, so bytes saved and megabytes differ. */
function sizeChanged(entry: ArchiveEntry, announced: number | undefined): boolean {
  return announced !== undefined && entry.announcedBytes !== undefined && announced !== entry.announcedBytes;
}

/**
 * Is every chosen file of the recording archived and verified in the destination? With `files` (as listed now),
 * every one of them, at the size announced now. Without, every file its last export chose (a row on the platform's
 * list, whose files are not listed), including a file an export chose that failed.
 */
export function isArchived(entries: ArchiveEntry[], files?: ListedFile[]): boolean {
  if (entries.length === 0) return false;
  if (files) {
    const { fresh, changed } = compareWithArchive(entries, files);
    return files.length > 0 && fresh.length === 0 && changed.length === 0;
  }
  // Every export of it chose some files (an incremental one only the new): each must be archived.
  const have = new Set(entries.map((entry) => entry.fileId));
  return entries.every((entry) => entry.recordingFileIds.every((id) => have.has(id)));
}

/** The same, asked of the database for one recording. */
export async function isRecordingArchived(
  destination: DestinationKey,
  site: SiteId,
  recordingId: string,
  files?: ListedFile[],
): Promise<boolean> {
  const entries = (await archivedOf(destination, site, [recordingId])).get(recordingId) ?? [];
  return isArchived(entries, files);
}

/** Every entry of a destination on a platform (the archived list, the deletion report). */
export function archivedIn(destination: DestinationKey, site: SiteId): Promise<ArchiveEntry[]> {
  return db.archive
    .where('[destination+site+recordingId]')
    .between([destination, site, ''], [destination, site, '\uffff'])
    .toArray();
}

/** What one export archived (the history). */
export function archivedBy(jobId: number): Promise<ArchiveEntry[]> {
  return db.archive.where('jobId').equals(jobId).toArray();
}

/** Confirmed still there (Check the bucket found each object at its size and CRC). */
export async function markVerified(keys: string[], at = Date.now()): Promise<void> {
  await db.archive.where('key').anyOf(keys).modify({ verifiedAt: at });
}

/** No longer there (an object removed from the bucket): forgotten, so the next export saves it again. */
export async function forgetArchived(keys: string[]): Promise<void> {
  await db.archive.bulkDelete(keys);
}
