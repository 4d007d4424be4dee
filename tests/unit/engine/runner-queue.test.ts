// The runner's queue on a fake IndexedDB with scripted sinks: one export runs at a time however many wake-ups
// ask at once, and a quick Pause then Resume carries on at once instead of waiting for the minute's alarm.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '@/utils/db';
import { transition } from '@/utils/export/jobs';
import { followJobs, pauseExport, releaseWhatNoExportNeeds, resumeExport, runNext } from '@/utils/export/runner';
import { SINKS } from '@/utils/export/sinks';
import { zoomRefererRule } from '@/utils/sites/zoom-referer';
import { fakeDownloads } from './fake-downloads';
import { jobRow, ZOOM_ORIGIN } from './rows';

function queuedJob(createdAt: number): Promise<number> {
  // Planned, of a platform with nothing to prepare: the runner goes straight to the sink.
  const origin = 'https://eu-lti.bbcollab.com';
  return db.jobs.add(
    jobRow({ site: 'collaborate', origin, destination: 's3', state: 'queued', createdAt, planned: true }),
  );
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  fakeDownloads();
});
afterEach(() => vi.restoreAllMocks());

describe('the export queue', () => {
  it('never runs two exports at once when a wake-up comes while another is choosing the next export', async () => {
    vi.spyOn(SINKS.s3, 'carryOn').mockResolvedValue(undefined);
    await queuedJob(1);
    await queuedJob(2);
    // The second wake-up (a download's end, the alarm, a Resume) comes just as the first reads the queue.
    let second: Promise<void> | undefined;
    const wakeUpAgain = (job: unknown) => {
      second ??= Dexie.ignoreTransaction(() => runNext());
      return job;
    };
    db.jobs.hook('reading', wakeUpAgain);
    await runNext();
    db.jobs.hook('reading').unsubscribe(wakeUpAgain);
    await second;
    const states = (await db.jobs.orderBy('createdAt').toArray()).map((job) => job.state);
    expect(states).toEqual(['running', 'queued']);
  });

  it('carries a quickly paused and resumed export on at once, while its first run is still ending', async () => {
    // The first run ends only when the test says (an S3 copy waiting for its parts in flight after the pause).
    let endFirstRun = () => {};
    const carryOn = vi
      .spyOn(SINKS.s3, 'carryOn')
      .mockImplementationOnce(() => new Promise<void>((resolve) => (endFirstRun = resolve)));
    carryOn.mockResolvedValue(undefined);
    vi.spyOn(SINKS.s3, 'stop').mockImplementation(async (_jobId, _how, write) => {
      await write();
    });
    const jobId = await queuedJob(1);
    void runNext();
    await vi.waitFor(() => expect(carryOn).toHaveBeenCalledTimes(1));
    await pauseExport(jobId);
    await resumeExport(jobId);
    expect((await db.jobs.get(jobId))?.state).toBe('running');
    endFirstRun();
    // The resumed export is moved on by this worker itself, not by the alarm a minute later.
    await vi.waitFor(() => expect(carryOn).toHaveBeenCalledTimes(2));
  });
});

describe("what a platform's downloads needed", () => {
  it("takes Zoom's Referer rule away once no Zoom export is running any more", async () => {
    const update = vi.spyOn(fakeBrowser.declarativeNetRequest, 'updateSessionRules').mockResolvedValue(undefined);
    followJobs();
    const jobId = await db.jobs.add(jobRow({ destination: 'zip' }));
    await transition(jobId, 'finish');
    await vi.waitFor(() => expect(update).toHaveBeenCalledWith({ removeRuleIds: [zoomRefererRule(ZOOM_ORIGIN).id] }));
  });
});

describe("Zoom's Referer rule while a Zoom export is paused", () => {
  it("is kept: the paused export's downloads go on as soon as it is resumed", async () => {
    const update = vi.spyOn(fakeBrowser.declarativeNetRequest, 'updateSessionRules').mockResolvedValue(undefined);
    const paused = await db.jobs.add(jobRow({ destination: 'folder', state: 'paused' }));
    await releaseWhatNoExportNeeds('zoom');
    expect(update).not.toHaveBeenCalled();
    await db.jobs.update(paused, { state: 'cancelled' });
    await releaseWhatNoExportNeeds('zoom');
    expect(update).toHaveBeenCalledWith({ removeRuleIds: [zoomRefererRule(ZOOM_ORIGIN).id] });
  });
});
