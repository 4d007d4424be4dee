// One "Copy to S3" through Reclaim, as a person does it: the demo Zoom list, "Select this page", the S3
// destination, "Copy to S3"; timed from the click until the job is completed (the metadata log and manifest
// included), with the browser's memory sampled meanwhile.
import type { Page } from 'playwright-core';
import type { Harness } from '../e2e/harness.ts';
import type { ExportSet } from './pair.ts';
import { profileWorker, type WorkerProfiler } from './profile.ts';
import { type RssPeak, startSampling } from './rss.ts';
import { fmtMB, log, mbps, waitFor } from './util.ts';
import { selectFirstPage, sendEverythingAgain } from './zip-run.ts';

export interface CopyJobView {
  id: number;
  state: string;
  fileCount: number;
  filesDone: number;
  filesFailed: number;
  bytesDone: number;
  finishedAt?: number;
  s3?: { prefix: string; copyId: string };
  error?: unknown;
  /** The first failed files' errors, when there are any: what went wrong, for the report. */
  failures: unknown[];
}

/** Stores the destination as the options page does (its form has tests of its own); keeps the page for reads. */
export async function openExtensionPage(harness: Harness, destination: Record<string, string>): Promise<Page> {
  const page = await harness.context.newPage();
  await page.goto(`chrome-extension://${harness.extensionId}/options.html`);
  // tsx's keepNames wraps the named helpers of evaluated functions in `__name` (util.ts, shimNames).
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  await page.evaluate(
    (list) =>
      (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.local.set({
        destinations: list,
      }),
    [destination],
  );
  return page;
}

/**
 * The newest job, read from the extension's IndexedDB by an extension page: unlike the worker's handle, the
 * page stays valid if the browser stops and restarts the worker mid-copy.
 */
export function newestCopyJob(extensionPage: Page): Promise<CopyJobView | undefined> {
  return extensionPage.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('reclaim');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    try {
      if (!db.objectStoreNames.contains('jobs')) return undefined;
      const job = (await all<CopyJobView & { recordings: unknown }>('jobs')).sort((a, b) => a.id - b.id).at(-1);
      if (!job) return undefined;
      const { id, state, fileCount, filesDone, filesFailed, bytesDone, finishedAt, s3, error } = job;
      // Files are read only once something failed: the polling stays one small read.
      const failures =
        filesFailed > 0
          ? (await all<{ jobId: number; state: string; path: string; error?: unknown }>('files'))
              .filter((file) => file.jobId === id && file.state === 'failed')
              .slice(0, 3)
              .map((file) => ({ path: file.path, error: file.error }))
          : [];
      return { id, state, fileCount, filesDone, filesFailed, bytesDone, finishedAt, s3, error, failures };
    } finally {
      db.close();
    }
  });
}

export interface CopyResult {
  ms: number;
  peak: RssPeak;
  copyFolder: string;
}

/** Selects the first page, clicks "Copy to S3" and waits for `completed`; fails early when the job ends otherwise. */
export async function extensionCopy(
  target: { harness: Harness; page: Page; extensionPage: Page; browserPid: number },
  set: ExportSet,
  options: { label: string; timeoutMs: number; profile?: boolean },
): Promise<CopyResult> {
  const { harness, page, extensionPage, browserPid } = target;
  await selectFirstPage(page, set.ready, set.processing);
  await waitFor('the S3 destination in the bar', 15_000, async () =>
    (await page.getByTestId('reclaim-s3-destination').count()) === 1 ? true : undefined,
  );
  await sendEverythingAgain(page);
  const before = (await newestCopyJob(extensionPage))?.id ?? 0;
  const profiler: WorkerProfiler | undefined = options.profile ? await profileWorker(harness, page) : undefined;
  const sampler = startSampling(browserPid);
  const start = Date.now();
  let lastReport = start;
  let job: CopyJobView | undefined;
  let peak: RssPeak;
  try {
    await page.getByTestId('reclaim-export-s3').click();
    // Every 500 ms: each read costs the extension's process a database transaction.
    job = await waitFor(
      `the copy ${options.label} to complete`,
      options.timeoutMs,
      async () => {
        const seen = await newestCopyJob(extensionPage);
        if (!seen || seen.id <= before) return undefined;
        job = seen;
        if (seen.state === 'completed') return seen;
        if (!/queued|running/.test(seen.state)) {
          throw new Error(`copy ${options.label} ended ${seen.state}: ${JSON.stringify([seen.error, seen.failures])}`);
        }
        const now = Date.now();
        if (now - lastReport >= 5_000) {
          lastReport = now;
          const rate = mbps(seen.bytesDone, now - start).toFixed(0);
          log(
            `  ${options.label}: ${fmtMB(seen.bytesDone)} acknowledged, ${rate} MB/s, ${seen.filesDone}/${seen.fileCount} files`,
          );
        }
        return undefined;
      },
      { intervalMs: 500, describe: () => JSON.stringify(job) },
    );
  } finally {
    peak = sampler.stop();
    if (profiler) for (const line of await profiler.stop().catch(() => [])) log(line);
  }
  // The job's own end time (same clock): the half-second polling does not blur the duration.
  const ms = (job.finishedAt ?? Date.now()) - start;
  if (job.filesDone !== set.files.length || !job.s3) {
    throw new Error(`copy ${options.label} completed with ${job.filesDone}/${set.files.length} files`);
  }
  return { ms, peak, copyFolder: `${job.s3.prefix}/${job.s3.copyId}/` };
}
