// One sentence about where an export stands, shared by the bulk bar and the popup.
import { secondsLeft } from '@/utils/export/rate';
import { formatRate, formatSize, formatTimeLeft } from '@/utils/format';
import { describeError, isolate, t } from '@/utils/i18n';
import type { JobSnapshot } from '@/utils/protocol';

export function jobStatusText(job: JobSnapshot): string {
  switch (job.state) {
    case 'queued':
      return t('statusQueued');
    case 'paused':
      // Paused for a reason the user must mend (an ended session): the reason says what to do.
      return job.error ? describeError(job.error) : t('statusPaused');
    case 'running':
      return t('statusRunning', progressText(job));
    case 'completed':
      return (
        (job.destination === 'folder'
          ? t('statusFolderDone', isolate(`Reclaim/${job.name}`))
          : t('statusCompleted', saved(job))) + skipped(job)
      );
    case 'completed-with-failures':
      return t('statusCompletedWithFailures', saved(job), job.filesFailed) + skipped(job);
    case 'failed':
      return t('statusFailed', job.error ? describeError(job.error) : '');
    case 'cancelled':
      return t('statusCancelled');
  }
}

/**
 * Where a running export stands, answering "how long?": files done, failed and left; bytes done of the total;
 * the rate over the last seconds and the time left, once there is enough to measure them (never when paused).
 */
export function progressText(job: JobSnapshot): string {
  const left = Math.max(0, job.fileCount - job.filesDone - job.filesFailed - job.filesSkipped);
  const parts = [t('progressFiles', job.filesDone, job.fileCount)];
  if (job.filesFailed > 0) parts.push(t('progressFailed', job.filesFailed));
  if (job.state === 'running' || job.state === 'paused') parts.push(t('progressLeft', left));
  parts.push(
    job.bytesTotal > 0
      ? t('progressBytes', formatSize(job.bytesDone), formatSize(job.bytesTotal))
      : formatSize(job.bytesDone),
  );
  const seconds = secondsLeft(job);
  if (job.rate && seconds !== undefined) parts.push(formatRate(job.rate.bytesPerSecond), formatTimeLeft(seconds));
  return parts.join(' · ');
}

/** Recordings left out because they are still processing: said, and not as failures. */
function skipped(job: JobSnapshot): string {
  return job.filesSkipped > 0 ? t('statusSkippedProcessing', job.filesSkipped) : '';
}

/** Where the export went; names and paths isolated, so a right-to-left title keeps its place in the sentence. */
function saved(job: JobSnapshot): string {
  if (job.destination === 'folder') return isolate(`Reclaim/${job.name}`);
  if (job.destination === 's3') return t('s3CopySaved', job.copyId ?? '', isolate(job.copyPlace ?? ''));
  return job.volumeCount > 1 ? `${isolate(job.name)} (${job.volumeCount} ZIP)` : isolate(`${job.name}.zip`);
}
