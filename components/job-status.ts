// One sentence about where an export stands, shared by the bulk bar and the popup.
import { formatSize } from '@/utils/format';
import { describeError, t } from '@/utils/i18n';
import type { JobSnapshot } from '@/utils/protocol';

export function jobStatusText(job: JobSnapshot): string {
  switch (job.state) {
    case 'queued':
    case 'running':
      return t('statusRunning', job.filesDone, job.fileCount, formatSize(job.bytesDone));
    case 'completed':
      return t('statusCompleted', `${job.name}.zip`);
    case 'completed-with-failures':
      return t('statusCompletedWithFailures', `${job.name}.zip`, job.filesFailed);
    case 'failed':
      return t('statusFailed', job.error ? describeError(job.error) : '');
    case 'cancelled':
      return t('statusCancelled');
  }
}
