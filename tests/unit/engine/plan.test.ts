// Planning on a fake IndexedDB: a recording still processing, brought in by a whole search, is skipped (never
// tried, with the reason), not counted as a failed file; the export's end says how many were skipped.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jobStatusText } from '@/components/job-status';
import { db } from '@/utils/db';
import { snapshot } from '@/utils/export/jobs';
import { planExport } from '@/utils/export/plan';
import type { Recording } from '@/utils/model';
import type { SiteAdapter } from '@/utils/sites/site';
import { zoomAdapter } from '@/utils/sites/zoom-client';
import { jobRow } from './rows';

const recording = (id: string, status: Recording['status']): Recording => ({
  site: 'zoom',
  id,
  title: `Lecture ${id}`,
  startedAt: '2026-11-02T09:00:00Z',
  status,
  columns: {},
});

// Zoom as far as planning asks: one video per ready recording.
const adapter: SiteAdapter = {
  ...zoomAdapter,
  prepareDownloads: undefined,
  listFiles: async (_origin, rec) => [
    {
      id: `${rec.id}-v`,
      kind: 'video',
      ext: 'mp4',
      url: `https://us06web.zoom.us/rec/download/${rec.id}`,
      sizeBytes: 10,
    },
  ],
};

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('recordings still processing', () => {
  it('are skipped, not failed, and the end of the export says so', async () => {
    const jobId = await db.jobs.add(jobRow({ destination: 'zip' }));
    const chosen = [recording('a', 'ready'), recording('b', 'processing'), recording('c', 'processing')];
    await db.recordings.bulkAdd(chosen.map((rec) => ({ jobId, recording: rec })));
    await planExport(jobId, adapter, 0);
    const files = await db.files.where('jobId').equals(jobId).sortBy('id');
    expect(files.map((file) => file.state)).toEqual(['queued', 'skipped', 'skipped']);
    const job = await db.jobs.get(jobId);
    expect(job?.filesFailed).toBe(0);
    expect(job?.filesSkipped).toBe(2);
    const done = snapshot({ ...(job as NonNullable<typeof job>), state: 'completed', filesDone: 1 });
    // The export's name isolated for direction (FSI…PDI).
    expect(jobStatusText(done)).toBe('Done: \u2068Zoom test.zip\u2069 is saved; still processing, so skipped: 2');
  });
});

describe('planning many Zoom recordings', () => {
  it("asks for Zoom's CSRF token and bearer once for the whole plan, then one detail per recording", async () => {
    const detail = readFileSync('tests/fixtures/zoom/detail-two-clips.json', 'utf8');
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (input: string) => {
      const path = new URL(String(input)).pathname;
      asked.push(path);
      if (path.endsWith('/csrf_js')) return new Response('ZOOM-CSRFTOKEN:abc');
      if (path.includes('/nak')) return new Response('eyJh.eyJz.c2ln');
      return new Response(detail, { headers: { 'Content-Type': 'application/json' } });
    });
    const jobId = await db.jobs.add(jobRow({ destination: 'zip' }));
    const chosen = Array.from({ length: 8 }, (_, n) => recording(`m${n}`, 'ready'));
    await db.recordings.bulkAdd(chosen.map((rec) => ({ jobId, recording: rec })));
    await planExport(jobId, { ...zoomAdapter, prepareDownloads: undefined }, 0);
    vi.unstubAllGlobals();
    expect((await db.jobs.get(jobId))?.planned).toBe(true);
    expect(asked.filter((path) => path.endsWith('/csrf_js'))).toHaveLength(1);
    expect(asked.filter((path) => path.includes('/nak'))).toHaveLength(1);
    expect(asked.filter((path) => path.includes('/detail'))).toHaveLength(8);
  });
});
