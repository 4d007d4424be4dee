// The toolbar icon's badge: the running export's percent, `!` when an export waits for the user (a session
// that ended), nothing when Reclaim is idle. Decided from the unfinished jobs in the database, so a worker that
// restarted shows the same badge as before.
import { browser } from 'wxt/browser';
import { db } from './db';
import { pausesExport } from './errors';
import { onJobChange } from './export/jobs';
import { t } from './i18n';
import type { JobSnapshot } from './protocol';

export interface Badge {
  text: string;
  color?: string;
  /** The icon's tooltip, which screen readers read (the badge itself they do not). */
  title?: string;
}

// Red draws the eye to what needs the user; blue is the quiet progress colour Chrome uses itself.
export const NEEDS_YOU_COLOR = '#d93025';
export const RUNNING_COLOR = '#1a73e8';

type BadgeJob = Pick<
  JobSnapshot,
  'state' | 'error' | 'bytesTotal' | 'bytesDone' | 'fileCount' | 'filesDone' | 'filesFailed'
> & { filesSkipped?: number };

/** How far an export is, in whole percent: by bytes when the sizes are known, else by files. */
export function percentDone(job: BadgeJob): number {
  const fraction =
    job.bytesTotal > 0
      ? job.bytesDone / job.bytesTotal
      : job.fileCount > 0
        ? (job.filesDone + job.filesFailed + (job.filesSkipped ?? 0)) / job.fileCount
        : 0;
  return Math.min(100, Math.max(0, Math.floor(fraction * 100)));
}

/** The badge for these unfinished exports. An export that needs the user comes before one that runs. */
export function badgeFor(jobs: BadgeJob[]): Badge {
  if (jobs.some((job) => job.state === 'paused' && job.error && pausesExport(job.error))) {
    return { text: '!', color: NEEDS_YOU_COLOR, title: t('badgeNeedsYou') };
  }
  const running = jobs.find((job) => job.state === 'running');
  if (!running) return { text: '' };
  const percent = percentDone(running);
  return { text: `${percent}%`, color: RUNNING_COLOR, title: t('badgeRunning', percent) };
}

// Firefox's Manifest V2 calls the toolbar button browserAction; Chrome's Manifest V3 calls it action.
const toolbarButton = () => browser.action ?? browser.browserAction;

let shown: string | undefined;

async function showBadge(): Promise<void> {
  const jobs = await db.jobs.where('state').anyOf('queued', 'running', 'paused').toArray();
  const badge = badgeFor(jobs);
  const key = JSON.stringify(badge);
  if (key === shown) return;
  shown = key;
  const button = toolbarButton();
  await button.setBadgeText({ text: badge.text });
  if (badge.color) await button.setBadgeBackgroundColor({ color: badge.color });
  await button.setTitle({ title: badge.title ?? t('extensionName') });
}

// Progress is written twice a second: the badge follows at most once a second, which is all the eye needs.
const BADGE_EVERY_MS = 1_000;

/** Keeps the badge in step with the exports; shows it now for what the database says (after a restart). */
export function followBadge(): void {
  let waiting: ReturnType<typeof setTimeout> | undefined;
  onJobChange(() => {
    if (waiting !== undefined) return;
    waiting = setTimeout(() => {
      waiting = undefined;
      void showBadge().catch(() => undefined);
    }, BADGE_EVERY_MS);
  });
  void showBadge().catch(() => undefined);
}
