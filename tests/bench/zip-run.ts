// One ZIP export through Reclaim, as a person does it: the demo Zoom list, "Select this page", "Download ZIP";
// timed from the click until the browser has the whole ZIP on disk (no `.crdownload` left).
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Harness } from '../e2e/harness.ts';
import { memoryAfterGc } from './after-gc.ts';
import { profileWorker, type WorkerProfiler } from './profile.ts';
import { type RssPeak, startSampling } from './rss.ts';
import { fileTimeline, type Timeline } from './timeline.ts';
import { fmtMB, log, mbps, shimNames, unzipTest, waitFor } from './util.ts';

const ROWS = 'tr.zm-table__row';
const ROW_BOX = '[data-testid="reclaim-row-checkbox"]';

export interface ZipResult {
  zipBytes: number;
  ms: number;
  peak: RssPeak;
  timeline?: Timeline;
  unzip: { ok: boolean; verdict: string; ms: number };
  /** Memory when the ZIP was saved, and after a collection in the worker (after-gc.ts). */
  afterGc: string;
}

export interface JobView {
  id: number;
  state: string;
  fileCount: number;
  filesDone: number;
  filesFailed: number;
  bytesDone: number;
  error?: unknown;
}

/** The newest export job, read straight from the extension's IndexedDB in the worker (no page needed). */
export async function newestJob(harness: Harness): Promise<JobView | undefined> {
  return (await shimNames(harness.worker)).evaluate(async (): Promise<JobView | undefined> => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('reclaim');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      if (!db.objectStoreNames.contains('jobs')) return undefined;
      const jobs = await new Promise<JobView[]>((resolve, reject) => {
        const all = db.transaction('jobs').objectStore('jobs').getAll();
        all.onsuccess = () => resolve(all.result as JobView[]);
        all.onerror = () => reject(all.error);
      });
      const job = jobs.sort((a, b) => a.id - b.id).at(-1);
      if (!job) return undefined;
      // Only the counters: the job's recordings and volumes are long lists of no interest here.
      const { id, state, fileCount, filesDone, filesFailed, bytesDone, error } = job;
      return { id, state, fileCount, filesDone, filesFailed, bytesDone, error };
    } finally {
      db.close();
    }
  });
}

/** One ZIP, no volumes: set through the options page as a user would, then read back from storage. */
export async function setOneZip(harness: Harness): Promise<void> {
  const page = await harness.context.newPage();
  try {
    await page.goto(`chrome-extension://${harness.extensionId}/options.html`);
    const input = page.getByTestId('reclaim-volume-mb');
    // The form loads the stored settings after it renders; typing before that would be overwritten.
    await waitFor('the options form to load', 15_000, async () =>
      (await input.inputValue()) !== '' ? true : undefined,
    );
    await page.waitForTimeout(300);
    await input.fill('0');
    await page.getByTestId('reclaim-save-settings').click();
    await page.getByText('Saved.').waitFor({ timeout: 15_000 });
    const stored = await (await shimNames(harness.worker)).evaluate(async () => {
      type Local = { get(key: string): Promise<Record<string, unknown>> };
      const api = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome;
      return (await api.storage.local.get('settings')).settings as { volumeBytes?: number } | undefined;
    });
    if (stored?.volumeBytes !== 0) throw new Error(`volume size not saved as 0: ${JSON.stringify(stored)}`);
  } finally {
    await page.close();
  }
}

/**
 * Every run of a benchmark sends every file again: Skip what is archived (the bar shows it once an earlier run in
 * this browser archived some to the same destination) unticked. Left ticked, a second run saves nothing.
 */
export async function sendEverythingAgain(page: Page): Promise<void> {
  await waitFor("the archive ledger's answer in the bar", 15_000, async () =>
    (await page.getByTestId('reclaim-bar').getAttribute('data-archive-known')) === 'true' ? true : undefined,
  );
  const skip = page.getByTestId('reclaim-skip-archived');
  if ((await skip.count()) > 0 && (await skip.isChecked())) await skip.click();
}

/** Opens the list and ticks "Select this page"; waits until exactly the ready meetings are selected. */
export async function selectFirstPage(page: Page, readyCount: number, processingCount: number): Promise<void> {
  await page.goto('https://us06web.zoom.us/recording');
  // Processing rows get a disabled box only once the listing is known: before that "select all" would pick them.
  await waitFor(
    'Reclaim to decorate the rows of the list',
    30_000,
    () =>
      page.evaluate(
        ([rows, box, ready, processing]) => {
          const found = [...document.querySelectorAll(rows as string)];
          const boxes = found.map((row) => row.querySelector<HTMLInputElement>(box as string));
          const disabled = boxes.filter((b) => b?.disabled).length;
          const ok = found.length === Number(ready) + Number(processing) && boxes.every(Boolean);
          return ok && disabled === Number(processing) ? true : undefined;
        },
        [ROWS, ROW_BOX, readyCount, processingCount] as const,
      ),
    { describe: () => `${readyCount} ready + ${processingCount} processing rows expected` },
  );
  await page.getByTestId('reclaim-select-all').check();
  const count = page.getByTestId('reclaim-selection-count');
  let seen = '';
  await waitFor(
    `"${readyCount} selected"`,
    15_000,
    async () => {
      seen = (await count.textContent()) ?? '';
      return seen.startsWith(`${readyCount} selected`) ? true : undefined;
    },
    { describe: () => seen },
  );
}

