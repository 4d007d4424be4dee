// Slow: one recording file larger than 4 GiB, which only a Zip64 archive can hold. The portal generates its
// bytes as they are sent, so nothing of that size is stored anywhere but in the ZIP under test.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patience } from '../patience.ts';
import { zoomFiles } from '../portal/dataset.ts';
import { type Harness, openPopup, startHarness, waitForDownload } from './harness.ts';
import { pythonZipEntries, unzipTest } from './zip-readers.ts';
import { fileSha, openRecordings, startExportFromBar, tick, waitForJobState, zipNamePattern } from './zoom-steps.ts';

// Just past what a ZIP without Zip64 can hold (4 GiB - 1): every byte more only makes the test slower.
const HUGE = 4 * 1024 ** 3 + 16 * 1024 ** 2;
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ dataset: { zoomMeetings: 3, hugeFileBytes: HUGE } });
});
afterAll(() => harness?.close());

describe('an entry over 4 GiB', () => {
  it('is saved in a ZIP that unzip and Python read, byte for byte', { timeout: patience(900_000) }, async () => {
    const downloads = await harness.freshDownloads();
    const page = await harness.context.newPage();
    const popup = await openPopup(harness);
    await openRecordings(page);
    const [meeting] = await tick(page, harness, (ready) =>
      ready.filter((m) => zoomFiles(m).some((file) => file.sizeBytes === HUGE)),
    );
    if (!meeting) throw new Error('the huge recording is not on the page');
    await startExportFromBar(page, popup, 'zip');
    await waitForJobState(popup, 'completed', 600_000);
    const zip = await waitForDownload(downloads, zipNamePattern(), 60_000);
    try {
      const test = unzipTest(zip);
      expect(test.ok, test.output.slice(-500)).toBe(true);
      const { firstBadEntry, entries } = pythonZipEntries(zip);
      expect(firstBadEntry).toBeNull();
      const recordings = entries.filter((entry) => entry.name !== 'Reclaim manifest.csv');
      expect(recordings.map((entry) => entry.size)).toEqual([HUGE]);
      expect(recordings[0]?.sha256).toBe(
        fileSha(zoomFiles(meeting)[0] as NonNullable<ReturnType<typeof zoomFiles>[0]>),
      );
    } finally {
      rmSync(join(zip), { force: true });
    }
  });
});
