// What a manager does on the demo Collaborate scheduler and with Reclaim's bar there, as reusable test steps;
// and what each saved file must hold, computed from the portal's dataset on its own (not with Reclaim's code).
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CollabRecording, PortalFile } from '../portal/dataset.ts';
import { mediaSha256 } from '../portal/media.ts';
import type { Harness } from './harness.ts';
import { ROW_BOX, waitForRowBoxes } from './zoom-steps.ts';

export const COLLAB_ROWS = 'li.recording-list__item';

/** Blackboard's recording report, its columns in its own order (SITES.md), written here again on purpose: the
 * tests check the adapter against what the platform writes, not against the adapter's own list. */
export const REPORT_COLUMNS = [
  'RecordingCreated',
  'SessionOwner',
  'SessionName',
  'SessionIdentifier',
  'SessionInstanceIdentifier',
  'NumberOfUniqueAttendees',
  'RecordingName',
  'RecordingLink',
  'RecordingDuration',
  'HasLiveCaptions',
  'StorageUsageGigabytes',
  'ContextIdentifier',
];

export const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

export function portalFileSha(file: PortalFile): string {
  return file.text ? sha(file.text) : mediaSha256(file.fileKey, file.sizeBytes);
}

/** The chat as readable text: one message a line, `[hh:mm:ss] speaker: message` (UTC), CRLF. */
export function expectedChat(recording: CollabRecording): string {
  return recording.chats
    .map(
      (message) =>
        `[${message.created.slice(11, 19)}] ${message.userName}: ${message.body.replace(/\r?\n/g, ' ↵ ')}\r\n`,
    )
    .join('');
}

/** Opens the scheduler with a fresh LTI token in its address and waits until Reclaim ticked boxes into its rows. */
export async function openScheduler(page: Page, harness: Harness, region = 'eu'): Promise<void> {
  await page.goto(harness.portal.schedulerUrl(region));
  await waitForRowBoxes(page, COLLAB_ROWS);
}

/** Ticks the rows of these recordings (found by their exact names, as the page shows no ids). */
export async function tickRecordings(page: Page, recordings: CollabRecording[]): Promise<void> {
  for (const recording of recordings) {
    const row = page.locator(COLLAB_ROWS).filter({ has: page.getByTitle(recording.name, { exact: true }) });
    await row.locator(ROW_BOX).check();
  }
  await expect
    .poll(() => page.getByTestId('reclaim-selection-count').textContent())
    .toMatch(`${recordings.length} selected`);
}

/** The folder a recording's files are in: `<date> <time> <name> (<id>)`; the name is made safe, so match loosely. */
export function folderOf(paths: string[], recording: CollabRecording): string {
  const folder = paths.find((path) => path.includes(`(${recording.id})/`));
  expect(folder, recording.id).toBeDefined();
  return (folder as string).slice(0, (folder as string).indexOf(`(${recording.id})/`) + recording.id.length + 2);
}
