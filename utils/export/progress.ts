// Progress counted in memory and written at most twice a second: often enough to watch, rarely enough to be cheap.
import { addProgress } from './jobs';

const WRITE_EVERY_MS = 500;

export class ProgressCounter {
  private pendingBytes = 0;
  private pendingDone = 0;
  private pendingFailed = 0;
  private lastWrite = 0;

  constructor(private readonly jobId: number) {}

  bytes(count: number): void {
    this.pendingBytes += count;
    if (Date.now() - this.lastWrite > WRITE_EVERY_MS) void this.flush();
  }

  // A finished file is written with the next half-second's write too: an export of thousands of small files
  // would otherwise write its job, and wake every open popup, once a file.
  async fileDone(): Promise<void> {
    this.pendingDone += 1;
    if (Date.now() - this.lastWrite > WRITE_EVERY_MS) await this.flush();
  }

  async fileFailed(): Promise<void> {
    this.pendingFailed += 1;
    if (Date.now() - this.lastWrite > WRITE_EVERY_MS) await this.flush();
  }

  async flush(): Promise<void> {
    this.lastWrite = Date.now();
    const delta = { bytes: this.pendingBytes, done: this.pendingDone, failed: this.pendingFailed };
    this.pendingBytes = this.pendingDone = this.pendingFailed = 0;
    if (delta.bytes || delta.done || delta.failed) await addProgress(this.jobId, delta);
  }
}
