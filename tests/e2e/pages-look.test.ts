// The options page and the popup as a user sees them: axe-core finds no serious or critical violation in light
// and dark, the options stay a readable column on a wide window, and screenshots of both are saved under
// docs/screenshots/ (the README shows them) to be looked at.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openPopup, startHarness } from './harness.ts';

const SHOTS = process.env.RECLAIM_SHOTS_DIR ?? 'docs/screenshots';
/** `before-` while photographing the code as it was; nothing when photographing the result. */
const PREFIX = process.env.RECLAIM_SHOTS_PREFIX ?? '';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ signedIn: false });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await harness?.close();
});

type AxeViolation = { id: string; impact: string | null; nodes: Array<{ target: string[] }> };

async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // The extension's pages allow only their own scripts: axe comes in through the debugger, not as a <script>.
    await page.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8'));
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Light and dark: the screenshots first (so a failure still leaves them to look at), then axe. */
async function lookAt(
  page: Page,
  name: string,
  schemes: Array<'light' | 'dark'> = ['light', 'dark'],
): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    const suffix = colorScheme === 'dark' ? '-dark' : '';
    // The whole page in the window, so that what sticks to the window's bottom (Save) shows in its place.
    const size = page.viewportSize();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (size && height > size.height) await page.setViewportSize({ width: size.width, height });
    await page.screenshot({ path: `${SHOTS}/${PREFIX}${name}${suffix}.png`, fullPage: true });
    found.push(...(await seriousViolations(page)).map((v) => `${colorScheme}: ${v}`));
  }
  return found;
}

/** Three exports as the history keeps them, written with plain IndexedDB from an extension page. */
async function seedExports(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('reclaim');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const now = Date.now();
    const base = { origin: 'https://us06web.zoom.us', planned: true, filesFailed: 0, filesSkipped: 0, volumes: [] };
    const jobs = [
      {
        ...base,
        site: 'zoom',
        destination: 'folder',
        name: 'Zoom · search ‘Biology’ · 3 recordings · 2026-12-01',
        state: 'completed',
        createdAt: now - 3 * 86_400_000,
        updatedAt: now - 3 * 86_400_000,
        finishedAt: now - 3 * 86_400_000,
        fileCount: 12,
        filesDone: 12,
        bytesTotal: 840_000_000,
        bytesDone: 840_000_000,
      },
      {
        ...base,
        site: 'collaborate',
        origin: 'https://eu.bbcollab.com',
        destination: 's3',
        name: 'Collaborate · 4 recordings · 2026-12-05',
        state: 'completed',
        createdAt: now - 86_400_000,
        updatedAt: now - 86_400_000,
        finishedAt: now - 86_400_000,
        fileCount: 8,
        filesDone: 8,
        bytesTotal: 10_500_000,
        bytesDone: 10_500_000,
        s3: {
          destinationId: 'archive',
          destinationName: 'Faculty archive',
          bucket: 'faculty-archive',
          prefix: 'recordings',
          copyId: '20261205-1640-k3v9',
          startedAt: now - 86_400_000,
        },
      },
      {
        ...base,
        site: 'zoom',
        destination: 'zip',
        name: 'Zoom · 9 recordings · 2026-12-06',
        state: 'paused',
        createdAt: now - 600_000,
        updatedAt: now - 60_000,
        fileCount: 37,
        filesDone: 14,
        bytesTotal: 3_200_000_000,
        bytesDone: 1_150_000_000,
      },
    ];
    const tx = db.transaction('jobs', 'readwrite');
    for (const job of jobs) tx.objectStore('jobs').add(job);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

describe('the options page and the popup', () => {
  it('the popup: empty, then with exports; no serious accessibility problem in light or dark', async () => {
    const popup = await openPopup(harness);
    await popup.setViewportSize({ width: 420, height: 600 });
    await expect.poll(() => popup.locator('.empty').count()).toBe(1);
    await popup.screenshot({ path: `${SHOTS}/${PREFIX}popup-empty.png` });

    await seedExports(popup);
    await popup.reload();
    await expect.poll(() => popup.getByTestId('reclaim-job').count()).toBe(3);
    expect(await lookAt(popup, 'popup')).toEqual([]);

    // The report import is folded until wanted; a chosen report opens it, and its result's buttons sit in a row.
    const folded = popup.getByTestId('reclaim-popup-import');
    expect(await folded.getAttribute('open')).toBeNull();
    const report = ['RecordingName,RecordingLink,StorageUsageGigabytes']
      .concat([1, 2, 3].map((n) => `Lecture ${n},https://eu.bbcollab.com/recording/${String(n).repeat(32)},0.2`))
      .join('\r\n');
    await popup.getByTestId('reclaim-import-report').setInputFiles({
      name: 'recording-report.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(report),
    });
    await expect.poll(() => folded.getAttribute('open')).toBe('');
    await popup.getByTestId('reclaim-import-confirm').click();
    const buttons = popup.getByTestId('reclaim-popup-import-destinations').getByRole('button');
    await expect.poll(() => buttons.count()).toBe(2);
    const [zip, folder] = [await buttons.nth(0).boundingBox(), await buttons.nth(1).boundingBox()];
    expect(zip?.y).toBe(folder?.y);
    expect(zip?.height).toBeLessThan(48);
    expect(await lookAt(popup, 'popup-import', ['light'])).toEqual([]);
    await popup.close();
  });

  it('the options: a column of at most 720 px on a 1400 px window; no serious problem in light or dark', async () => {
    const options = await harness.context.newPage();
    await options.setViewportSize({ width: 1400, height: 900 });
    await options.goto(`chrome-extension://${harness.extensionId}/options.html`);
    await expect.poll(() => options.getByTestId('reclaim-name-template').count()).toBe(1);
    const found = await lookAt(options, 'options');
    const width = await options.evaluate(() => document.querySelector('main')?.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(400);
    expect(width).toBeLessThanOrEqual(720);
    expect(found).toEqual([]);

    // A template without an extension, and a destination saved without its bucket: each said at its field.
    await options.getByTestId('reclaim-name-template').fill('{date} {topic}/{kind}{view}');
    await expect
      .poll(() => options.getByTestId('reclaim-name-no-extension').textContent())
      .toContain('end the template with .{ext}');
    await options.getByTestId('reclaim-destination-key-id').fill('AKIDEXAMPLE');
    await options.getByTestId('reclaim-destination-secret').fill('secret');
    await options.getByTestId('reclaim-destination-save').click();
    const problem = options.getByTestId('reclaim-destination-bucket-problem');
    await expect.poll(() => problem.textContent()).toBe('Fill in the bucket name.');
    const bucket = options.getByTestId('reclaim-destination-bucket');
    expect(await bucket.getAttribute('aria-invalid')).toBe('true');
    expect(await bucket.getAttribute('aria-describedby')).toContain(await problem.getAttribute('id'));
    expect(await options.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('bucket');
    await options.emulateMedia({ colorScheme: 'light' });
    await options.screenshot({ path: `${SHOTS}/${PREFIX}options-problems.png`, fullPage: true });
    expect(await seriousViolations(options)).toEqual([]);
    await options.close();
  });
});
