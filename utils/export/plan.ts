// Planning an export: asking the platform for every file of every chosen recording and giving each its path.
import { db, type ExportFile } from '../db';
import { ExportError, toErrorInfo } from '../errors';
import type { Recording, RecordingFile } from '../model';
import type { SiteAdapter } from '../sites/site';
import { getJob, updateJob } from './jobs';
import { recordingFileName, recordingFolderName, uniquePaths } from './naming';

const RECORDINGS_AT_ONCE = 3;

type Planned = Omit<ExportFile, 'id'>;

/** Runs `work` on every item, a few at a time, keeping the input order in the result. */
async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  }
  return results;
}

export async function planExport(jobId: number, adapter: SiteAdapter): Promise<void> {
  const job = await getJob(jobId);
  if (!job) return;
  const perRecording = await inBatches(job.recordings, RECORDINGS_AT_ONCE, async (recording) => {
    try {
      if (recording.status === 'processing') throw new ExportError({ code: 'processing', site: job.site });
      return { recording, files: await adapter.listFiles(job.origin, recording) };
    } catch (error) {
      const info = toErrorInfo(error);
      // An expired session fails every recording alike: stop now and say so once.
      if (info.code === 'session-expired') throw error;
      return { recording, files: [] as RecordingFile[], error: info };
    }
  });

  const planned: Planned[] = perRecording.flatMap(({ recording, files, error }) => {
    const folder = recordingFolderName(recording);
    if (error) return [failedRecording(jobId, recording, folder, error)];
    return files.map((file) => ({
      jobId,
      recordingId: recording.id,
      path: `${folder}/${recordingFileName(file)}`,
      url: file.url,
      kind: file.kind,
      sizeBytes: file.sizeBytes,
      state: 'queued' as const,
      bytesDone: 0,
    }));
  });
  const paths = uniquePaths(planned.map((file) => file.path));
  planned.forEach((file, index) => {
    file.path = paths[index] ?? file.path;
  });

  await db.files.bulkAdd(planned as ExportFile[]);
  await updateJob(jobId, {
    fileCount: planned.length,
    filesFailed: planned.filter((file) => file.state === 'failed').length,
    bytesTotal: planned.reduce((sum, file) => sum + (file.sizeBytes ?? 0), 0),
  });
}

/** A recording whose files could not even be listed still appears in the history, with the reason. */
function failedRecording(jobId: number, recording: Recording, folder: string, error: ExportFile['error']): Planned {
  return {
    jobId,
    recordingId: recording.id,
    path: `${folder}/`,
    url: '',
    kind: 'other',
    state: 'failed',
    bytesDone: 0,
    error,
  };
}
