// The rate an export goes at and the time it has left: measured over the last ten seconds of the worker's
// progress writes, started over at every pause and resume, and said in the user's words.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { progressText } from '@/components/job-status';
import { db } from '@/utils/db';
import { addProgress, snapshot, transition } from '@/utils/export/jobs';
import { isLongExport, RateMeter, secondsLeft } from '@/utils/export/rate';
import { formatRate, formatTimeLeft } from '@/utils/format';
import type { JobSnapshot } from '@/utils/protocol';
import { jobRow } from './engine/rows';

const MB = 1024 * 1024;

describe('the rate meter', () => {
  it('says nothing until two seconds are measured, then the rate over them', () => {
    const meter = new RateMeter();
    meter.add(0, 0, 0);
    meter.add(1_000, MB, 0);
    expect(meter.rate()).toBeUndefined();
    meter.add(2_000, 2 * MB, 1);
    expect(meter.rate()).toEqual({ bytesPerSecond: MB, filesPerSecond: 0.5 });
  });

  it('measures the last ten seconds only: a connection that got slower shows', () => {
    const meter = new RateMeter();
    // 20 s at 4 MB/s, then 10 s at 1 MB/s.
    for (let at = 0; at <= 20_000; at += 500) meter.add(at, (at / 1000) * 4 * MB, 0);
    expect(meter.rate()?.bytesPerSecond).toBe(4 * MB);
    for (let at = 20_500; at <= 30_000; at += 500) meter.add(at, 80 * MB + ((at - 20_000) / 1000) * MB, 0);
    expect(meter.rate()?.bytesPerSecond).toBe(MB);
  });

  it('starts over when a total goes back (a part sent again) and after reset', () => {
    const meter = new RateMeter();
    meter.add(0, 0, 0);
    meter.add(3_000, 3 * MB, 0);
    meter.add(4_000, 2 * MB, 0);
    expect(meter.rate()).toBeUndefined();
    meter.add(6_000, 4 * MB, 0);
    expect(meter.rate()?.bytesPerSecond).toBe(MB);
    meter.reset();
    expect(meter.rate()).toBeUndefined();
  });
});

describe('time left', () => {
  const running = {
    state: 'running',
    fileCount: 10,
    filesDone: 4,
    filesFailed: 1,
    bytesTotal: 100 * MB,
    bytesDone: 40 * MB,
    rate: { bytesPerSecond: 2 * MB, filesPerSecond: 0.1 },
  };

  it('by bytes when sizes are known, by files when not, never when paused or unmeasured', () => {
    expect(secondsLeft(running)).toBe(30);
    expect(secondsLeft({ ...running, bytesTotal: 0 })).toBe(50);
    expect(secondsLeft({ ...running, state: 'paused' })).toBeUndefined();
    expect(secondsLeft({ ...running, rate: undefined })).toBeUndefined();
    expect(secondsLeft({ ...running, rate: { bytesPerSecond: 0, filesPerSecond: 0 } })).toBeUndefined();
  });

  it('a long export is one with more than two minutes left', () => {
    expect(isLongExport(running)).toBe(false);
    expect(isLongExport({ ...running, bytesTotal: 1000 * MB })).toBe(true);
  });

  it('is said in whole minutes rounded up, hours and minutes past an hour', () => {
    expect(formatTimeLeft(30)).toBe('less than a minute left');
    expect(formatTimeLeft(61)).toBe('about 2 min left');
    expect(formatTimeLeft(59 * 60)).toBe('about 59 min left');
    expect(formatTimeLeft(3600 + 5 * 60)).toBe('about 1 h 5 min left');
    expect(formatRate(4.5 * MB, 'en')).toBe('4.5 MB/s');
    expect(formatRate(1.5 * MB, 'nl')).toBe('1,5 MB/s');
  });
});

/** The job as the bar and the popup are told of it. */
async function shown(id: number): Promise<JobSnapshot> {
  const job = await db.jobs.get(id);
  if (!job) throw new Error(`no job ${id}`);
  return snapshot(job);
}

describe('the progress line of the bar and the popup', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await db.delete();
    await db.open();
    vi.useRealTimers();
  });

  it('files done, failed and to go, bytes of the total, the rate and the time left once measured', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const id = await db.jobs.add(jobRow({ destination: 'zip', fileCount: 10, bytesTotal: 100 * MB }));
    await addProgress(id, { bytes: 10 * MB, done: 2, failed: 0 });
    const early = await shown(id);
    expect(early.rate).toBeUndefined();
    expect(progressText(early)).toBe('2 of 10 files · 8 to go · 10.0 MB of 100 MB');

    vi.setSystemTime(1_004_000);
    await addProgress(id, { bytes: 8 * MB, done: 1, failed: 1 });
    const measured = await shown(id);
    expect(measured.rate).toEqual({ bytesPerSecond: 2 * MB, filesPerSecond: 0.5 });
    // 82 MB at 2 MB/s: 41 s.
    expect(progressText(measured)).toBe(
      '3 of 10 files · 1 failed · 6 to go · 18.0 MB of 100 MB · 2.0 MB/s · less than a minute left',
    );

    // Paused: no rate, no time left; resumed: measured afresh.
    await transition(id, 'pause');
    const paused = await shown(id);
    expect(paused.rate).toBeUndefined();
    expect(progressText(paused)).toBe('3 of 10 files · 1 failed · 6 to go · 18.0 MB of 100 MB');
    await transition(id, 'resume');
    await transition(id, 'start');
    vi.setSystemTime(1_010_000);
    await addProgress(id, { bytes: MB, done: 0, failed: 0 });
    expect((await db.jobs.get(id))?.rate).toBeUndefined();
    vi.setSystemTime(1_013_000);
    await addProgress(id, { bytes: 3 * MB, done: 0, failed: 0 });
    expect((await db.jobs.get(id))?.rate?.bytesPerSecond).toBe(MB);
  });
});

describe('a stall', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  it('takes the rate back after a whole window without progress: no time left is promised while nothing comes', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      vi.setSystemTime(2_000_000);
      const id = await db.jobs.add(jobRow({ destination: 'zip', fileCount: 2, bytesTotal: 100 * MB }));
      await addProgress(id, { bytes: MB, done: 0, failed: 0 });
      vi.setSystemTime(2_003_000);
      await addProgress(id, { bytes: 3 * MB, done: 0, failed: 0 });
      expect((await shown(id)).rate?.bytesPerSecond).toBe(MB);
      await vi.advanceTimersByTimeAsync(5_000);
      expect((await shown(id)).rate?.bytesPerSecond).toBe(MB);
      await vi.advanceTimersByTimeAsync(5_000);
      await vi.waitFor(async () => expect((await shown(id)).rate).toBeUndefined());
      expect(progressText(await shown(id))).toBe('0 of 2 files · 2 to go · 4.0 MB of 100 MB');
    } finally {
      vi.useRealTimers();
    }
  });
});
