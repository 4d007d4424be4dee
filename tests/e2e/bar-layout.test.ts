// The bar as people see it on Zoom's list, in English, Dutch and Swedish, at a wide and a narrow window: how tall
// it is with nothing selected and with a selection, that it never covers Zoom's pager, and what axe-core says of
// it in light and dark. The screenshots are kept under docs/screenshots/ (the README shows them).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { axeOnBar } from './axe.ts';
import { COLLAB_ROWS, openScheduler } from './collab-steps.ts';
import { type Harness, startHarness } from './harness.ts';
import { openRecordings, ROW_BOX, ROWS } from './zoom-steps.ts';

const SHOTS = resolve('docs/screenshots');
// RECLAIM_SHOTS_PREFIX=before- keeps the shots of an older bar beside the new ones.
const PREFIX = process.env.RECLAIM_SHOTS_PREFIX ?? '';
const PAGER = '.zm-pagination';
const BAR = '[data-testid="reclaim-bar"]';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

let harness: Harness | undefined;
afterAll(() => harness?.close());

/** The bar's box, and whether it covers the pager once the page is scrolled to its end. */
async function measure(page: Page, name: string): Promise<{ height: number; coversPager: boolean }> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect
    .poll(() =>
      page.evaluate(() => Math.ceil(window.scrollY + innerHeight) >= document.documentElement.scrollHeight - 1),
    )
    .toBe(true);
  const bar = await page.locator(BAR).boundingBox();
  const pager = await page.locator(PAGER).boundingBox();
  await page.screenshot({ path: `${SHOTS}/${PREFIX}${name}.png` });
  if (!bar || !pager) throw new Error(`${name}: no bar or no pager on the page`);
  return { height: Math.round(bar.height), coversPager: intersects(bar, pager) };
}

/**
 * On the Collaborate scheduler, whose list scrolls in its own box (the body never scrolls): scrolled to its end,
 * the last row shows above the bar, never under it.
 */
async function collaborateRoom(page: Page): Promise<void> {
  if (!harness) return;
  await openScheduler(page, harness);
  await page.locator(`${COLLAB_ROWS} ${ROW_BOX}:not([disabled])`).first().check();
  await expect.poll(() => page.getByTestId('reclaim-selection-count').textContent()).toMatch(/1/);
  const last = page.locator(COLLAB_ROWS).last();
  // Scrolled to the end of the list's box, until it moves no more (the room below included).
  await expect
    .poll(() =>
      page.locator('main').evaluate((main) => {
        main.scrollTop = main.scrollHeight;
        return Math.ceil(main.scrollTop + main.clientHeight) >= main.scrollHeight - 1;
      }),
    )
    .toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);
  const bar = await page.locator(BAR).boundingBox();
  const row = await last.boundingBox();
  await page.screenshot({ path: `${SHOTS}/${PREFIX}bar-collaborate-900-selected.png` });
  if (!bar || !row) throw new Error('Collaborate: no bar or no last row');
  expect.soft(intersects(bar, row), 'Collaborate: the last row under the bar').toBe(false);
  expect.soft(Math.round(bar.height), 'Collaborate 900: a selection').toBeLessThanOrEqual(56);
}

const heights: Record<string, number> = {};

describe('the bar on Zoom’s list', () => {
  for (const lang of ['en', 'nl', 'sv']) {
    it(`is one compact row that never covers the pager (${lang})`, async () => {
      mkdirSync(SHOTS, { recursive: true });
      await harness?.close();
      harness = await startHarness({ lang });
      const page = await harness.context.newPage();
      for (const width of [1400, 900]) {
        await page.setViewportSize({ width, height: 800 });
        await openRecordings(page);
        const none = await measure(page, `bar-${lang}-${width}-none`);
        const boxes = page.locator(`${ROWS} ${ROW_BOX}:not([disabled])`);
        await boxes.nth(0).check();
        await boxes.nth(1).check();
        await expect.poll(() => page.getByTestId('reclaim-selection-count').textContent()).toMatch(/2/);
        const selected = await measure(page, `bar-${lang}-${width}-selected`);
        heights[`${lang} ${width} none`] = none.height;
        heights[`${lang} ${width} selected`] = selected.height;
        expect.soft(none.coversPager, `${lang} ${width}: nothing selected`).toBe(false);
        expect.soft(selected.coversPager, `${lang} ${width}: a selection`).toBe(false);
        expect.soft(none.height, `${lang} ${width}: nothing selected`).toBeLessThanOrEqual(56);
        expect.soft(selected.height, `${lang} ${width}: a selection`).toBeLessThanOrEqual(56);
        if (lang === 'en' && width === 900) {
          // The keyboard reaches the bar at once through a skip link, the bar itself placed after the page.
          await openRecordings(page);
          expect(await page.evaluate(() => document.documentElement.lastElementChild?.localName)).toBe('reclaim-bar');
          await page.keyboard.press('Tab');
          const skip = page.getByRole('link', { name: 'Skip to the Reclaim bar' });
          await expect.poll(() => skip.evaluate((link) => link.matches(':focus'))).toBe(true);
          expect((await skip.boundingBox())?.width).toBeGreaterThan(100);
          await page.screenshot({ path: `${SHOTS}/${PREFIX}bar-skip-link.png` });
          await page.keyboard.press('Enter');
          await expect
            .poll(() =>
              page.evaluate(() => document.querySelector('reclaim-bar')?.shadowRoot?.activeElement?.localName),
            )
            .toBe('input');
          expect(await skip.boundingBox().then((box) => box?.width ?? 0)).toBeLessThanOrEqual(1);
        }
        if (lang === 'en' && width === 900) await collaborateRoom(page);
        if (lang === 'en' && width === 1400) {
          for (const colorScheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme });
            expect.soft(await axeOnBar(page), `axe, ${colorScheme}`).toEqual([]);
          }
          await page.emulateMedia({ colorScheme: 'light' });
        }
      }
      console.log('bar heights (px):', JSON.stringify(heights));
    });
  }
});
