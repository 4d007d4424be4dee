// Planning an export: asking the platform for every file of every chosen recording, giving each its path and,
// for a ZIP, its volume. Written to the database once, so a restarted worker never plans again.
import { leaveOutArchived } from '../archive/incremental';
import { db, type ExportFile } from '../db';
import { type ErrorInfo, ExportError, toErrorInfo } from '../errors';
import { isWanted } from '../file-choices';
import type { Recording, RecordingFile } from '../model';
import { getSettings } from '../settings';
import type { SiteAdapter } from '../sites/site';
import { getJob, jobRecordingRows, updateJob } from './jobs';
import { inBatches, numberedPaths, RECORDINGS_AT_ONCE } from './listing';
import { exportPath } from './name-template';
import { recordingFolderName } from './naming';
import { assignVolumes } from './volumes';

/** Files of recordings that could not be listed belong to no volume. */
export const NO_VOLUME = -1;

type Planned = Omit<ExportFile, 'id'>;

export async function planExport(jobId: number, adapter: SiteAdapter, volumeBytes: number): Promise<void> {
  const job = await getJob(jobId);
  if (!job) return;
  // Also when a planned export carries on after the browser restarted: what the file hosts need is gone then.
  await adapter.prepareDownloads?.(job.origin);
  if (job.planned) return;
  // The choices the export was started with; an export from before they existed takes the current settings.
  const settings = await getSettings();
  const template = job.nameTemplate ?? settings.nameTemplate;
  const skipped = job.skippedFiles ?? settings.skippedFiles;
  const rows = await jobRecordingRows(jobId);
  const perRecording = await inBatches(rows, RECORDINGS_AT_ONCE, async ({ recording }) => {
    try {
      if (recording.status === 'processing') throw new ExportError({ code: 'processing', site: job.site });
      const files = await adapter.listFiles(job.origin, recording);
      return { recording, files: files.filter((file) => isWanted(file, skipped)) };
    } catch (error) {
      const info = toErrorInfo(error);
      // An expired session fails every recording alike: stop now and say so once.
      if (info.code === 'session-expired') throw error;
      return { recording, files: [] as RecordingFile[], error: info };
    }
  });

  // Skip what is archived: only files new or changed since they were archived in this destination stay.
  const { listed: toPlan, leftOut } = await leaveOutArchived(job, perRecording);
  const planned: Planned[] = toPlan.flatMap(({ recording, files, error }) => {
    if (error) return [unlistable(jobId, recording, folderOf(template, recording), error)];
    return files.map((file) => ({
      jobId,
      recordingId: recording.id,
      recordingTitle: recording.title,
      path: exportPath(template, recording, file),
      url: file.url,
      fileId: file.id,
      kind: file.kind,
      clip: file.clip,
      sizeBytes: file.sizeBytes,
      sizeExact: file.sizeExact,
      sizeRough: file.sizeRough,
      volume: 0,
      state: 'queued' as const,
      bytesDone: 0,
      retries: 0,
    }));
  });
  const paths = numberedPaths(planned);
  planned.forEach((file, index) => {
    file.path = paths[index] ?? file.path;
  });
  const kept = onlyRetried(planned, rows);
  const listed = kept.filter((file) => file.volume !== NO_VOLUME);
  const volumes = assignVolumes(listed, job.destination === 'zip' ? volumeBytes : 0);
  listed.forEach((file, index) => {
    file.volume = volumes[index] ?? 0;
  });
  const volumeCount = Math.max(1, ...volumes.map((v) => v + 1));

  await db.transaction('rw', db.files, db.jobs, async () => {
    await db.files.bulkAdd(kept as ExportFile[]);
    await updateJob(jobId, {
      planned: true,
      filesArchived: leftOut,
      fileCount: kept.length,
      filesFailed: kept.filter((file) => file.state === 'failed').length,
      filesSkipped: kept.filter((file) => file.state === 'skipped').length,
      bytesTotal: kept.reduce((sum, file) => sum + (file.sizeBytes ?? 0), 0),
      volumes: Array.from({ length: volumeCount }, () => ({ state: 'pending' as const, tries: 0 })),
    });
  });
}

/**
 * Retry failed files: of a recording the retry names files of, only those files, each under the path it had in
 * the export retried (the new export holds them where the first one would have). Matched by its path first;
 * failing that (a duplicate title numbered otherwise in a smaller export), by its file name in that recording.
 */
export function onlyRetried(
  planned: Planned[],
  rows: Array<{ recording: Recording; onlyPaths?: string[] }>,
): Planned[] {
  const only = new Map(rows.flatMap((row) => (row.onlyPaths ? [[row.recording.id, row.onlyPaths] as const] : [])));
  if (only.size === 0) return planned;
  const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  return planned.flatMap((file) => {
    const paths = only.get(file.recordingId);
    // A recording that could not be listed again keeps its one row, with the reason.
    if (!paths || file.volume === NO_VOLUME) return [file];
    const old =
      paths.find((path) => path === file.path) ?? paths.find((path) => fileName(path) === fileName(file.path));
    return old === undefined ? [] : [{ ...file, path: old }];
  });
}

/** The recording's folder by the template (its own name when the template puts files in no folder). */
function folderOf(template: string, recording: Recording): string {
  const path = exportPath(template, recording, { id: '', kind: 'other', ext: '', url: '' });
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : recordingFolderName(recording);
}

/** A recording whose files could not even be listed still appears in the history, with the reason. */
function unlistable(jobId: number, recording: Recording, folder: string, error: ErrorInfo): Planned {
  return {
    jobId,
    recordingId: recording.id,
    recordingTitle: recording.title,
    path: `${folder}/`,
    url: '',
    kind: 'other',
    volume: NO_VOLUME,
    // Still processing: left out on purpose, with the reason, and not a failure of the export.
    state: error.code === 'processing' ? 'skipped' : 'failed',
    bytesDone: 0,
    retries: 0,
    error,
  };
}
