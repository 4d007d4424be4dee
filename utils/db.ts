// The one file that owns the database schema. The database is the source of truth for every export: the
// background worker can be stopped at any time and carries on from what is written here.
import Dexie, { type EntityTable } from 'dexie';
import type { ArchiveEntry } from './archive/ledger';
import type { ErrorInfo } from './errors';
import type { FileState, JobState, VolumeState } from './export/job-state';
import type { ExportRate } from './export/rate';
import type { FileChoice } from './file-choices';
import type { Destination, FileKind, Recording, SiteId } from './model';
import type { S3Destination } from './s3/destination';

export interface ZipVolume {
  state: VolumeState;
  /** The browser's download saving this volume, while it is saved. */
  downloadId?: number;
  /** How many times this volume was started; a volume that keeps breaking fails the job. */
  tries: number;
  /** Every entry went into the stream; the browser still has to say the file is complete. */
  streamed?: boolean;
}

/** S3 copies: where the copy goes and under which copy id, shown in the history like the platforms show theirs. */
export interface S3Copy {
  destinationId: string;
  /** For the history only; the keys are read from the destination each time. */
  destinationName: string;
  bucket: string;
  prefix: string;
  copyId: string;
  /** When the copy started (its date begins the metadata log's name). */
  startedAt: number;
}

export interface ExportJob {
  id: number;
  site: SiteId;
  destination: Destination;
  /** The platform page the export was started from (an origin checked against the site's hosts). */
  origin: string;
  /** What the user sees; ZIP volumes and the export folder are named after it. */
  name: string;
  state: JobState;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** The name template and the file choices the export was started with (absent in older exports). */
  nameTemplate?: string;
  skippedFiles?: FileChoice[];
  /** Set once every recording's files are listed and written below. */
  planned?: boolean;
  fileCount: number;
  filesDone: number;
  filesFailed: number;
  /** Recordings left out on purpose (still processing): neither done nor failed. Absent in older exports. */
  filesSkipped?: number;
  bytesTotal: number;
  bytesDone: number;
  /** While running: the rate over the last ten seconds (export/rate.ts), once there is enough to measure. */
  rate?: ExportRate;
  /** ZIP mode: the volumes, each a complete ZIP on its own. */
  volumes: ZipVolume[];
  /**
   * Chrome folder mode: the platform refused the download manager (its media host wants a Referer no rule can give
   * those requests), so this export's files come through Reclaim (folder-relay.ts).
   */
  relayFiles?: boolean;
  /** Folder mode: the download of the manifest, written when every file has ended. */
  manifestDownloadId?: number;
  /** S3 copies only. */
  s3?: S3Copy;
  error?: ErrorInfo;
  /** Its links and transient data were dropped (history-privacy.ts). */
  linksPruned?: boolean;
  /** Started by Retry failed files in the history: the export whose failed files this one fetches again. */
  retryOf?: number;
  /** Skip what is archived: files already in the archive ledger for this destination are left out of the plan. */
  skipArchived?: boolean;
  /** S3, with skipArchived: each archived object is first confirmed in the bucket (HeadObject size and CRC). */
  checkBucket?: boolean;
  /** How many files the plan left out as already archived. */
  filesArchived?: number;
  /** ZIP: the volume being written could not be kept on disk (spool.ts), said once; a stopped worker refetches. */
  spoolFailed?: ErrorInfo;
}

export interface ExportFile {
  id: number;
  jobId: number;
  recordingId: string;
  recordingTitle: string;
  /** Where the file goes inside the export: `<recording folder>/<file name>`. */
  path: string;
  url: string;
  kind: FileKind;
  /** 1-based clip of a meeting that was stopped and started again; absent for a single clip. */
  clip?: number;
  sizeBytes?: number;
  sizeExact?: boolean;
  sizeRough?: boolean;
  /** ZIP mode: which volume holds it (0-based). */
  volume: number;
  state: FileState;
  bytesDone: number;
  /** Tries that failed and were retried. */
  retries: number;
  /** Folder mode: the browser's download of this file, and the byte count the server announced for it. */
  downloadId?: number;
  /** The address the download was started with (Zoom: a signed media URL). */
  downloadUrl?: string;
  expectedBytes?: number;
  /** Folder mode: how far the browser's download was when last looked at, and when it got there. */
  progressSeen?: { bytes: number; at: number };
  /** S3 copies: the file's ETag or Last-Modified at the platform, so a copy taken up again never mixes versions. */
  sourceValidator?: string;
  /** The platform's id for this file (RecordingFile.id): what the archive ledger knows it by. Absent in older exports. */
  fileId?: string;
  /** CRC-32 of the bytes Reclaim streamed, as 8 hex digits; absent when the bytes did not pass through Reclaim. */
  crc32?: string;
  error?: ErrorInfo;
}

