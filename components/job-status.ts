// One sentence about where an export stands, shared by the bulk bar and the popup.
import { formatSize } from '@/utils/format';
import { describeError, t } from '@/utils/i18n';
import type { JobSnapshot } from '@/utils/protocol';

export function jobStatusText(job: JobSnapshot): string {
  switch (job.state) {
    case 'queued':
      return t('statusQueued');
    case 'paused':
      // Paused for a reason the user must mend (an ended session): the reason says what to do.
      return job.error ? describeError(job.error) : t('statusPaused');
    case 'running':
      return t('statusRunning', job.filesDone, job.fileCount, formatSize(job.bytesDone));
    case 'completed':
      return (
        (job.destination === 'folder'
          ? t('statusFolderDone', `Reclaim/${job.name}`)
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

/** Recordings left out because they are still processing: said, and not as failures. */
function skipped(job: JobSnapshot): string {
  return job.filesSkipped > 0 ? t('statusSkippedProcessing', job.filesSkipped) : '';
}

function saved(job: JobSnapshot): string {
  if (job.destination === 'folder') return `Reclaim/${job.name}`;
  if (job.destination === 's3') return t('s3CopySaved', job.copyId ?? '', job.copyPlace ?? '');
  return job.volumeCount > 1 ? `${job.name} (${job.volumeCount} ZIP)` : `${job.name}.zip`;
}
