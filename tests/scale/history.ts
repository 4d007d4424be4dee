// What the extension's history says, read from its IndexedDB by an extension page (the open popup), and how long
// the popup takes to show that history. Reading the database directly, not the popup's text, gives the moment the
// plan is written (`planned` and `fileCount` are set in one transaction, utils/export/plan.ts).
import type { Page } from 'playwright-core';
import { median } from '../bench/util.ts';
import type { Harness } from '../e2e/harness.ts';

export interface JobCounts {
  id: number;
  state: string;
  planned: boolean;
  fileCount: number;
  filesDone: number;
  filesFailed: number;
  filesSkipped: number;
  error?: unknown;
}

/**
 * The newest export (highest id), and with `countFiles` the number of file rows of every export: counting walks
 * every key of the table, so the run's frequent looks leave it out, to add no load of their own.
 */
export async function readHistory(page: Page, countFiles = false): Promise<{ job?: JobCounts; fileRows?: number }> {
  await page.evaluate('globalThis.__name ??= (fn) => fn'); // tsx keeps function names with a helper pages lack
  return page.evaluate(async (withCount) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('reclaim');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const ask = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    try {
      if (!db.objectStoreNames.contains('jobs')) return { fileRows: 0 };
      const tx = db.transaction(['jobs', 'files']);
      const newest = await ask(tx.objectStore('jobs').openCursor(null, 'prev'));
      const fileRows = withCount ? await ask(tx.objectStore('files').count()) : undefined;
      const stored = newest?.value as (JobCounts & { planned?: boolean; filesSkipped?: number }) | undefined;
      if (!stored) return { fileRows };
      const { id, state, fileCount, filesDone, filesFailed, error } = stored;
      const job = { id, state, fileCount, filesDone, filesFailed, error };
      return { job: { ...job, planned: stored.planned === true, filesSkipped: stored.filesSkipped ?? 0 }, fileRows };
    } finally {
      db.close();
    }
  }, countFiles);
}

/**
 * Milliseconds from opening the popup's page in a new tab until its history is on screen (an export, or "no
 * exports yet"); the median of `times` opens. Throws when it never renders.
 */
export async function timePopupOpen(harness: Harness, times = 3, timeoutMs = 120_000): Promise<number> {
  const spent: number[] = [];
  for (let i = 0; i < times; i++) {
    const page = await harness.context.newPage();
    try {
      const started = Date.now();
      await page.goto(`chrome-extension://${harness.extensionId}/popup.html`, { timeout: timeoutMs });
      await page.locator('[data-testid="reclaim-job"], .empty').first().waitFor({ timeout: timeoutMs });
      spent.push(Date.now() - started);
    } finally {
      await page.close();
    }
  }
  return median(spent);
}

/**
 * Milliseconds for the two reads folder mode makes of every file row of an export each time a file ends
 * (continueFolder in utils/export/folder-export.ts: the rows by their `jobId` index, then a cursor over them that
 * counts the unfinished ones), timed from an extension page against the same database.
 */
export async function timeFileScans(
  page: Page,
  jobId: number,
): Promise<{ readAllMs: number; cursorMs: number; queuedCountMs: number }> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('reclaim');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const index = () => db.transaction('files').objectStore('files').index('jobId');
      let started = performance.now();
      await new Promise((resolve, reject) => {
        const all = index().getAll(IDBKeyRange.only(id));
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      });
      const readAllMs = performance.now() - started;
      started = performance.now();
      await new Promise<number>((resolve, reject) => {
        let open = 0;
        const walk = index().openCursor(IDBKeyRange.only(id));
        walk.onerror = () => reject(walk.error);
        walk.onsuccess = () => {
          const cursor = walk.result;
          if (!cursor) return resolve(open);
          const state = (cursor.value as { state: string }).state;
          if (state === 'queued' || state === 'running') open += 1;
          cursor.continue();
        };
      });
      const cursorMs = performance.now() - started;
      // The count continueFolder makes now at each file's end: the index alone, yet every queued key is walked.
      started = performance.now();
      await new Promise((resolve, reject) => {
        const byState = db.transaction('files').objectStore('files').index('[jobId+state]');
        const count = byState.count(IDBKeyRange.only([id, 'queued']));
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error);
      });
      const queuedCountMs = performance.now() - started;
      return {
        readAllMs: Math.round(readAllMs),
        cursorMs: Math.round(cursorMs),
        queuedCountMs: Math.round(queuedCountMs),
      };
    } finally {
      db.close();
    }
  }, jobId);
}
