// A script in the platform page's own world (a compromised page, a hostile extension's injection) tries to drive
// Reclaim: it reads the bar, ticks boxes, picks files, clicks Export. Nothing starts, nothing changes, and the bar
// shows no bucket, prefix or key to read.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, openPopup, startHarness } from './harness.ts';
import { useDestinations } from './s3-steps.ts';
import { newestJobId, openRecordings, ROW_BOX, ROWS } from './zoom-steps.ts';

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = await harness.context.newPage();
});
afterAll(() => harness?.close());

it("ignores a page script's clicks on the bar and the rows, and shows it no bucket or key", async () => {
  const popup = await openPopup(harness);
  await useDestinations(harness, {
    id: 'archive',
    name: 'Archive',
    bucket: 'hidden-bucket',
    region: 'eu-west-1',
    prefix: 'hidden/prefix',
    accessKeyId: 'AKIDHIDDEN',
    secretAccessKey: 'hidden-secret',
  });
  const before = await newestJobId(popup);
  await openRecordings(page);
  // The user ticks one row: the bar then offers the exports and the S3 destinations for the script to try.
  await page.locator(`${ROWS} ${ROW_BOX}:not([disabled])`).first().check();
  await expect.poll(() => page.getByTestId('reclaim-export-s3').count()).toBe(1);
  const seen = await page.evaluate(
    ({ rows, box }) => {
      const bar = document.querySelector('reclaim-bar')?.shadowRoot;
      const click = (selector: string) => bar?.querySelector<HTMLElement>(`[data-testid="${selector}"]`)?.click();
      for (const row of document.querySelectorAll<HTMLElement>(`${rows} ${box}`)) row.click();
      click('reclaim-select-all');
      for (const choice of bar?.querySelectorAll<HTMLElement>('[data-testid^="reclaim-file-choice-"]') ?? []) {
        choice.click();
      }
      click('reclaim-select-matching');
      click('reclaim-export-zip');
      click('reclaim-export-folder');
      click('reclaim-export-s3');
      return bar?.textContent ?? '';
    },
    { rows: ROWS, box: ROW_BOX },
  );
  expect(seen).toContain('Archive');
  expect(seen).not.toMatch(/hidden-bucket|hidden\/prefix|AKIDHIDDEN|hidden-secret/);
  // Nothing was ticked or chosen, and no export began.
  expect(await page.getByTestId('reclaim-selection-count').textContent()).toMatch(/^1 selected/);
  for (const choice of await page.locator('[data-testid^="reclaim-file-choice-"]').all()) {
    expect(await choice.isChecked()).toBe(true);
  }
  expect(await newestJobId(popup)).toBe(before);
});
