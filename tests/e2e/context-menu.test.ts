// The context menu in a real Chromium: the entries the worker created, and what choosing them does on Zoom's list.
// Headless Chromium cannot open or click its native context menu, and Chrome cannot list a menu's entries (no
// contextMenus.getAll): the worker keeps what it created (`reclaimMenu.entries`), and a click is driven through its
// own onClicked handler (`reclaimMenu.clicked`) with the OnClickData Chrome would give and the real tab.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSize } from '../../utils/format.ts';
import { zoomFiles } from '../portal/dataset.ts';
import { COURSE_SEARCH } from '../portal/dataset-zoom.ts';
import { type Harness, startHarness, waitForDownload } from './harness.ts';
import { pythonZipEntries, readZipEntry, unzipTest } from './zip-readers.ts';
import {
  fileSha,
  listedBytes,
  manifestRows,
  openRecordings,
  ROW_BOX,
  ROWS,
  searchFor,
  zipNamePattern,
} from './zoom-steps.ts';

interface Entry {
  id: string;
  parentId?: string;
  title: string;
  contexts: string[];
  documentUrlPatterns: string[];
  targetUrlPatterns?: string[];
  visible?: boolean;
}

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness({ dataset: { zoomMeetings: 40, mediaBytes: 20_000 } });
  page = await harness.context.newPage();
});
afterAll(() => harness?.close());

const entries = (): Promise<Entry[]> =>
  harness.worker.evaluate(() =>
    structuredClone((globalThis as unknown as { reclaimMenu: { entries: Entry[] } }).reclaimMenu.entries),
  );

/** Chooses a menu entry as Chrome would call the worker's handler: OnClickData, and the tab right-clicked in. */
async function choose(menuItemId: string, linkUrl?: string): Promise<void> {
  const pageUrl = page.url();
  await harness.worker.evaluate(
    async ({ menuItemId, linkUrl, pageUrl }) => {
      const { chrome } = globalThis as unknown as { chrome: typeof import('wxt/browser').browser };
      const [tab] = await chrome.tabs.query({ url: pageUrl.split('#')[0] });
      const info = { menuItemId, linkUrl, pageUrl, frameId: 0, editable: false };
      const menu = (globalThis as unknown as { reclaimMenu: { clicked(i: unknown, t: unknown): Promise<void> } })
        .reclaimMenu;
      await menu.clicked(info, tab);
    },
    { menuItemId, linkUrl, pageUrl },
  );
}

