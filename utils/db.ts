// The one file that owns the database schema. The database is the source of truth for every export: the
// background worker can be stopped at any time and carries on from what is written here.
import Dexie, { type EntityTable } from 'dexie';
import type { ErrorInfo } from './errors';
import type { FileState, JobState } from './export/job-state';
import type { Destination, FileKind, Recording, SiteId } from './model';

export interface ExportJob {
  id: number;
  site: SiteId;
  destination: Destination;
  /** The platform page the export was started from (an origin checked against the site's hosts). */
  origin: string;
  /** What the user sees and what the saved archive is called, without extension. */
  name: string;
  state: JobState;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  recordings: Recording[];
  fileCount: number;
  filesDone: number;
  filesFailed: number;
  bytesTotal: number;
  bytesDone: number;
  /** The browser's download that is saving this export's archive. */
  downloadId?: number;
  /** Set when every file has gone into the archive stream; the job is done when the browser says the file is. */
  streamed?: boolean;
  error?: ErrorInfo;
}

export interface ExportFile {
  id: number;
  jobId: number;
  recordingId: string;
  /** Where the file goes inside the export: `<recording folder>/<file name>`. */
  path: string;
  url: string;
  kind: FileKind;
  sizeBytes?: number;
  state: FileState;
  bytesDone: number;
  error?: ErrorInfo;
}

export const db = new Dexie('reclaim') as Dexie & {
  jobs: EntityTable<ExportJob, 'id'>;
  files: EntityTable<ExportFile, 'id'>;
};

db.version(1).stores({
  jobs: '++id, state, createdAt, downloadId',
  files: '++id, jobId, [jobId+state]',
});
