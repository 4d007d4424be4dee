// The one file that owns the database schema. The database is the source of truth for every export: the
// background worker can be stopped at any time and carries on from what is written here.
import Dexie, { type EntityTable } from 'dexie';
import type { ErrorInfo } from './errors';
import type { FileState, JobState, VolumeState } from './export/job-state';
import type { Destination, FileKind, Recording, SiteId } from './model';

export interface ZipVolume {
  state: VolumeState;
  /** The browser's download saving this volume, while it is saved. */
  downloadId?: number;
  /** How many times this volume was started; a volume that keeps breaking fails the job. */
  tries: number;
  /** Every entry went into the stream; the browser still has to say the file is complete. */
  streamed?: boolean;
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
  recordings: Recording[];
  /** Set once every recording's files are listed and written below. */
  planned?: boolean;
  fileCount: number;
  filesDone: number;
  filesFailed: number;
  bytesTotal: number;
  bytesDone: number;
  /** ZIP mode: the volumes, each a complete ZIP on its own. */
  volumes: ZipVolume[];
  /** Folder mode: the download of the manifest, written when every file has ended. */
  manifestDownloadId?: number;
  error?: ErrorInfo;
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
  sizeBytes?: number;
  sizeExact?: boolean;
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
  error?: ErrorInfo;
}

export const db = new Dexie('reclaim') as Dexie & {
  jobs: EntityTable<ExportJob, 'id'>;
  files: EntityTable<ExportFile, 'id'>;
};

db.version(1).stores({
  jobs: '++id, state, createdAt',
  files: '++id, jobId, [jobId+state], [jobId+volume], downloadId, downloadUrl',
});
