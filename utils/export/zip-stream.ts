// Streams every file of a job into one ZIP, file after file, without ever holding a whole file.
import { makeZip } from 'client-zip';
import type { ExportFile, ExportJob } from '../db';
import { type ErrorInfo, ExportError, toErrorInfo } from '../errors';
import { adapterFor } from '../sites/registry';
import { failJob, getJob, jobFiles, updateFile, updateJob } from './jobs';
import { countBytes, type OpenedFile, openFile } from './source';

const PROGRESS_EVERY_MS = 500;

/** An error that stops the whole export instead of failing one file: no other file would fare better. */
function stopsExport(error: ErrorInfo): boolean {
  return error.code === 'session-expired' || error.code === 'cancelled';
}

/**
 * The ZIP of a job as a stream, or null when the export cannot start (its session expired before the first
 * byte): then nothing is saved at all, rather than an empty or broken archive.
 */
export async function openZipStream(jobId: number, signal: AbortSignal): Promise<ReadableStream<Uint8Array> | null> {
  const job = await getJob(jobId);
  if (job?.state !== 'running' || job.streamed) return null;
  const adapter = adapterFor(job.site);
  if (!adapter) return null;
  const files = (await jobFiles(jobId)).filter((file) => file.state !== 'failed');
  const progress = new ProgressWriter(job);

  async function open(file: ExportFile): Promise<OpenedFile | null> {
    try {
      await updateFile(file.id, { state: 'running', bytesDone: 0 });
      return await openFile(file, adapter as NonNullable<typeof adapter>, signal);
    } catch (error) {
      const info = signal.aborted ? { code: 'cancelled' as const } : toErrorInfo(error);
      if (stopsExport(info)) {
        await updateFile(file.id, { state: 'failed', error: info });
        await failJob(jobId, info);
        throw new ExportError(info);
      }
      await updateFile(file.id, { state: 'failed', error: info });
      await progress.fileFailed();
      return null;
    }
  }

  // The first file is opened before the archive starts, so an expired session saves nothing.
  let first: OpenedFile | null = null;
  const firstFile = files[0];
  try {
    first = firstFile ? await open(firstFile) : null;
  } catch {
    return null;
  }

  async function* entries() {
    for (const [index, file] of files.entries()) {
      const opened = index === 0 ? first : await open(file);
      if (!opened) continue;
      yield {
        name: file.path,
        lastModified: new Date(job?.createdAt ?? Date.now()),
        input: countBytes(
          opened,
          (count) => progress.bytes(count),
          async (total) => {
            await updateFile(file.id, { state: 'done', bytesDone: total });
            await progress.fileDone();
          },
        ),
      };
    }
    await progress.flush();
    await updateJob(jobId, { streamed: true });
  }

  return reportErrors(makeZip(entries()), jobId);
}

/** When the archive breaks mid-way (a file cut short, a network error), the job says so before the stream does. */
function reportErrors(stream: ReadableStream<Uint8Array>, jobId: number): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        await failJob(jobId, toErrorInfo(error));
        controller.error(error);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** Progress is counted in memory and written at most twice a second: often enough to watch, rarely enough to be cheap. */
class ProgressWriter {
  private bytesDone: number;
  private filesDone: number;
  private filesFailed: number;
  private lastWrite = 0;

  constructor(private readonly job: ExportJob) {
    this.bytesDone = job.bytesDone;
    this.filesDone = job.filesDone;
    this.filesFailed = job.filesFailed;
  }

  bytes(count: number): void {
    this.bytesDone += count;
    if (Date.now() - this.lastWrite > PROGRESS_EVERY_MS) void this.flush();
  }

  async fileDone(): Promise<void> {
    this.filesDone += 1;
    await this.flush();
  }

  async fileFailed(): Promise<void> {
    this.filesFailed += 1;
    await this.flush();
  }

  async flush(): Promise<void> {
    this.lastWrite = Date.now();
    const { bytesDone, filesDone, filesFailed } = this;
    await updateJob(this.job.id, { bytesDone, filesDone, filesFailed });
  }
}
