// The real context menu, in Firefox: Marionette right-clicks as a user does (WebDriver actions, button 2) and reads
// the browser's own menu in its chrome context, so these are the entries a user sees on each target, and a click
// on one of them is the browser's own. (Headless Chromium cannot open its native menu: context-menu.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_ROWS, portalFileSha } from './collab-steps.ts';
import { type FirefoxHarness, startFirefox, waitForSaved } from './firefox-harness.ts';
import { readyRows } from './firefox-steps.ts';
import { pythonZipEntries } from './zip-readers.ts';
import { ROW_BOX, ROWS } from './zoom-steps.ts';

let firefox: FirefoxHarness;

beforeAll(async () => {
  firefox = await startFirefox({ dataset: { zoomMeetings: 16, collabRecordings: 4, mediaBytes: 20_000 } });
  await firefox.signInToZoom();
});
afterAll(() => firefox?.close());

type Element = Record<string, string>;
// Our entries' element ids in Firefox's menu: `<add-on id, escaped>-menuitem-_<entry id>`.
const OURS = 'reclaim_reclaim_invalid-menuitem-_';

/**
 * Right-clicks the element `body` returns, as a user does, and gives Reclaim's entries in the menu that opened;
 * with `choose`, then clicks that entry (the menu's own activation, as a click on it) instead of closing the menu.
 */
async function rightClick(choose: string | undefined, body: string, ...args: unknown[]): Promise<string[]> {
  const origin = await firefox.run<Element>(body, ...args);
  const action = (type: string) => ({ type, button: 2 });
  await firefox.send('WebDriver:PerformActions', {
    actions: [
      {
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [{ type: 'pointerMove', origin, x: 0, y: 0 }, action('pointerDown'), action('pointerUp')],
      },
    ],
  });
  await firefox.send('WebDriver:ReleaseActions');
  await firefox.send('Marionette:SetContext', { value: 'chrome' });
  try {
    let shown: string[] | null = null;
    await expect
      .poll(async () => {
        shown = await firefox.run<string[] | null>(
          `const menu = document.getElementById('contentAreaContextMenu');
           if (menu.state !== 'open') return null;
           return [...menu.querySelectorAll('menuitem, menu')]
             .filter((item) => !item.hidden && item.id.startsWith(arguments[0]))
             .map((item) => item.id.slice(arguments[0].length));`,
          OURS,
        );
        return shown !== null;
      })
      .toBe(true);
    if (choose) {
      await firefox.run(
        // Inside the menu's "Reclaim" submenu, which is closed: the item's command, as its click gives.
        'document.getElementById(arguments[0]).doCommand();',
        OURS + choose,
      );
    }
    return shown ?? [];
  } finally {
    await firefox.run(`const menu = document.getElementById('contentAreaContextMenu');
      if (menu.state === 'open') menu.hidePopup();`);
    await firefox.send('Marionette:SetContext', { value: 'content' });
  }
}

const entriesOn = (body: string, ...args: unknown[]) => rightClick(undefined, body, ...args);

const link = 'return document.querySelector(arguments[0] + \' a[href*="detail?meeting_id="]\');';

describe('the context menu in Firefox', () => {
  it('offers the recording’s entries on a detail link, the list’s elsewhere on the list, and nothing on other pages', async () => {
    await firefox.goto('https://us06web.zoom.us/recording');
    await expect.poll(async () => (await readyRows(firefox)).length).toBeGreaterThan(1);
    expect(await entriesOn(link, ROWS)).toEqual(['recording|zip', 'recording|folder']);
    expect(await entriesOn('return document.querySelector(arguments[0]);', ROWS)).toEqual(['matching']);

    // A ticked row brings "Export the ticked recordings", with its choices.
    await firefox.clickEach(
      'return document.querySelector(arguments[0] + " " + arguments[1] + ":not([disabled])");',
      ROWS,
      ROW_BOX,
    );
    await expect.poll(() => firefox.text('reclaim-selection-count')).toMatch(/^1 selected/);
    await expect
      .poll(() => entriesOn('return document.querySelector(arguments[0]);', ROWS))
      .toEqual(['matching', 'ticked', 'ticked|zip', 'ticked|folder']);

    await firefox.goto('https://us06web.zoom.us/meeting');
    expect(await entriesOn('return document.body;')).toEqual([]);
  });

  it('on Collaborate’s scheduler, a row (no link) gets the recording’s entries; choosing ZIP saves that recording', async () => {
    await firefox.goto(firefox.portal.schedulerUrl('eu'));
    const names = () =>
      firefox.run<string[]>(
        `return [...document.querySelectorAll(arguments[0])]
           .filter((row) => row.querySelector(arguments[1]))
           .map((row) => row.querySelector('.item-name').getAttribute('title'));`,
        COLLAB_ROWS,
        ROW_BOX,
      );
    await expect.poll(async () => (await names()).length).toBeGreaterThan(1);
    const name = (await names())[1];
    const recording = firefox.portal.dataset.collabRecordings.find((r) => r.name === name);
    if (!recording) throw new Error(`no recording named ${name}`);
    const row = `return [...document.querySelectorAll(arguments[0] + ' .item-name')]
      .find((cell) => cell.getAttribute('title') === arguments[1]);`;
    expect(await entriesOn(row, COLLAB_ROWS, name)).toEqual(['row|zip', 'row|folder', 'matching']);

    // The browser's own click on the entry: the menu opens on the row again, and its item is activated.
    expect(await rightClick('row|zip', row, COLLAB_ROWS, name)).toContain('row|zip');
    const zip = await waitForSaved(firefox.downloads, /^Collaborate · .+ · \d{4}-\d{2}-\d{2}(?: \(\d+\))?\.zip$/);
    const videos = pythonZipEntries(zip).entries.filter((entry) => entry.name.endsWith('/video.mp4'));
    expect(videos.map((entry) => entry.sha256)).toEqual([portalFileSha(recording.media)]);
    await expect.poll(() => firefox.text('reclaim-status')).toMatch(/^Done: /);
  });
});
