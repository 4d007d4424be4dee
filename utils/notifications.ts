// A system notification when an export ends while the user is elsewhere: done, done with failed files, paused
// until the user signs in again, or failed. Clicking it opens that export in the history. Notifications are an
// optional permission the user grants in the options (or from the popup's offer); without it nothing is shown.
import { browser } from 'wxt/browser';
import { pausesExport } from './errors';
import type { JobState } from './export/job-state';
import { onJobChange } from './export/jobs';
import { describeError, isolate, type MessageKey, t } from './i18n';
import { hasNotifications } from './notify-permission';
import type { JobSnapshot } from './protocol';

export interface EndNotice {
  title: string;
  message: string;
}

const NOTICE_ID = 'reclaim-export-';

/** The history page at this export. */
export function historyUrl(jobId: number): string {
  return `${browser.runtime.getURL('/exports.html')}#job=${jobId}`;
}

/**
 * What to tell the user when a job has moved from `from` to its state, or undefined when it is not an end worth
 * a notification: a cancel is the user's own doing, a pause by hand too, and a pause they can mend only counts
 * once (the move into it), not at every later write.
 */
export function endNotice(job: JobSnapshot, from: JobState | undefined): EndNotice | undefined {
  if (!from || from === job.state) return undefined;
  const reason = (title: MessageKey) =>
    job.error
      ? { title: t(title), message: t('notifyReason', isolate(job.name), describeError(job.error)) }
      : undefined;
  switch (job.state) {
    case 'completed':
      return { title: t('notifyCompletedTitle'), message: t('notifyCompleted', isolate(job.name), job.filesDone) };
    case 'completed-with-failures':
      return {
        title: t('notifyFailuresTitle'),
        message: t('notifyFailures', isolate(job.name), job.filesDone, job.filesFailed),
      };
    case 'paused':
      return job.error && pausesExport(job.error) ? reason('notifyPausedTitle') : undefined;
    case 'failed':
      return reason('notifyFailedTitle') ?? { title: t('notifyFailedTitle'), message: job.name };
    default:
      return undefined;
  }
}

/** The notifications API: present only once the user has granted the permission. */
function notifications() {
  return (browser as { notifications?: typeof browser.notifications }).notifications;
}

async function tell(job: JobSnapshot, notice: EndNotice): Promise<void> {
  const api = notifications();
  if (!api || !(await hasNotifications())) return;
  await api.create(`${NOTICE_ID}${job.id}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: notice.title,
    message: notice.message,
  });
}

let clicksHeard = false;

/** A click opens the export in the history. Listened to again once the permission is granted (the API appears). */
function hearClicks(): void {
  const api = notifications();
  if (!api || clicksHeard) return;
  clicksHeard = true;
  api.onClicked.addListener((id) => {
    if (!id.startsWith(NOTICE_ID)) return;
    const jobId = Number(id.slice(NOTICE_ID.length));
    if (!Number.isSafeInteger(jobId)) return;
    void browser.tabs.create({ url: historyUrl(jobId) });
    void api.clear(id);
  });
}

export function followEnds(): void {
  hearClicks();
  browser.permissions.onAdded.addListener(hearClicks);
  onJobChange((job, movedFrom) => {
    const notice = endNotice(job, movedFrom);
    if (notice) void tell(job, notice).catch(() => undefined);
  });
}