describe('the context menu', () => {
  it('is created for the platforms’ list pages and recording links only, with the ticked entry hidden', async () => {
    await expect.poll(async () => (await entries()).length).toBeGreaterThan(0);
    const byId = new Map((await entries()).map((entry) => [entry.id, entry]));
    const zip = byId.get('recording|zip');
    expect(zip?.title).toBe('Download this recording (ZIP)');
    expect(zip?.contexts).toEqual(['link']);
    expect(zip?.documentUrlPatterns).toEqual(
      expect.arrayContaining(['https://*.zoom.us/recording', 'https://*.zoom.us/recording?*']),
    );
    expect(zip?.documentUrlPatterns).toEqual(
      expect.arrayContaining(['https://eu-lti.bbcollab.com/collab/ui/scheduler/*']),
    );
    expect(zip?.targetUrlPatterns).toEqual(
      expect.arrayContaining([
        'https://*.zoom.us/recording/detail?*meeting_id=*',
        'https://eu.bbcollab.com/recording/*',
      ]),
    );
    expect(byId.get('recording|folder')?.title).toBe('Save this recording to a folder');
    // Collaborate's rows are no links: there the recording's entries are on the list page itself.
    expect(byId.get('row|zip')).toMatchObject({
      contexts: ['page'],
      documentUrlPatterns: expect.arrayContaining(['https://eu-lti.bbcollab.com/collab/ui/scheduler/*']),
    });
    expect(byId.get('row|zip')?.documentUrlPatterns.some((pattern) => pattern.includes('zoom'))).toBe(false);
    expect(byId.get('matching')).toMatchObject({
      title: 'Export everything matching this search…',
      contexts: ['page'],
    });
    expect(byId.get('ticked')).toMatchObject({ title: 'Export the ticked recordings', visible: false });
    expect(byId.get('ticked|zip')).toMatchObject({ parentId: 'ticked', title: 'Download as ZIP' });
    expect(byId.get('ticked|folder')).toMatchObject({ parentId: 'ticked', title: 'Save to a folder' });
    // Every entry is offered on the platforms' pages only.
    for (const entry of byId.values()) {
      expect(
        entry.documentUrlPatterns.every((p) => /^https:\/\/(\*\.zoom\.us|[a-z]+(-lti)?\.bbcollab\.com)\//.test(p)),
        entry.id,
      ).toBe(true);
    }
  });

  it('lists a Copy entry for a destination saved in the options, and drops it when the destination is removed', async () => {
    const copyTitles = async () =>
      (await entries()).filter((entry) => entry.id.startsWith('recording|s3|')).map((entry) => entry.title);
    expect(await copyTitles()).toEqual([]);
    const options = await harness.context.newPage();
    await options.goto(`chrome-extension://${harness.extensionId}/options.html`);
    await options.getByTestId('reclaim-destination-new').click();
    await options.getByTestId('reclaim-destination-name').fill('Archive');
    await options.getByTestId('reclaim-destination-bucket').fill('archive-bucket');
    await options.getByTestId('reclaim-destination-region').fill('eu-west-1');
    await options.getByTestId('reclaim-destination-key-id').fill('AKIDEXAMPLE');
    await options.getByTestId('reclaim-destination-secret').fill('secret');
    await options.getByTestId('reclaim-destination-save').click();
    // Saved by the options page into the database: the worker hears of it from there and rebuilds its menu.
    await expect.poll(copyTitles).toEqual(['Copy this recording to Archive']);
    await options.getByTestId('reclaim-destination-remove').click();
    await expect.poll(copyTitles).toEqual([]);
    await options.close();
  });

  it('"Download this recording (ZIP)" on a detail link saves that recording, byte for byte, with its progress in the bar', async () => {
    const downloads = await harness.freshDownloads();
    await openRecordings(page);
    const href = await page
      .locator(`${ROWS}:has(${ROW_BOX}:not([disabled])) a[href*="detail?meeting_id="]`)
      .nth(2)
      .getAttribute('href');
    const linkUrl = new URL(href ?? '', page.url()).href;
    const meeting = harness.portal.dataset.zoomMeetings.find(
      (m) => m.meetingId === new URL(linkUrl).searchParams.get('meeting_id'),
    );
    if (!meeting) throw new Error(`no meeting for ${linkUrl}`);

    await choose('recording|zip', linkUrl);
    await expect.poll(() => page.getByTestId('reclaim-status').textContent()).toMatch(/^Done: /);
    const zip = await waitForDownload(downloads, zipNamePattern());
    expect(unzipTest(zip).ok).toBe(true);
    const { firstBadEntry, entries: inZip } = pythonZipEntries(zip);
    expect(firstBadEntry).toBeNull();
    const media = inZip.filter((entry) => entry.name.includes('/'));
    expect(media.map((entry) => entry.sha256).sort()).toEqual(zoomFiles(meeting).map(fileSha).sort());
    const manifest = manifestRows(readZipEntry(zip, 'Reclaim manifest.csv'));
    expect(new Set(manifest.map((row) => row['Recording ID']))).toEqual(new Set([meeting.meetingId]));
    // Nothing was ticked on the page: the menu exported the link's recording, not a selection (the bar has no
    // count to show).
    expect(await page.getByTestId('reclaim-selection-count').count()).toBe(0);
  });

  it('"Export everything matching this search…" opens the bar’s select-all with its count; the ticked entry then shows', async () => {
    await openRecordings(page);
    await searchFor(page, COURSE_SEARCH);
    await choose('matching');
    const course = harness.portal.dataset.zoomMeetings.filter((m) => m.topic.includes(COURSE_SEARCH));
    const total = course.reduce((sum, meeting) => sum + listedBytes(meeting), 0);
    await expect
      .poll(() => page.getByTestId('reclaim-selection-count').textContent())
      .toBe(`${course.length} selected · ${formatSize(total, 'en-US')} in total`);
    expect(await page.getByTestId('reclaim-status').textContent()).toBe(
      `All ${course.length} recordings matching this search are selected.`,
    );
    // Nothing is exported until the user presses the bar's button.
    expect(await page.getByTestId('reclaim-export-zip').isEnabled()).toBe(true);
    await expect.poll(async () => (await entries()).find((entry) => entry.id === 'ticked')?.visible).toBe(true);
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await expect.poll(async () => (await entries()).find((entry) => entry.id === 'ticked')?.visible).toBe(false);
  });
});
