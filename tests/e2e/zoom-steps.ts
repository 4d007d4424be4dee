// What a person does on the demo Zoom page and in Reclaim's own pages, as reusable test steps.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { patience } from '../patience.ts';
import { type ZoomFile, type ZoomMeeting, zoomFiles } from '../portal/dataset.ts';
import { mediaSha256 } from '../portal/media.ts';
import { type Harness, signInToZoom } from './harness.ts';

export const ROWS = 'tr.zm-table__row';
export const ROW_BOX = '[data-testid="reclaim-row-checkbox"]';

export function fileSha(file: ZoomFile): string {
  return file.text ? createHash('sha256').update(file.text).digest('hex') : mediaSha256(file.fileKey, file.sizeBytes);
}

export function meetingBytes(meeting: ZoomMeeting): number {
  return zoomFiles(meeting).reduce((sum, file) => sum + file.sizeBytes, 0);
}

/** Waits until the page shows rows (`rows`, a platform's selector) and Reclaim has put a checkbox in each. */
export async function waitForRowBoxes(page: Page, rows: string): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        ([rowSelector, box]) => {
          const found = [...document.querySelectorAll(rowSelector as string)];
          return found.length > 0 && found.every((row) => row.querySelector(box as string));
        },
        [rows, ROW_BOX],
      ),
    )
    .toBe(true);
}

/** Opens a list page and waits until Reclaim has decorated its rows. */
export async function openRecordings(page: Page, url = 'https://us06web.zoom.us/recording'): Promise<void> {
  await page.goto(url);
  await waitForRowBoxes(page, ROWS);
}

/** Ticks the rows whose meetings `choose` picks from the page's ready ones; returns those meetings. */
export async function tick(
  page: Page,
  harness: Harness,
  choose: (ready: ZoomMeeting[]) => ZoomMeeting[],
): Promise<ZoomMeeting[]> {
  const rows = page.locator(`${ROWS}:has(${ROW_BOX}:not([disabled]))`);
  const ready: ZoomMeeting[] = [];
  for (const href of await rows
    .locator('a[href*="meeting_id="]:first-of-type')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))) {
    const id = new URL(href, 'https://us06web.zoom.us').searchParams.get('meeting_id');
    const meeting = harness.portal.dataset.zoomMeetings.find((m) => m.meetingId === id);
    if (meeting && !ready.includes(meeting)) ready.push(meeting);
  }
  const chosen = choose(ready);
  for (const meeting of chosen) {
    const href = `meeting_id=${encodeURIComponent(meeting.meetingId)}`;
    await page.locator(`${ROWS}:has(a[href*="${href}"]) ${ROW_BOX}`).check();
  }
  await expect
    .poll(() => page.getByTestId('reclaim-selection-count').textContent())
    .toMatch(`${chosen.length} selected`);
  return chosen;
}

/** The id of the newest export in the popup, 0 when there is none. */
export async function newestJobId(popup: Page): Promise<number> {
  await popup.reload();
  await popup.locator('[data-testid="reclaim-job"], .empty').first().waitFor();
  const job = popup.getByTestId('reclaim-job').first();
  return (await job.count()) === 0 ? 0 : Number(await job.getAttribute('data-job-id'));
}

/**
 * Presses one of the bar's export buttons and waits until the popup lists the new export, so that what a test
 * reads next about "the newest export" is about this one and not the one before it.
 */
/**
 * Waits for the archive ledger's answer about the selection, then sets Skip what is archived (shown only when some
 * of it is archived): tests of a whole export export everything again, whatever an earlier test archived.
 */
export async function chooseSkipArchived(page: Page, skip = false): Promise<void> {
  await expect.poll(() => page.getByTestId('reclaim-bar').getAttribute('data-archive-known')).toBe('true');
  const box = page.getByTestId('reclaim-skip-archived');
  if ((await box.count()) > 0 && (await box.isChecked()) !== skip) await box.click();
}

export async function startExportFromBar(
  page: Page,
  popup: Page,
  button: 'zip' | 'folder' | 's3',
  options: { skipArchived?: boolean } = {},
): Promise<number> {
  await chooseSkipArchived(page, options.skipArchived);
  const before = await newestJobId(popup);
  await page.getByTestId(`reclaim-export-${button}`).click();
  let id = before;
  await expect
    .poll(async () => {
      id = await newestJobId(popup);
      return id;
    })
    .toBeGreaterThan(before);
  return id;
}

/** The state of the newest export, as the popup shows it. */
export async function newestJob(popup: Page): Promise<{ state: string | null; text: string }> {
  await popup.reload();
  // The history is read from the database after the page loads: wait for it (or for "no exports yet").
  await popup.locator('[data-testid="reclaim-job"], .empty').first().waitFor();
  const job = popup.getByTestId('reclaim-job').first();
  if ((await job.count()) === 0) return { state: null, text: '' };
  return { state: await job.getAttribute('data-state'), text: (await job.textContent()) ?? '' };
}

