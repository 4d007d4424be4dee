// What every destination (ZIP, folder, S3) offers the runner. The runner knows no destination by name: it asks
// the sink for the job's destination (sinks.ts) and calls these, so a new destination is a new sink, not a new
// branch in every place that moves an export.
import type { ExportJob } from '../db';

export type StopHow = 'pause' | 'cancel';

/** What the user chose with the destination, as the export command carries it. */
export interface DestinationChoice {
  destinationId?: string;
  checkBucket?: boolean;
}

export interface DownloadEnd {
  downloadId: number;
  /** The address the browser downloaded, when it still knows the download. */
  url?: string;
  complete: boolean;
  /** The browser's reason for an interrupted download (`NETWORK_FAILED`, `USER_CANCELED`, ...). */
  reason?: string;
}

export interface Sink {
  /**
   * What the sink keeps on a new export from the user's choice (an S3 copy: its destination, its copy id, and
   * whether to check the bucket for what the ledger calls archived).
   */
  newJob(choice: DestinationChoice, now: number): Promise<Partial<ExportJob>>;
  /** Bytes per ZIP volume the plan splits the files into; 0 puts every file in one. */
  volumeBytes(): Promise<number>;
  /**
   * Moves a running, planned export on from wherever the database says it stands: after a start, a Resume, a
   * stopped worker or a restarted browser, and on the minute's alarm. Safe to call again at any time.
   */
  carryOn(jobId: number): Promise<void>;
  /**
   * Pause or cancel. `write` records the job's new state; the sink calls it when nothing of its own is on its way
   * any more, so the export never shows paused while one of its requests still reaches the platform.
   */
  stop(jobId: number, how: StopHow, write: () => Promise<ExportJob | undefined>): Promise<void>;
  /** After Resume wrote the job back to the queue: what the sink held (the browser's paused downloads) goes on. */
  resume(jobId: number): Promise<void>;
  /** The browser's word on one of this export's downloads: a file, a volume or a record has ended. */
  downloadEnded(job: ExportJob, end: DownloadEnd): Promise<void>;
}
