// Memory once an export is over, then after a full collection in the extension's worker (the benchmarks'
// browsers expose gc(), `exposeGc` in the harness): what falls is garbage the collector had not come to yet
// (downloaded chunks, finished parts' Blobs and requests), what stays is memory the extension keeps.
import type { Harness } from '../e2e/harness.ts';
import { EXTENSION } from './report.ts';
import { sampleTree } from './rss.ts';
import { fmtMB } from './util.ts';

export async function memoryAfterGc(harness: Harness, browserPid: number): Promise<string> {
  const show = (sample: ReturnType<typeof sampleTree>) =>
    `extension ${fmtMB(sample.byKind[EXTENSION] ?? 0)}, browser ${fmtMB(sample.byKind.browser ?? 0)}`;
  const before = sampleTree(browserPid);
  await harness.worker.evaluate(() => {
    const scope = globalThis as { gc?: () => void };
    scope.gc?.();
    scope.gc?.();
  });
  // Blob data lives in the browser process until the worker lets go of it; give that a moment.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return `${show(before)}; after gc() in the worker: ${show(sampleTree(browserPid))}`;
}
