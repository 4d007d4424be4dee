// What the history page reads: exports newest first, and the files of one export, by their indexes. A history
// may hold a hundred thousand files: the page asks for their ids (cheap, from an index) and reads only the rows
// it shows, and a search reads the files of the one export that is open, never every export's.
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

/**
 * The ids of an export's files in the order they were planned, of one state or all; with a search, those whose
 * recording title or path (folder and file name) matches.
 */
export async function historyFileIds(jobId: number, state: FileFilter, search = ''): Promise<number[]> {
  const query = search.trim().toLocaleLowerCase();
  const files =
    state === 'all' ? db.files.where('jobId').equals(jobId) : db.files.where('[jobId+state]').equals([jobId, state]);
  if (!query) return files.primaryKeys();
  return files.filter((file) => matches(file.path, query) || matches(file.recordingTitle, query)).primaryKeys();
}

/** The rows the list shows, in the order of `ids` (a row deleted meanwhile is left out). */
export async function historyFiles(ids: number[]): Promise<ExportFile[]> {
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
