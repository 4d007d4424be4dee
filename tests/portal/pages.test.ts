// @vitest-environment node
// The portal's pages in a real browser under the real host names: the Zoom list appears late, pages and
// refreshes rebuild rows from new nodes, navigation uses pushState; the Collaborate scheduler lists recordings.
// Skipped where no Chromium is installed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, startPortal } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROW = 'tr.zm-table__row';

describe('portal pages in Chromium', { timeout: 30_000 }, () => {
  let portal: Portal;
  let context: BrowserContext;
  let profile: string;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal();
    profile = await mkdtemp(join(tmpdir(), 'reclaim-portal-browser-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        `--host-resolver-rules=MAP *.zoom.us 127.0.0.1:${portal.port},MAP *.bbcollab.com 127.0.0.1:${portal.port}`,
        '--ignore-certificate-errors',
        '--no-sandbox',
        '--no-first-run',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    await portal?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  const rowCount = () => page.locator(ROW).count();

  it('signs in and shows the first 15 meetings in the newer portal markup', async () => {
    await page.goto('https://us06web.zoom.us/recording');
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector(ROW);
    expect(page.url()).toBe('https://us06web.zoom.us/recording');
    expect(await rowCount()).toBe(15);
    const rows = await page.$$eval('a[href*="detail?meeting_id="]', (links) =>
      links.map((link) => ({
        id: new URL((link as HTMLAnchorElement).href).searchParams.get('meeting_id'),
        topic: link.querySelector('span.meeting-topic')?.textContent,
        rowClass: link.closest('tr')?.className,
      })),
    );
    const newest = portal.dataset.zoomMeetings.toSorted((a, b) => b.start - a.start).slice(0, 15);
    expect(rows).toEqual(newest.map((m) => ({ id: m.meetingId, topic: m.topic, rowClass: 'zm-table__row' })));
    expect(await page.locator(`${ROW} >> text=Processing Recording`).count()).toBeGreaterThanOrEqual(1);
  });

  it('pages, refreshes and navigates without reloading, rebuilding rows from new nodes', async () => {
    await page.evaluate(() => {
      Object.assign(window, { marker: 'same document', firstRow: document.querySelector('tr.zm-table__row') });
    });
    await page.locator('li.number', { hasText: '4' }).click();
    await page.waitForFunction(() => document.querySelectorAll('tr.zm-table__row').length === 3);
    expect(page.url()).toBe('https://us06web.zoom.us/recording?p=4');
    expect(await page.evaluate(() => (window as unknown as { firstRow: Element }).firstRow.isConnected)).toBe(false);

    await page.evaluate(() => Object.assign(window, { firstRow: document.querySelector('tr.zm-table__row') }));
    await page.locator('button.refresh-list').click();
    await page.waitForFunction(() => !(window as unknown as { firstRow: Element }).firstRow.isConnected);
    expect(await rowCount()).toBe(3);

    await page.locator('a[data-nav][href="/meeting"]').click();
    await page.waitForSelector('.meeting-list');
    expect(await rowCount()).toBe(0);
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('tr.zm-table__row').length === 3);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same document');
  });

  it('opens a meeting detail page with its files', async () => {
    const meeting = portal.dataset.zoomMeetings.find((m) => m.meetingId.startsWith('/') && m.status === 'completed');
    if (!meeting) throw new Error('no meeting id starting with "/"');
    await page.goto(`https://us06web.zoom.us/recording/detail?meeting_id=${encodeURIComponent(meeting.meetingId)}`);
    await page.waitForSelector('.file-item');
    const files = meeting.clips.flatMap((clip) => clip.files);
    expect(await page.locator('.file-item').count()).toBe(files.length);
    expect(await page.locator('a.download-btn').first().getAttribute('href')).toBe(`/rec/download/${files[0]?.playId}`);
  });

  it('shows the host column on the management page', async () => {
    await page.goto('https://us06web.zoom.us/recording/management');
    await page.waitForSelector(ROW);
    const host = await page.locator(`${ROW} td`).nth(1).textContent();
    expect(host).toMatch(/@/);
  });

  it('lists Collaborate recordings on the scheduler page through the API', async () => {
    await page.goto(portal.schedulerUrl());
    await page.waitForSelector('.recording-list__item');
    const names = await page.locator('.item-name').allTextContents();
    expect(names.toSorted()).toEqual(portal.dataset.collabRecordings.map((r) => r.name).toSorted());
  });
});
