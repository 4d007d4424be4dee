// The whole path once, as a person does it: tick recordings on Zoom's list, "Download ZIP", open the ZIP.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSize } from '../../utils/format.ts';
import { patience } from '../patience.ts';
import { type ZoomMeeting, zoomFiles } from '../portal/dataset.ts';
import { mediaSha256 } from '../portal/media.ts';
import { type Harness, openPopup, signInToZoom, startHarness, waitForDownload } from './harness.ts';
import { pythonZipEntries, readZipEntry, unzipTest } from './zip-readers.ts';
import { chooseSkipArchived, exportNamePattern, manifestRows, ROW_BOX, ROWS, zipNamePattern } from './zoom-steps.ts';

const MB = 1024 * 1024;

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = await harness.context.newPage();
});
afterAll(() => harness?.close());

/** Every row has exactly one of our checkboxes, and there are no others (read in one go, as the list may re-render). */
async function expectOneCheckboxPerRow(expectedRows?: number): Promise<number> {
  const count = () =>
    page.evaluate(
      ([rows, box]) => {
        const found = [...document.querySelectorAll(rows as string)];
        return {
          rows: found.length,
          boxes: document.querySelectorAll(box as string).length,
          eachRowOne: found.every((row) => row.querySelectorAll(box as string).length === 1),
        };
      },
      [ROWS, ROW_BOX],
    );
  let seen = await count();
  await expect
    .poll(async () => {
      seen = await count();
      return seen.eachRowOne && seen.boxes === seen.rows && seen.rows === (expectedRows ?? (seen.rows || -1));
    })
    .toBe(true);
  return seen.rows;
}

function meetingOfRow(href: string): ZoomMeeting {
  const id = new URL(href, 'https://us06web.zoom.us').searchParams.get('meeting_id');
  const meeting = harness.portal.dataset.zoomMeetings.find((m) => m.meetingId === id);
  if (!meeting) throw new Error(`no meeting ${id}`);
  return meeting;
}

function expectedSha(meeting: ZoomMeeting): string[] {
  return zoomFiles(meeting)
    .map((file) =>
      file.text ? createHash('sha256').update(file.text).digest('hex') : mediaSha256(file.fileKey, file.sizeBytes),
    )
    .sort();
}

