// How long an export has left, and Reclaim's toolbar badge, in Chromium: one export, slowed at first, shows its
// rate and time left in the bar and the popup and its percent on the badge, and offers notifications once (the
// bar's button opens the options at the box); paused by hand it shows no rate and no badge; resumed into an
// ended Zoom session it shows a red `!`; signed in again and resumed it completes and the badge goes.
// Notifications themselves are tested in Firefox (firefox-resume.test.ts): Chrome asks for an optional
// permission in a dialog that nothing can answer headless (no flag, no CDP command), so it is never granted here.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patience } from '../patience.ts';
import { type Harness, openPopup, signInToZoom, startHarness } from './harness.ts';
import { openRecordings, startExportFromBar, tick, waitForJobState } from './zoom-steps.ts';

let harness: Harness;
let page: Page;
let popup: Page;

// Read back through the worker as any extension code reads them (the test's own types know no `chrome`).
const badge = () => harness.worker.evaluate<string>('chrome.action.getBadgeText({})');
const badgeColor = () => harness.worker.evaluate<number[]>('chrome.action.getBadgeBackgroundColor({})');
const RATE_AND_TIME_LEFT = /· [\d.]+ [KM]?B\/s · about \d+ min left$/;

beforeAll(async () => {
  harness = await startHarness({ dataset: { zoomMeetings: 3, mediaBytes: 60_000 } });
  page = await harness.context.newPage();
  popup = await openPopup(harness);
});
afterAll(() => harness?.close());

describe('progress, rate and time left, and the badge', () => {
  it('shows no badge while idle', async () => {
    await expect.poll(badge).toBe('');
  });

  it('a slow export: rate and time left in the bar and the popup, its percent on the badge, notifications offered once', async () => {
    await harness.freshDownloads();
    await openRecordings(page);
    await tick(page, harness, (ready) => ready.slice(0, 2));
    // A kilobyte a second: minutes left, a "long" export (LONG_EXPORT_SECONDS).
    harness.portal.setFault('zoom.media', { bytesPerSecond: 1_000 });
    const jobId = await startExportFromBar(page, popup, 'zip');

    await expect
      .poll(() => page.getByTestId('reclaim-status').textContent(), { timeout: patience(30_000) })
      .toMatch(RATE_AND_TIME_LEFT);
    expect(await page.getByTestId('reclaim-status').textContent()).toMatch(
      /^Exporting: 0 of \d+ files · \d+ to go · [\d.]+ [KM]?B of [\d.]+ [KM]?B · /,
    );
    const job = popup.locator(`[data-job-id="${jobId}"]`);
    await expect.poll(() => job.getByTestId('reclaim-job-progress').textContent()).toMatch(RATE_AND_TIME_LEFT);
    await expect.poll(badge).toMatch(/^\d{1,2}%$/);
    expect(await badgeColor()).toEqual([26, 115, 232, 255]);

    // The bar cannot ask for a permission: its offer opens the options at the notifications box.
    const offer = page.getByTestId('reclaim-notify-offer');
    await offer.waitFor();
    const [options] = await Promise.all([
      harness.context.waitForEvent('page'),
      page.getByTestId('reclaim-notify-settings').click(),
    ]);
    await options.waitForLoadState();
    expect(options.url()).toBe(`chrome-extension://${harness.extensionId}/options.html#notify`);
    await expect
      .poll(() => options.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('reclaim-notify');
    expect(await options.getByTestId('reclaim-notify').isChecked()).toBe(false);
    await options.close();
    expect(await offer.count()).toBe(0);

    // Paused by hand: no rate, no time left, no badge (nothing needs the user).
    await popup.reload();
    await job.getByTestId('reclaim-job-pause').click();
    await waitForJobState(popup, 'paused');
    await expect.poll(badge).toBe('');
    expect(await job.getByTestId('reclaim-job-progress').textContent()).not.toMatch(/\/s|left/);

    // Resumed into an ended session: paused for the user, a red `!`.
    harness.portal.setFault('zoom.media', null);
    harness.portal.expireSessions();
    await popup.reload();
    await job.getByTestId('reclaim-job-resume').click();
    await expect.poll(badge, { timeout: patience(30_000) }).toBe('!');
    expect(await badgeColor()).toEqual([217, 48, 37, 255]);
    expect(await harness.worker.evaluate('chrome.action.getTitle({})')).toBe(
      'Reclaim: an export is paused and needs you',
    );

    // Signed in and resumed: it completes, the badge goes, and the offer never comes back.
    await signInToZoom(harness.context, harness.portal);
    await popup.reload();
    await job.getByTestId('reclaim-job-resume').click();
    await waitForJobState(popup, 'completed');
    await expect.poll(badge).toBe('');
    expect(await page.getByTestId('reclaim-notify-offer').count()).toBe(0);
    expect(await popup.getByTestId('reclaim-popup-notify-offer').count()).toBe(0);
  });
});
