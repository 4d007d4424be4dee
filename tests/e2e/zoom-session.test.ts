// The Zoom session ends in the middle of an export (after the third file): the export pauses and says what to do,
// in the bar and in the popup; after signing in again, Resume finishes it with every file once and whole. Zoom
// answers the ended session's download in either of two ways (SITES.md, "Files"): both are tried.
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patience } from '../patience.ts';
import { zoomFiles } from '../portal/dataset.ts';
import { type Harness, openPopup, signInToZoom, startHarness, waitForDownload } from './harness.ts';
import { pythonZipEntries, unzipTest } from './zip-readers.ts';
import { chooseSkipArchived, fileSha, openRecordings, tick, waitForJobState, zipNamePattern } from './zoom-steps.ts';

const SIGN_IN_AGAIN = 'Your Zoom session has ended. Sign in to Zoom again, then press Resume.';

describe.each([
  { answer: 'page' as const, met: 'its sign-in page with status 200 at the download address' },
  { answer: 'redirect' as const, met: 'a redirect to its sign-in page' },
])('Zoom answers the ended session with $met', ({ answer }) => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ zoomExpiredDownload: answer });
    page = await harness.context.newPage();
  });
  afterAll(() => harness?.close());

  it('pauses when the session ends after the third file; a new session and Resume finish it, no file twice', async () => {
    const downloads = await harness.freshDownloads();
    await openRecordings(page, 'https://us06web.zoom.us/recording?p=3');
    const chosen = await tick(page, harness, (ready) => ready.slice(0, 3));
    const expected = chosen.flatMap(zoomFiles);
    expect(expected.length).toBeGreaterThan(3);

    harness.portal.expireZoomSessionsAfterFiles(3);
    harness.portal.resetHits();
    await chooseSkipArchived(page);
    await page.getByTestId('reclaim-export-zip').click();

    await expect
      .poll(() => page.getByTestId('reclaim-status').textContent(), { timeout: patience(60_000) })
      .toBe(SIGN_IN_AGAIN);
    const popup = await openPopup(harness);
    const text = await waitForJobState(popup, 'paused');
    expect(text).toContain(SIGN_IN_AGAIN);
    // The fourth file met the sign-in page, which was saved nowhere.
    const signInMet =
      answer === 'page'
        ? harness.portal.hits('zoom.download').some((hit) => hit.status === 200)
        : harness.portal.hits('zoom.signin').some((hit) => hit.path === '/signin?from=download');
    expect(signInMet).toBe(true);
    expect(readdirSync(downloads).filter((name) => !name.endsWith('.crdownload'))).toEqual([]);

    // The user signs in again (a new session cookie) and presses Resume in the bar.
    await signInToZoom(harness.context, harness.portal);
    await page.getByTestId('reclaim-resume').click();
    const zip = await waitForDownload(downloads, zipNamePattern());
    await waitForJobState(popup, 'completed');
    await expect.poll(() => page.getByTestId('reclaim-status').textContent()).toMatch(/^Done: /);
    await popup.close();

    expect(readdirSync(downloads)).toHaveLength(1);
    expect(unzipTest(zip).ok).toBe(true);
    const { firstBadEntry, entries } = pythonZipEntries(zip);
    expect(firstBadEntry).toBeNull();
    const files = entries.filter((entry) => entry.name.includes('/'));
    // Every file exactly once, and every byte the portal's.
    expect(new Set(files.map((entry) => entry.name)).size).toBe(files.length);
    expect(files.map((entry) => entry.sha256).sort()).toEqual(expected.map(fileSha).sort());
  });
});
