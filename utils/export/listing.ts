// Listing the files of chosen recordings the same way wherever it happens (the export's plan, the bar's files
// CSV), so that the names a list shows are the names the export gives.
import { uniquePathsByKey } from './naming';

/** Recordings whose files are asked for at once: the platforms are asked politely. */
export const RECORDINGS_AT_ONCE = 3;

/**
 * Runs `work` on every item, `size` at a time, keeping the input order in the result. A new one starts as soon as
 * one ends (never a whole batch waiting for its slowest), so a plan of ten thousand is not ten thousand waits.
 */
export async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

/** The paths with duplicates numbered by recording and file, not by the order of ticking (naming.ts). */
export function numberedPaths(files: Array<{ path: string; recordingId: string; url: string }>): string[] {
  return uniquePathsByKey(files.map((file) => ({ path: file.path, key: `${file.recordingId}\u0000${file.url}` })));
}