describe('Zoom recordings page', () => {
  it('puts exactly one checkbox on every row, also after re-renders and in-page navigation', async () => {
    await page.goto('https://us06web.zoom.us/recording');
    await expectOneCheckboxPerRow(15);
    await expect.poll(() => page.getByTestId('reclaim-bar').count()).toBe(1);

    // "Refresh" rebuilds the rows from new nodes: the new rows get their checkbox too.
    const oldRow = await page.locator(ROWS).first().elementHandle();
    await page.locator('button.refresh-list').click();
    await page.waitForFunction((row) => !row?.isConnected, oldRow);
    await expectOneCheckboxPerRow(15);

    await page.locator('.zm-pager li.number', { hasText: '4' }).click();
    await page.waitForURL(/p=4/);
    await expectOneCheckboxPerRow(3);

    await page.locator('a[data-nav][href="/meeting"]').click();
    await expect.poll(() => page.getByTestId('reclaim-bar').count()).toBe(0);
    expect(await page.locator(ROW_BOX).count()).toBe(0);

    await page.goBack();
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/recording' && !url.search.includes('p=4'));
    await expectOneCheckboxPerRow(15);
    await expect.poll(() => page.getByTestId('reclaim-bar').count()).toBe(1);
  });

  it('exports two ticked recordings into a ZIP whose every entry equals the platform bytes', async () => {
    const ready = page.locator(`${ROWS}:has(${ROW_BOX}:not([disabled]))`);
    const chosen = [ready.nth(0), ready.nth(1)];
    const meetings: ZoomMeeting[] = [];
    for (const row of chosen) {
      meetings.push(meetingOfRow((await row.locator('a[href*="meeting_id="]').first().getAttribute('href')) ?? ''));
      await row.locator(ROW_BOX).check();
    }
    // Zoom's listing announces sizes in megabytes with two decimals; the bar adds those up.
    const listedMB = meetings.map(
      (m) => Math.round((zoomFiles(m).reduce((s, f) => s + f.sizeBytes, 0) / MB) * 100) / 100,
    );
    const total = listedMB.reduce((sum, mb) => sum + Math.round(mb * MB), 0);
    await expect
      .poll(() => page.getByTestId('reclaim-selection-count').textContent())
      .toBe(`2 selected · ${formatSize(total, 'en-US')} in total`);

    await chooseSkipArchived(page);
    await page.getByTestId('reclaim-export-zip').click();
    const zip = await waitForDownload(harness.downloads, zipNamePattern());
    await expect
      .poll(() => page.getByTestId('reclaim-status').textContent(), { timeout: patience(30_000) })
      .toMatch(/^Done: /);

    expect(unzipTest(zip).ok).toBe(true);
    const { firstBadEntry, entries } = pythonZipEntries(zip);
    expect(firstBadEntry).toBeNull();
    // One folder per recording, named with its meeting id, holding exactly that recording's files.
    const folders = new Set(entries.filter((e) => e.name.includes('/')).map((entry) => entry.name.split('/')[0]));
    expect(folders.size).toBe(2);
    // And a manifest that lists every file as saved.
    const manifest = readZipEntry(zip, 'Reclaim manifest.csv');
    const rows = manifest.trim().split('\r\n').slice(1);
    expect(rows.length).toBe(entries.length - 1);
    expect(rows.every((row) => row.includes(',saved,'))).toBe(true);
    // Every CRC-32 in the manifest is the ZIP entry's own, as Python's zipfile reads it (issue 17).
    const listed = manifestRows(manifest);
    expect(listed.map((row) => [row.File, row['CRC-32']])).toEqual(
      listed.map((row) => [row.File, entries.find((entry) => entry.name === row.File)?.crc]),
    );
    expect(listed.every((row) => /^[0-9a-f]{8}$/.test(row['CRC-32'] ?? ''))).toBe(true);
    for (const meeting of meetings) {
      const folder = [...folders].find((name) => name?.endsWith(`(${meeting.meetingNumber})`));
      expect(folder, `folder of ${meeting.topic}`).toBeDefined();
      const inFolder = entries.filter((entry) => entry.name.startsWith(`${folder}/`));
      expect(inFolder.map((entry) => entry.sha256).sort()).toEqual(expectedSha(meeting));
    }

    const popup = await openPopup(harness);
    const job = popup.getByTestId('reclaim-job').first();
    await expect.poll(() => job.getAttribute('data-state')).toBe('completed');
    expect(await job.textContent()).toMatch(new RegExp(exportNamePattern()));
    await popup.close();
  });
});

