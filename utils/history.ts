// What the history page reads: exports newest first, and the files of one export, by their indexes. A history
// may hold a hundred thousand files: the page counts an export's files and reads only the rows it shows, and a
// search by file name reads the files of the one export that is open, never every export's.
import { db, type ExportFile, type ExportJob } from './db';
import type { FileState, JobState } from './export/job-state';
import { jobFiles } from './export/jobs';
import { manifestCsv } from './export/manifest';

export type StateFilter = JobState | 'all';
export type FileFilter = FileState | 'all';

/** Only the first of these many matching recordings count, so that a one-letter search answers at once. */
const MATCHES_READ = 5_000;

const matches = (text: string, search: string) => text.toLocaleLowerCase().includes(search);

/**
 * Exports newest first, of one state or all; with a search, those whose name or copy id matches, or one of whose
 * recordings' titles or ids does.
 */
export async function historyJobs(state: StateFilter, search = ''): Promise<ExportJob[]> {
  const query = search.trim().toLocaleLowerCase();
  const jobs = (await db.jobs.orderBy('createdAt').reverse().toArray()).filter(
    (job) => state === 'all' || job.state === state,
  );
  if (!query) return jobs;
  const withRecording = new Set<number>();
  await db.recordings
    .filter(({ recording }) => matches(recording.title, query) || matches(recording.shownId ?? recording.id, query))
    .limit(MATCHES_READ)
    .each((row) => {
      withRecording.add(row.jobId);
    });
  return jobs.filter(
    (job) => withRecording.has(job.id) || matches(job.name, query) || matches(job.s3?.copyId ?? '', query),
  );
}

/** An export's files of one state or all, by index, in the order they were planned. */
function filesOf(jobId: number, state: FileFilter) {
  return state === 'all'
    ? db.files.where('jobId').equals(jobId)
    : db.files.where('[jobId+state]').equals([jobId, state]);
}

/** What the list of an export's files needs: how many there are, and the rows from one place to another. */
export interface FileListing {
  count: number;
  read(start: number, end: number): Promise<ExportFile[]>;
}

/**
 * An export's files, of one state or all. Without a search they are counted and read by their place in the index
 * (the cursor skips to the rows in view), so that an export of 100,000 files opens as fast as one of ten; a
 * search (recording title or path: folder and file name) reads that one export's files once, keeping the ids.
 */
export async function historyFileListing(jobId: number, state: FileFilter, search = ''): Promise<FileListing> {
  const query = search.trim().toLocaleLowerCase();
  if (!query) {
    return {
      count: await filesOf(jobId, state).count(),
      read: (start, end) =>
        filesOf(jobId, state)
          .offset(start)
          .limit(end - start)
          .toArray(),
    };
  }
  const ids = await filesOf(jobId, state)
    .filter((file) => matches(file.path, query) || matches(file.recordingTitle, query))
    .primaryKeys();
  return { count: ids.length, read: (start, end) => historyFiles(ids.slice(start, end)) };
}

/** The rows of `ids`, in their order (a row deleted meanwhile is left out). */
async function historyFiles(ids: number[]): Promise<ExportFile[]> {
  return (await db.files.bulkGet(ids)).filter((file): file is ExportFile => file !== undefined);
}

/** Save as CSV: the manifest's columns and rows, as a volume's or the export folder's manifest has them. */
export async function historyCsv(jobId: number): Promise<string> {
  return manifestCsv(await jobFiles(jobId));
}

/**
 * Show in folder: a download of the export the browser still knows (a ZIP volume, the folder's manifest or one of
 * its files). None for an S3 copy, or once the history dropped its downloads (history-privacy.ts).
 */
export async function downloadToShow(job: ExportJob): Promise<number | undefined> {
  if (job.destination === 'zip') return job.volumes.find((volume) => volume.downloadId !== undefined)?.downloadId;
  if (job.destination !== 'folder') return undefined;
  if (job.manifestDownloadId !== undefined) return job.manifestDownloadId;
  const saved = await db.files
    .where('[jobId+state]')
    .equals([job.id, 'done'])
    .filter((file) => file.downloadId !== undefined)
    .first();
  return saved?.downloadId;
}

/** How long an export ran, from its start to its end (or to now, while it runs). */
export function durationMs(job: ExportJob, now = Date.now()): number {
  return (job.finishedAt ?? (job.state === 'running' ? now : job.updatedAt)) - job.createdAt;
}
