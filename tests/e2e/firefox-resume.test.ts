// Exports in Firefox that stop and go on: Firefox quit in the middle of an export and started again (the export
// carries on by itself from what its database says: issue 3's "browser restart", in Firefox, whose background
// page lives as long as the browser does), and a Zoom session that ended (the export pauses until Resume).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patience } from '../patience.ts';
import { type ZoomMeeting, zoomFiles } from '../portal/dataset.ts';
import { type FirefoxHarness, startFirefox, waitForSaved } from './firefox-harness.ts';
import { exportEverything, newestState, openAndTick } from './firefox-steps.ts';
import { pythonZipEntries, unzipTest } from './zip-readers.ts';
import { exportNamePattern, fileSha, filesUnder } from './zoom-steps.ts';

let firefox: FirefoxHarness;

beforeAll(async () => {
  // Files of a few megabytes, served slowly below: several are on their way when Firefox quits.
  firefox = await startFirefox({ dataset: { zoomMeetings: 15, mediaBytes: 20 * 1024 * 1024 } });
  await firefox.signInToZoom();
});
afterAll(() => firefox?.close());

/**
 * Ticks three recordings and starts the export with `button`, media served slowly; quits Firefox once
 * `requests` media requests were made, starts it again, and waits until the export is done.
 */
async function exportThroughRestart(button: 'folder' | 'zip', requests: number): Promise<ZoomMeeting[]> {
  const chosen = await openAndTick(firefox, 13, 0, 3);
  firefox.portal.resetHits();
  firefox.portal.setFault('zoom.media', { bytesPerSecond: 300_000 });
  await exportEverything(firefox);
  await firefox.click(`reclaim-export-${button}`);
  await expect.poll(() => firefox.portal.hits('zoom.media').length).toBeGreaterThanOrEqual(requests);
  await firefox.restart();
  firefox.portal.setFault('zoom.media', null);
  await expect.poll(() => newestState(firefox), { timeout: patience(150_000), interval: 1_000 }).toBe('completed');
  return chosen;
}

describe('Firefox quit mid-export', () => {
  it('a folder export carries on after Firefox starts again: every file once, whole, under its folder', async () => {
    const before = filesUnder(firefox.downloads);
    // Files go several at a time: quit with two of them on their way.
    const chosen = await exportThroughRestart('folder', 2);

    const saved = filesUnder(firefox.downloads).filter((path) => !before.includes(path));
    const media = saved.filter((path) => !path.endsWith('Reclaim manifest.csv'));
    const expected = chosen.flatMap(zoomFiles);
    expect(media.length, saved.join('\n')).toBe(expected.length);
    expect(new Set(saved.map((path) => path.split('/').slice(0, 2).join('/')))).toEqual(
      new Set([expect.stringMatching(new RegExp(`^Reclaim/${exportNamePattern()}$`))]),
    );
    const shas = media.map((path) =>
      createHash('sha256')
        .update(readFileSync(join(firefox.downloads, path)))
        .digest('hex'),
    );
    expect(shas.sort()).toEqual(expected.map(fileSha).sort());
  });

  it('a ZIP export carries on after Firefox starts again and saves one whole ZIP', async () => {
    const before = readdirSync(firefox.downloads);
    // Its files are fetched one after the other: quit while the first is on its way.
    const chosen = await exportThroughRestart('zip', 1);

    const zip = await waitForSaved(firefox.downloads, /\.zip$/, { except: before });
    expect(readdirSync(firefox.downloads).filter((name) => !before.includes(name))).toEqual([zip.split('/').pop()]);
    expect(unzipTest(zip).ok).toBe(true);
    const { entries } = pythonZipEntries(zip);
    const media = entries.filter((entry) => entry.name.includes('/'));
    expect(media.map((entry) => entry.sha256).sort()).toEqual(chosen.flatMap(zoomFiles).map(fileSha).sort());
  });
});

describe('an ended Zoom session in Firefox', () => {
  it('pauses a ZIP export as its second volume begins; after signing in, Resume saves that volume too; the badge shows ! meanwhile, and the end is notified', async () => {
    // Volumes of 1 MB: the recording's files make more than one, and the session ends after the first file,
    // so the next volume cannot even begin.
    await firefox.goto(`${firefox.extensionOrigin}/options.html`);
    const settings = (stored: unknown) =>
      firefox.run('return browser.storage.local.set({ settings: arguments[0] });', stored);
    const saved = await firefox.run<unknown>('return browser.storage.local.get("settings").then((s) => s.settings);');
    await settings({ ...(saved ?? {}), volumeBytes: 1_000_000 });
    // "Tell me when an export ends": the user ticks the box (Firefox grants without a prompt, see the harness).
    await firefox.click('reclaim-notify');
    await expect
      .poll(() => firefox.run<boolean>('return browser.permissions.contains({ permissions: ["notifications"] });'))
      .toBe(true);
    const chosen = await openAndTick(firefox, 13, 0, 1);
    const before = readdirSync(firefox.downloads);
    // The ZIP test above archived this recording: it is exported again, not skipped.
    await exportEverything(firefox);
    firefox.portal.expireZoomSessionsAfterFiles(1);
    await firefox.click('reclaim-export-zip');
    const message = 'Your Zoom session has ended. Sign in to Zoom again, then press Resume.';
    await expect.poll(() => firefox.text('reclaim-status')).toBe(message);
    await expect.poll(() => newestState(firefox)).toBe('paused');
    // Firefox's toolbar button (browserAction in Manifest V2) shows that the export waits for the user.
    const badge = () => firefox.run<string>('return browser.browserAction.getBadgeText({});');
    await expect.poll(badge).toBe('!');

    await firefox.signInToZoom();
    await firefox.goto(`${firefox.extensionOrigin}/popup.html`);
    await expect.poll(() => firefox.text('reclaim-job-resume')).not.toBeNull();
    // The export's end is notified: headless Firefox closes a notification as soon as it is shown (getAll is
    // empty again at once), so the popup, an extension page, hears of it as it closes. Its words: unit tests.
    const jobId = await firefox.run<string>(
      'return document.querySelector("[data-testid=reclaim-job]").dataset.jobId;',
    );
    await firefox.run(
      'window.closedNotices = []; browser.notifications.onClosed.addListener((id) => window.closedNotices.push(id));',
    );
    await firefox.click('reclaim-job-resume');
    await expect
      .poll(() => firefox.run<string[]>('return window.closedNotices;'), { timeout: patience(60_000) })
      .toContain(`reclaim-export-${jobId}`);
    await expect.poll(() => newestState(firefox), { timeout: patience(60_000), interval: 1_000 }).toBe('completed');
    await expect.poll(badge).toBe('');
    await settings(saved ?? {});
    const zips = readdirSync(firefox.downloads).filter((name) => !before.includes(name));
    expect(zips.length).toBeGreaterThan(1);
    const media = zips
      .flatMap((name) => pythonZipEntries(join(firefox.downloads, name)).entries)
      .filter((entry) => entry.name.includes('/'));
    expect(media.map((entry) => entry.sha256).sort()).toEqual(chosen.flatMap(zoomFiles).map(fileSha).sort());
  });
});
