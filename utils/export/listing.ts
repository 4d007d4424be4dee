// Listing the files of chosen recordings the same way wherever it happens (the export's plan, the bar's files
// CSV), so that the names a list shows are the names the export gives.
import { uniquePathsByKey } from './naming';

/** Recordings whose files are asked for at once: the platforms are asked politely. */
export const RECORDINGS_AT_ONCE = 3;

/** Runs `work` on every item, a few at a time, keeping the input order in the result. */
export async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  }
  return results;
}

/** The paths with duplicates numbered by recording and file, not by the order of ticking (naming.ts). */
export function numberedPaths(files: Array<{ path: string; recordingId: string; url: string }>): string[] {
  return uniquePathsByKey(files.map((file) => ({ path: file.path, key: `${file.recordingId}\u0000${file.url}` })));
}
