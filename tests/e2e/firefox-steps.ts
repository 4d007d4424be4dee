// What a person does on the demo Zoom page and in Reclaim's popup in Firefox (firefox-harness.ts), as steps the
// Firefox tests share.
import { expect } from 'vitest';
import type { ZoomMeeting } from '../portal/dataset.ts';
import { FIND, type FirefoxHarness } from './firefox-harness.ts';
import { ROW_BOX, ROWS } from './zoom-steps.ts';

/** The meeting ids of the rows Reclaim decorated and can export (ready, not processing), in page order. */
export function readyRows(firefox: FirefoxHarness): Promise<string[]> {
  return firefox.run<string[]>(
    `return [...document.querySelectorAll(arguments[0])]
       .filter((row) => row.querySelector(arguments[1] + ':not([disabled])'))
       .map((row) => new URL(row.querySelector('a[href*="meeting_id="]').href).searchParams.get('meeting_id'));`,
    ROWS,
    ROW_BOX,
  );
}

/**
 * Opens Zoom's list, waits for `ready` decorated rows, ticks those from `from` to before `to`, and returns their
 * meetings. Only unticked boxes are clicked, again until the bar counts them: a click that lands while the list
 * re-renders is lost (seen once in CI).
 */
export async function openAndTick(
  firefox: FirefoxHarness,
  ready: number,
  from: number,
  to: number,
): Promise<ZoomMeeting[]> {
  await firefox.goto('https://us06web.zoom.us/recording');
  await expect.poll(async () => (await readyRows(firefox)).length).toBe(ready);
  const ids = (await readyRows(firefox)).slice(from, to);
  const tickUnticked = () =>
    firefox.clickEach(
      `return arguments[2].map((id) => {
         const row = [...document.querySelectorAll(arguments[0])]
           .find((r) => r.querySelector('a[href*="meeting_id=' + encodeURIComponent(id) + '"]'));
         const box = row?.querySelector(arguments[1]);
         return box && !box.checked ? box : null;
       }).filter(Boolean);`,
      ROWS,
      ROW_BOX,
      ids,
    );
  await expect
    .poll(async () => {
      await tickUnticked();
      return firefox.text('reclaim-selection-count');
    })
    .toMatch(new RegExp(`^${ids.length} selected · `));
  return ids.map((id) => {
    const meeting = firefox.portal.dataset.zoomMeetings.find((m) => m.meetingId === id);
    if (!meeting) throw new Error(`no meeting ${id}`);
    return meeting;
  });
}

/** The newest export's state in the popup, opened at the add-on's address. */
export async function newestState(firefox: FirefoxHarness): Promise<string | null> {
  await firefox.goto(`${firefox.extensionOrigin}/popup.html`);
  await expect
    .poll(() => firefox.run<number>('return document.querySelectorAll("[data-testid=reclaim-job]").length;'))
    .toBeGreaterThan(0);
  return firefox.run<string | null>('return document.querySelector("[data-testid=reclaim-job]").dataset.state;');
}

/**
 * Waits for the archive ledger's answer about the selection, then unticks Skip what is archived (shown only when
 * some of it is archived): these tests export everything again, whatever an earlier test archived.
 */
export async function exportEverything(firefox: FirefoxHarness): Promise<void> {
  await expect
    .poll(() =>
      firefox.run<string | null>(`${FIND} return find(document, 'reclaim-bar')?.dataset.archiveKnown ?? null;`),
    )
    .toBe('true');
  const skipping = await firefox.run<boolean>(
    `${FIND} return find(document, 'reclaim-skip-archived')?.checked === true;`,
  );
  if (skipping) await firefox.click('reclaim-skip-archived');
}
