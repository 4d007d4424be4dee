// The runner on a fake IndexedDB: two exports started in the same minute never share a name (the second's files
// would land in the first's folder, its manifest over the first's).
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/utils/db';
import { startExport } from '@/utils/export/runner';
import { fakeDownloads } from './fake-downloads';
import { ZOOM_ORIGIN } from './rows';

function exportOf(recordings: number) {
  return {
    type: 'export' as const,
    site: 'zoom' as const,
    destination: 'zip' as const,
    origin: ZOOM_ORIGIN,
    recordings: Array.from({ length: recordings }, (_, i) => ({
      site: 'zoom' as const,
      id: `m${i}`,
      title: `Lecture ${i}`,
      startedAt: '2026-11-02T09:00:00Z',
      status: 'processing' as const,
      columns: {},
    })),
  };
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  fakeDownloads();
  // Nothing here reaches a platform: every request fails at once.
  vi.stubGlobal('fetch', async () => {
    throw new TypeError('offline');
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the export queue', () => {
  it('gives two exports started in the same minute, at the same moment, two names', async () => {
    const [first, second] = await Promise.all([startExport(exportOf(1)), startExport(exportOf(1))]);
    const names = [(await db.jobs.get(first))?.name, (await db.jobs.get(second))?.name];
    expect(new Set(names).size).toBe(2);
  });
});
