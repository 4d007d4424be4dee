// What the person in the soak does: sets the options once, picks every recording on the demo Zoom list with
// "select all recordings matching this search", starts the export, and — when Zoom's session ends — signs in
// again and presses Resume in the toolbar popup. Each step waits as a person would, for what the page shows.
import type { Page } from 'playwright-core';
import { sleep, waitFor } from '../bench/util.ts';
import { patience } from '../patience.ts';
import type { SoakBrowser } from './browser.ts';
import type { Destination } from './options.ts';

const ROWS = 'tr.zm-table__row';
const ROW_BOX = '[data-testid="reclaim-row-checkbox"]';
export const SIGN_IN_AGAIN = 'Sign in to Zoom again, then press Resume.';

/** ZIP volumes of `mb` MB, through the options page as a user sets them. */
export async function setVolumeSize(browser: SoakBrowser, mb: number): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const input = page.getByTestId('reclaim-volume-mb');
    // The form fills in the stored settings after it renders; typing before that would be overwritten.
    await waitFor('the options form to load', patience(15_000), async () =>
      (await input.inputValue()) !== '' ? true : undefined,
    );
    await sleep(300);
    await input.fill(String(mb));
    await page.getByTestId('reclaim-save-settings').click();
    await page.getByText('Saved.').waitFor({ timeout: patience(15_000) });
  } finally {
    await page.close();
  }
}

/** Stores one S3 destination as the options page stores it (its form has tests of its own). */
export async function storeDestination(browser: SoakBrowser, destination: Record<string, string>): Promise<void> {
  const page = await browser.historyPage();
  await page.evaluate(
    (list) =>
      (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.local.set({
        destinations: list,
      }),
    [destination],
  );
}

/**
 * Opens the recordings list, selects everything Zoom lists (`recordings` of them, the still processing ones
 * included: the export skips those) and presses the bar's button for `destination`.
 */
export async function startExport(
  browser: SoakBrowser,
  destination: Destination,
  recordings: number,
  started: () => Promise<boolean>,
): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto('https://us06web.zoom.us/recording');
    await waitFor('Reclaim to put a checkbox in every row', patience(30_000), () =>
      page
        .evaluate(
          ([rows, box]) => {
            const found = [...document.querySelectorAll(rows as string)];
            return found.length > 0 && found.every((row) => row.querySelector(box as string)) ? true : undefined;
          },
          [ROWS, ROW_BOX],
        )
        .catch(() => undefined),
    );
    await page.getByTestId('reclaim-select-matching').click();
    const count = page.getByTestId('reclaim-selection-count');
    await waitFor(`the bar to count ${recordings} recordings`, patience(60_000), async () =>
      (await count.textContent())?.startsWith(`${recordings} selected`) ? true : undefined,
    );
    if (destination === 's3') await page.getByTestId('reclaim-s3-destination').waitFor();
    await page.getByTestId(`reclaim-export-${destination}`).click();
    // The user walks away (closing the tab) once the history lists the export, not before: the bar's message
    // to the extension must not be cut off.
    await waitFor('the export to be in the history', patience(60_000), async () =>
      (await started()) ? true : undefined,
    );
  } finally {
    await page.close();
  }
}

/** Opens the toolbar popup, and reads what it says about the newest export. */
async function popupJob(browser: SoakBrowser): Promise<{ popup: Page; state: string; text: string }> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const job = popup.getByTestId('reclaim-job').first();
  await job.waitFor({ timeout: patience(30_000) });
  return { popup, state: (await job.getAttribute('data-state')) ?? '', text: (await job.textContent()) ?? '' };
}

/**
 * The export paused because Zoom's session ended: the popup must say to sign in again; the user does, then
 * presses Resume there. Returns what the popup said, for the log.
 */
export async function signInAndResume(browser: SoakBrowser): Promise<string> {
  const { popup, state, text } = await popupJob(browser);
  try {
    if (state !== 'paused' || !text.includes(SIGN_IN_AGAIN)) {
      throw new Error(`the popup shows the export ${state} with "${text}", not paused with "${SIGN_IN_AGAIN}"`);
    }
    await browser.signIn();
    await popup.reload();
    await popup.getByTestId('reclaim-job-resume').first().click();
    return text;
  } finally {
    await popup.close();
  }
}
