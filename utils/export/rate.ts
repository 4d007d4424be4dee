// How fast an export goes, over the last ten seconds: long enough to smooth out one slow file, short enough that
// a connection that got slower shows within a few seconds. The meter is fed the job's totals each time progress
// is written (jobs.ts addProgress); it lives in the worker's memory, and a worker that restarts measures afresh.

export const RATE_WINDOW_MS = 10_000;
/** Less than this much time measured says too little: no rate and no time left are shown before it. */
export const RATE_MIN_SPAN_MS = 2_000;

/** Bytes and files (done or failed) per second; stored on the job row, so the popup's live query sees it. */
export interface ExportRate {
  bytesPerSecond: number;
  filesPerSecond: number;
}

interface Sample {
  at: number;
  bytes: number;
  files: number;
}

export class RateMeter {
  private samples: Sample[] = [];

  /** The job's totals at `at` (not the change): a total that went back (a part sent again) starts over. */
  add(at: number, bytes: number, files: number): void {
    const last = this.samples.at(-1);
    if (last && (bytes < last.bytes || files < last.files || at < last.at)) this.samples = [];
    this.samples.push({ at, bytes, files });
    // The newest sample older than the window stays as its start, so the window is measured whole.
    const start = this.samples.findLastIndex((sample) => sample.at <= at - RATE_WINDOW_MS);
    if (start > 0) this.samples = this.samples.slice(start);
  }

  reset(): void {
    this.samples = [];
  }

  /** The rate over the window ending at the last sample; undefined until there is enough to measure. */
  rate(): ExportRate | undefined {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last) return undefined;
    const span = last.at - first.at;
    if (span < RATE_MIN_SPAN_MS) return undefined;
    return {
      bytesPerSecond: ((last.bytes - first.bytes) * 1000) / span,
      filesPerSecond: ((last.files - first.files) * 1000) / span,
    };
  }
}

export interface ProgressCounts {
  state: string;
  fileCount: number;
  filesDone: number;
  filesFailed: number;
  filesSkipped?: number;
  bytesTotal: number;
  bytesDone: number;
  rate?: ExportRate;
}

/**
 * Seconds left at the measured rate: by bytes when the sizes are known, else by files. Undefined while not
 * running (a paused export has no time left, it waits) or before the rate is measured.
 */
export function secondsLeft(job: ProgressCounts): number | undefined {
  if (job.state !== 'running' || !job.rate) return undefined;
  const bytesLeft = job.bytesTotal - job.bytesDone;
  if (job.bytesTotal > 0 && bytesLeft >= 0) {
    return job.rate.bytesPerSecond > 0 ? bytesLeft / job.rate.bytesPerSecond : undefined;
  }
  const filesLeft = job.fileCount - job.filesDone - job.filesFailed - (job.filesSkipped ?? 0);
  return job.rate.filesPerSecond > 0 && filesLeft >= 0 ? filesLeft / job.rate.filesPerSecond : undefined;
}

/** Meters of the exports this worker is running, by job id. */
const meters = new Map<number, RateMeter>();

export function meterOf(jobId: number): RateMeter {
  let meter = meters.get(jobId);
  if (!meter) {
    meter = new RateMeter();
    meters.set(jobId, meter);
  }
  return meter;
}

/** The export stopped or paused: what it measured before says nothing about how it goes when it runs again. */
export function forgetRate(jobId: number): void {
  meters.delete(jobId);
}

/** An export that will run for minutes yet: long enough that the user goes elsewhere (and may want a word). */
export const LONG_EXPORT_SECONDS = 120;

export function isLongExport(job: ProgressCounts): boolean {
  const seconds = secondsLeft(job);
  return seconds !== undefined && seconds > LONG_EXPORT_SECONDS;
}