describe('an expired Zoom session', () => {
  const message = 'Your Zoom session has ended. Sign in to Zoom again, then press Resume.';

  /** Signs in again as the user would, then presses Resume on the newest export in the popup. */
  async function signInAndResume(): Promise<Page> {
    await signInToZoom(harness.context, harness.portal);
    const popup = await openPopup(harness);
    await popup.getByTestId('reclaim-job').first().getByTestId('reclaim-job-resume').click();
    return popup;
  }

  function meetingsOfTicked(rows: string[]): ZoomMeeting[] {
    return rows.map((href) => meetingOfRow(href));
  }

  it('pauses with the sign-in message when the session ended before the export, and finishes after Resume', async () => {
    await page.goto('https://us06web.zoom.us/recording');
    await expectOneCheckboxPerRow();
    const before = readdirSync(harness.downloads);
    const ready = page.locator(`${ROWS}:has(${ROW_BOX}:not([disabled]))`);
    const hrefs: string[] = [];
    for (const index of [2, 3]) {
      hrefs.push((await ready.nth(index).locator('a[href*="meeting_id="]').first().getAttribute('href')) ?? '');
      await ready.nth(index).locator(ROW_BOX).check();
    }
    harness.portal.expireSessions();
    await chooseSkipArchived(page);
    await page.getByTestId('reclaim-export-zip').click();

    await expect.poll(() => page.getByTestId('reclaim-status').textContent()).toBe(message);
    const popup = await openPopup(harness);
    const job = popup.getByTestId('reclaim-job').first();
    await expect.poll(() => job.getAttribute('data-state')).toBe('paused');
    expect(await job.textContent()).toContain(message);
    await popup.close();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(readdirSync(harness.downloads)).toEqual(before);

    const resumed = await signInAndResume();
    const zip = await waitForDownload(harness.downloads, zipNamePattern(), 120_000, before);
    await expect.poll(() => resumed.getByTestId('reclaim-job').first().getAttribute('data-state')).toBe('completed');
    await resumed.close();
    const { firstBadEntry, entries } = pythonZipEntries(zip);
    expect(firstBadEntry).toBeNull();
    const media = entries.filter((entry) => entry.name.includes('/')).map((entry) => entry.sha256);
    expect(media.sort()).toEqual(meetingsOfTicked(hrefs).flatMap(expectedSha).sort());
  });

  it('pauses when the session ends in the middle of an export; after signing in, Resume saves every file once and whole', async () => {
    await signInToZoom(harness.context, harness.portal);
    await page.goto('https://us06web.zoom.us/recording?p=2');
    await expectOneCheckboxPerRow();
    const before = readdirSync(harness.downloads);
    const ready = page.locator(`${ROWS}:has(${ROW_BOX}:not([disabled]))`);
    const hrefs: string[] = [];
    for (const index of [0, 1]) {
      hrefs.push((await ready.nth(index).locator('a[href*="meeting_id="]').first().getAttribute('href')) ?? '');
      await ready.nth(index).locator(ROW_BOX).check();
    }
    // The first file trickles in; meanwhile the session ends, so the next download answers the sign-in page.
    harness.portal.setFault('zoom.media', { bytesPerSecond: 100_000, times: 1 });
    harness.portal.resetHits();
    await chooseSkipArchived(page);
    await page.getByTestId('reclaim-export-zip').click();
    await expect.poll(() => harness.portal.hits('zoom.media').length, { timeout: patience(30_000) }).toBeGreaterThan(0);
    harness.portal.expireSessions();

    await expect
      .poll(() => page.getByTestId('reclaim-status').textContent(), { timeout: patience(60_000) })
      .toBe(message);
    expect(harness.portal.hits('zoom.download').some((hit) => hit.status === 302)).toBe(true);
    // The broken-off archive is removed, not left behind looking like a finished ZIP.
    await expect
      .poll(() => readdirSync(harness.downloads).filter((name) => !before.includes(name)), {
        timeout: patience(30_000),
      })
      .toEqual([]);

    const resumed = await signInAndResume();
    const zip = await waitForDownload(harness.downloads, zipNamePattern(), 120_000, before);
    await expect
      .poll(() => resumed.getByTestId('reclaim-job').first().getAttribute('data-state'), { timeout: patience(60_000) })
      .toBe('completed');
    await resumed.close();
    expect(readdirSync(harness.downloads).filter((name) => !before.includes(name))).toHaveLength(1);
    expect(unzipTest(zip).ok).toBe(true);
    const { firstBadEntry, entries } = pythonZipEntries(zip);
    expect(firstBadEntry).toBeNull();
    // Every file exactly once, every byte the platform's.
    const media = entries.filter((entry) => entry.name.includes('/')).map((entry) => entry.sha256);
    expect(media.sort()).toEqual(meetingsOfTicked(hrefs).flatMap(expectedSha).sort());
  });
});