/** The finished ZIP in `dir`: a .zip and no part file left. */
function finishedZip(dir: string): string | undefined {
  const names = readdirSync(dir);
  const zip = names.find((name) => name.endsWith('.zip'));
  return zip && !names.some((name) => name.endsWith('.crdownload')) ? join(dir, zip) : undefined;
}

function bytesSoFar(dir: string): number {
  return readdirSync(dir).reduce(
    (sum, name) => sum + (statSync(join(dir, name), { throwIfNoEntry: false })?.size ?? 0),
    0,
  );
}

/**
 * Clicks "Download ZIP" on an already selected page, waits for the ZIP on disk while sampling the browser's RSS,
 * checks the job and the archive, deletes the ZIP. Fails early when the job says it failed.
 */
export async function zipExport(
  harness: Harness,
  page: Page,
  options: {
    label: string;
    browserPid: number;
    expectedBytes: number;
    expectedFiles: number;
    timeoutMs: number;
    /** Take a CPU profile of the worker meanwhile (slows the export a little). */
    profile?: boolean;
  },
): Promise<ZipResult> {
  await sendEverythingAgain(page);
  const dir = await harness.freshDownloads();
  const before = (await newestJob(harness))?.id ?? 0;
  const profiler: WorkerProfiler | undefined = options.profile ? await profileWorker(harness, page) : undefined;
  harness.portal.resetHits();
  const sampler = startSampling(options.browserPid);
  const start = Date.now();
  let lastReport = start;
  let lastJobCheck = start;
  let job: JobView | undefined;
  let zip: string;
  let peak: RssPeak;
  try {
    await page.getByTestId('reclaim-export-zip').click();
    zip = await waitFor(
      `the ZIP of ${options.label} in ${dir}`,
      options.timeoutMs,
      async () => {
        const done = finishedZip(dir);
        if (done) return done;
        const now = Date.now();
        if (now - lastJobCheck >= 2_000) {
          lastJobCheck = now;
          job = await newestJob(harness);
          if (job && job.id > before && /failed|cancelled/.test(job.state) && job.state !== 'completed-with-failures')
            throw new Error(`export ${options.label} ended ${job.state}: ${JSON.stringify(job.error)}`);
        }
        if (now - lastReport >= 5_000) {
          lastReport = now;
          const bytes = bytesSoFar(dir);
          const files = job && job.id > before ? `, job ${job.state} ${job.filesDone}/${job.fileCount} files` : '';
          log(`  ${options.label}: ${fmtMB(bytes)} on disk, ${mbps(bytes, now - start).toFixed(0)} MB/s${files}`);
        }
        return undefined;
      },
      { intervalMs: 100, describe: () => `${readdirSync(dir).join(', ') || 'nothing'}; job ${JSON.stringify(job)}` },
    );
  } finally {
    peak = sampler.stop();
  }
  const ms = Date.now() - start;
  const afterGc = await memoryAfterGc(harness, options.browserPid);
  const timeline = fileTimeline(harness, start, start + ms);
  if (profiler) for (const line of await profiler.stop()) log(line);
  try {
    const zipBytes = statSync(zip).size;
    log(`  ${options.label}: ZIP complete, ${fmtMB(zipBytes)} in ${(ms / 1000).toFixed(1)} s`);
    // The browser's "complete" reaches the job a moment after the file is renamed.
    const final = await waitFor('the job to finish', 30_000, async () => {
      const seen = await newestJob(harness);
      return seen && seen.id > before && !/queued|running/.test(seen.state) ? seen : undefined;
    });
    if (final.state !== 'completed' || final.filesDone !== options.expectedFiles) {
      throw new Error(`job ended ${final.state} with ${final.filesDone}/${options.expectedFiles} files done`);
    }
    if (zipBytes < options.expectedBytes) {
      throw new Error(`ZIP holds ${zipBytes} bytes, less than the ${options.expectedBytes} recording bytes`);
    }
    log(`  ${options.label}: unzip -t ...`);
    const unzip = await unzipTest(zip, 60_000 + options.expectedBytes / 20_000);
    log(`  ${options.label}: unzip -t: ${unzip.verdict} (${(unzip.ms / 1000).toFixed(1)} s)`);
    if (!unzip.ok) throw new Error(`unzip -t found errors in ${zip}: ${unzip.verdict}`);
    return { zipBytes, ms, peak, timeline, unzip, afterGc };
  } finally {
    rmSync(zip, { force: true });
  }
}
