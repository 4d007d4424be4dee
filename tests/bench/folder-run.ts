// One folder export through Reclaim, as a person does it: "Select this page", "Download to folder"; timed from the
// click until the job is completed, its files checked on disk (count and bytes) and then removed.
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import type { Harness } from '../e2e/harness.ts';
import { filesWithSizes, log, mbps, waitFor } from './util.ts';
import { newestJob, sendEverythingAgain } from './zip-run.ts';

export interface FolderResult {
  ms: number;
  bytes: number;
}

export async function folderExport(
  harness: Harness,
  page: Page,
  options: { label: string; expectedBytes: number; expectedFiles: number; timeoutMs: number },
): Promise<FolderResult> {
  const dir = await harness.profileDownloads();
  const before = new Set(filesWithSizes(dir).map((file) => file.path));
  const previous = (await newestJob(harness))?.id ?? 0;
  await sendEverythingAgain(page);
  const start = Date.now();
  await page.getByTestId('reclaim-export-folder').click();
  const job = await waitFor(
    `the folder export of ${options.label}`,
    options.timeoutMs,
    async () => {
      const seen = await newestJob(harness);
      if (!seen || seen.id <= previous) return undefined;
      if (/failed|cancelled|paused/.test(seen.state)) throw new Error(`folder ${options.label} ended ${seen.state}`);
      return seen.state === 'completed' ? seen : undefined;
    },
    { intervalMs: 100 },
  );
  const ms = Date.now() - start;
  const saved = filesWithSizes(dir).filter((file) => !before.has(file.path) && !file.path.endsWith('.csv'));
  const bytes = saved.reduce((sum, file) => sum + file.size, 0);
  // The export's one folder under "Reclaim/", removed for the next run.
  for (const folder of new Set(saved.map((file) => relative(dir, file.path).split('/').slice(0, 2).join('/')))) {
    rmSync(join(dir, folder), { recursive: true, force: true });
  }
  if (job.filesDone < options.expectedFiles || bytes < options.expectedBytes) {
    throw new Error(`folder ${options.label}: ${job.filesDone} files, ${bytes} bytes on disk`);
  }
  log(`  folder ${options.label}: ${(ms / 1000).toFixed(1)} s = ${mbps(options.expectedBytes, ms).toFixed(1)} MB/s`);
  return { ms, bytes };
}