/**
 * One recording an export was asked for, as the platform (or the report) described it. Kept apart from the job:
 * a job of ten thousand recordings would otherwise be rewritten whole at every progress write, and read whole
 * by the popup at every change.
 */
export interface JobRecording {
  id: number;
  jobId: number;
  recording: Recording;
  /**
   * Retry failed files: only these of the recording's files (their paths in the export retried), which keep those
   * paths. Absent: every file of the recording, as a first export plans them.
   */
  onlyPaths?: string[];
}

/** S3 copies: an unfinished multipart upload of one file, kept until it is completed or given up. */
export interface S3Upload {
  fileId: number;
  jobId: number;
  uploadId: string;
  partSize: number;
  /** Created with S3's CRC-32 checks: each part is sent with its CRC (none in uploads of an older Reclaim). */
  checksums?: boolean;
}

/** One part S3 acknowledged, written before it counts as sent. */
export interface S3Part {
  /** `<file id>/<part number>`. A compound primary key was wiped when a restarted worker opened the database. */
  key: string;
  fileId: number;
  partNumber: number;
  size: number;
  etag: string;
  /** CRC-32 of the part's bytes, so the object's CRC is known at its end (absent in older rows). */
  crc32?: number;
}

/** An S3 destination with its keys: here, where content scripts cannot read, never in storage.local. */
export interface StoredDestination extends S3Destination {
  /** Lists them in the order they were saved (a destination saved again goes last). */
  order: number;
}

export const db = new Dexie('reclaim') as Dexie & {
  jobs: EntityTable<ExportJob, 'id'>;
  files: EntityTable<ExportFile, 'id'>;
  uploads: EntityTable<S3Upload, 'fileId'>;
  parts: EntityTable<S3Part, 'key'>;
  recordings: EntityTable<JobRecording, 'id'>;
  destinations: EntityTable<StoredDestination, 'id'>;
  archive: EntityTable<ArchiveEntry, 'key'>;
};

db.version(1).stores({
  jobs: '++id, state, createdAt',
  files: '++id, jobId, [jobId+state], [jobId+volume], downloadId, downloadUrl',
});

// Version 2: the S3 part ledger.
db.version(2).stores({
  uploads: 'fileId, jobId',
  parts: 'key, fileId',
});

// Version 3: the recordings of an export in a table of their own, in the order they were chosen.
db.version(3)
  .stores({ recordings: '++id, jobId' })
  .upgrade(async (tx) => {
    const jobs = tx.table<ExportJob & { recordings?: Recording[] }, number>('jobs');
    for (const job of await jobs.toArray()) {
      if (!job.recordings) continue;
      await tx.table('recordings').bulkAdd(job.recordings.map((recording) => ({ jobId: job.id, recording })));
      delete job.recordings;
      await jobs.put(job);
    }
  });

// Version 4: S3 destinations and their keys, out of storage.local (which content scripts can read). Those an
// older Reclaim stored there are moved by utils/s3/destinations.ts, which can read storage.local: an upgrade
// transaction here would close while it waited for the browser's storage.
db.version(4).stores({ destinations: 'id, order' });

// Version 5: the archive ledger, what was saved and verified where (utils/archive/ledger.ts). Looked up by the
// destination and a platform's recordings (incremental exports, marks on rows), by file and by export.
db.version(5).stores({ archive: 'key, [destination+site+recordingId], fileId, jobId' });

// Version 6: the ledger also by platform and recording alone, for the marks on a platform's rows (archived anywhere).
db.version(6).stores({ archive: 'key, [destination+site+recordingId], [site+recordingId], fileId, jobId' });

// Version 7: an export's files also by recording, so that a saved file's ledger entry names its recording's files
// without reading every file of the export (twenty thousand reads per saved file in a 10,000-recording export).
db.version(7).stores({
  files: '++id, jobId, [jobId+state], [jobId+volume], [jobId+recordingId], downloadId, downloadUrl',
});