export async function waitForJobState(popup: Page, state: string | RegExp, timeout = 120_000): Promise<string> {
  let text = '';
  await expect
    .poll(
      async () => {
        const job = await newestJob(popup);
        text = job.text;
        return job.state;
      },
      { timeout: patience(timeout), interval: 500 },
    )
    .toMatch(state);
  return text;
}

/**
 * Once the running export has asked for media, the Zoom session ends; the export must pause with the sign-in
 * sentence. Then the user signs in again and presses Resume in the popup.
 */
export async function endSessionThenResume(harness: Harness, popup: Page): Promise<void> {
  await expect.poll(() => harness.portal.hits('zoom.media').length).toBeGreaterThan(0);
  harness.portal.expireSessions();
  await waitForJobState(popup, 'paused');
  expect((await newestJob(popup)).text).toContain('Sign in to Zoom again, then press Resume.');
  await signInToZoom(harness.context, harness.portal);
  await popup.reload();
  await popup.getByTestId('reclaim-job-resume').first().click();
}

/** Sets the export options through the options page, as a user would. */
export async function setOptions(harness: Harness, options: { volumeMB?: number; concurrency?: number }) {
  const page = await harness.context.newPage();
  await page.goto(`chrome-extension://${harness.extensionId}/options.html`);
  if (options.volumeMB !== undefined) await page.getByTestId('reclaim-volume-mb').fill(String(options.volumeMB));
  if (options.concurrency !== undefined)
    await page.getByTestId('reclaim-concurrency').fill(String(options.concurrency));
  await page.getByTestId('reclaim-save-settings').click();
  await expect.poll(() => page.getByTestId('reclaim-settings-status').textContent()).toBe('Saved.');
  await page.close();
}

/** Every file under a folder, as paths relative to it. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => relative(dir, join(dir, name)));
}

/** Stops the extension's service worker, as the browser does when it is idle (TOOLCHAIN.md). */
export async function stopWorker(harness: Harness, page: Page): Promise<void> {
  const cdp = await harness.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

function dateOf(at: Date, utc: boolean): string {
  if (utc) return at.toISOString().slice(0, 10);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/**
 * The date an export started today carries, as a pattern: the date an hour ago or now (local dates, or UTC where
 * Blackboard's log names use them). An export started just before midnight is named with the day before: a CI
 * run once failed on that, at 00:0x.
 */
export function datePattern(utc = false): string {
  const dates = new Set([dateOf(new Date(Date.now() - 3_600_000), utc), dateOf(new Date(), utc)]);
  return `(?:${[...dates].join('|')})`;
}

/**
 * An export's name as Reclaim gives it today unless the user edits it, saying what is in it:
 * `Zoom · search ‘Biology’ · 37 recordings · 2026-12-06` or `Zoom · 2 recordings · 2026-12-06`, maybe numbered ` (2)`.
 */
export function exportNamePattern(site = 'Zoom'): string {
  return `${site} · .+ · ${datePattern()}(?: \\(\\d+\\))?`;
}

/** A CSV list's name: `Zoom recordings 2026-11-21 10.15` (a list of the page, not an export). */
export function listNamePattern(site = 'Zoom'): string {
  return `${site} recordings ${datePattern()} \\d{2}\\.\\d{2}`;
}

/** A regular expression for a whole ZIP file name of today's export (one volume, or `part k of n`). */
export function zipNamePattern(part?: { k: number; n: number }, site = 'Zoom'): RegExp {
  return new RegExp(`^${exportNamePattern(site)}${part ? ` part ${part.k} of ${part.n}` : ''}\\.zip$`);
}

/** What Zoom's listing announces for a meeting: megabytes with two decimals, as the bar adds them up. */
export function listedBytes(meeting: ZoomMeeting): number {
  const MB = 1024 * 1024;
  return Math.round(Math.max(0.01, Math.round((meetingBytes(meeting) / MB) * 100) / 100) * MB);
}

/** The folder of a meeting in an export with the default template: `{date} {time} … ({meeting id})`. */
export function folderOf(folders: Iterable<string>, meeting: ZoomMeeting): string | undefined {
  const start = new Date(meeting.start).toISOString();
  const prefix = `${start.slice(0, 10)} ${start.slice(11, 13)}.${start.slice(14, 16)} `;
  return [...folders].find((name) => name.startsWith(prefix) && name.endsWith(`(${meeting.meetingNumber})`));
}

/** Types a search into the page's own search form and waits until its list shows the results. */
export async function searchFor(page: Page, text: string): Promise<void> {
  await page.locator('.search-input').fill(text);
  await page.locator('.search-btn').click();
  await expect
    .poll(() =>
      page.evaluate(
        ([rows, wanted]) =>
          [...document.querySelectorAll(rows as string)].every((row) =>
            (row.textContent ?? '').toLowerCase().includes((wanted as string).toLowerCase()),
          ),
        [ROWS, text],
      ),
    )
    .toBe(true);
}

/** The manifest's rows of a ZIP, as objects by column name. */
export function manifestRows(csv: string): Array<Record<string, string>> {
  const [header = '', ...lines] = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((cell) => cell.replace(/,$/, '')) ?? [];
    return Object.fromEntries(
      names.map((name, i) => [name, (cells[i] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"')]),
    );
  });
}
