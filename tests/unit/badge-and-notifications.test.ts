// The toolbar badge and the notification at an export's end, decided from the jobs as the worker announces them.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeFor, followBadge, NEEDS_YOU_COLOR, RUNNING_COLOR } from '@/utils/badge';
import { db } from '@/utils/db';
import { pauseJobFor, snapshot, transition } from '@/utils/export/jobs';
import { endNotice, followEnds, historyUrl } from '@/utils/notifications';
import type { JobSnapshot } from '@/utils/protocol';
import { jobRow } from './engine/rows';

const job = (fields: Partial<JobSnapshot>): JobSnapshot => ({
  ...snapshot({ id: 3, ...jobRow({ destination: 'zip', name: 'Lectures', fileCount: 10 }) }),
  ...fields,
});
const SESSION_ENDED = { code: 'session-expired' as const, site: 'zoom' };

describe('the badge', () => {
  it('shows the running export’s percent: by bytes, or by files when sizes are unknown', () => {
    expect(badgeFor([job({ state: 'running', bytesTotal: 200, bytesDone: 91 })])).toEqual({
      text: '45%',
      color: RUNNING_COLOR,
      title: 'Reclaim: exporting, 45% done',
    });
    expect(badgeFor([job({ state: 'running', fileCount: 8, filesDone: 5, filesFailed: 1 })]).text).toBe('75%');
  });

  it('shows ! in red when an export waits for the user, before any running one', () => {
    const needsYou = job({ state: 'paused', error: SESSION_ENDED });
    expect(badgeFor([job({ state: 'running', bytesTotal: 10, bytesDone: 5 }), needsYou])).toEqual({
      text: '!',
      color: NEEDS_YOU_COLOR,
      title: 'Reclaim: an export is paused and needs you',
    });
  });

  it('shows nothing when idle: nothing unfinished, only queued, or paused by the user', () => {
    expect(badgeFor([]).text).toBe('');
    expect(badgeFor([job({ state: 'queued' })]).text).toBe('');
    expect(badgeFor([job({ state: 'paused' })]).text).toBe('');
  });
});

describe('the notification when an export ends', () => {
  it('tells of a completed export, one with failures (how many), a pause for the user, a failure', () => {
    expect(endNotice(job({ state: 'completed', filesDone: 10 }), 'running')).toEqual({
      title: 'Export finished',
      // The name isolated for direction (FSI…PDI): a right-to-left title keeps its place in the sentence.
      message: '\u2068Lectures\u2069: all 10 files are saved.',
    });
    expect(endNotice(job({ state: 'completed', filesDone: 1 }), 'running')?.message).toBe(
      '\u2068Lectures\u2069: 1 file is saved.',
    );
    expect(endNotice(job({ state: 'completed-with-failures', filesDone: 7, filesFailed: 3 }), 'running')).toEqual({
      title: 'Export finished, but not everything worked',
      message: '\u2068Lectures\u2069: 7 files saved, 3 failed. Click to see which in the history.',
    });
    expect(endNotice(job({ state: 'paused', error: SESSION_ENDED }), 'running')).toEqual({
      title: 'Export paused: Reclaim needs you',
      message: 'About \u2068Lectures\u2069: Your Zoom session has ended. Sign in to Zoom again, then press Resume.',
    });
    expect(endNotice(job({ state: 'failed', error: { code: 's3-bucket' } }), 'running')?.title).toBe('Export failed');
  });

  it('says nothing of a cancel, a pause by hand, or a change that did not move the export', () => {
    expect(endNotice(job({ state: 'cancelled' }), 'running')).toBeUndefined();
    expect(endNotice(job({ state: 'paused' }), 'running')).toBeUndefined();
    expect(endNotice(job({ state: 'completed' }), undefined)).toBeUndefined();
    expect(endNotice(job({ state: 'running' }), 'queued')).toBeUndefined();
  });
});

describe('in the worker', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await db.delete();
    await db.open();
    vi.useRealTimers();
  });

  it('the badge follows the jobs, shows the database’s state at start (after a restart), and clears', async () => {
    const id = await db.jobs.add(jobRow({ destination: 'zip', bytesTotal: 100, bytesDone: 30 }));
    followBadge();
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('30%'));
    await pauseJobFor(id, SESSION_ENDED);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('!'), { timeout: 3_000 });
    expect(await fakeBrowser.action.getTitle({})).toBe('Reclaim: an export is paused and needs you');
    await transition(id, 'cancel');
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(''), { timeout: 3_000 });
  });

  it('notifies at the end once the permission is granted, and a click opens the export in the history', async () => {
    let granted = false;
    fakeBrowser.permissions.contains = vi.fn(async () => granted);
    fakeBrowser.permissions.onAdded.addListener = vi.fn();
    followEnds();
    const first = await db.jobs.add(jobRow({ destination: 'zip', name: 'Lectures', fileCount: 1 }));
    await transition(first, 'finish');
    // The first export's end has asked for the permission (and heard no) before it is granted: a state, not a time.
    await vi.waitFor(() => expect(fakeBrowser.permissions.contains).toHaveBeenCalled());
    expect(await fakeBrowser.notifications.getAll()).toEqual({});

    granted = true;
    const second = await db.jobs.add(jobRow({ destination: 'zip', name: 'Seminars', fileCount: 2, filesFailed: 1 }));
    await transition(second, 'finish-with-failures');
    await vi.waitFor(async () => expect(Object.keys(await fakeBrowser.notifications.getAll())).toHaveLength(1));
    const [id] = Object.keys(await fakeBrowser.notifications.getAll());
    expect(id).toBe(`reclaim-export-${second}`);

    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger(id as string);
    expect(opened).toHaveBeenCalledWith({ url: historyUrl(second) });
    expect(historyUrl(second)).toMatch(new RegExp(`/exports\\.html#job=${second}$`));
  });
});
