// The export's history as the extension keeps it: its job and the state of each of its files, read straight
// from the extension's IndexedDB (db.ts) in an extension page, the way the popup reads it.
import type { Page } from 'playwright-core';

export interface HistoryJob {
  id: number;
  state: string;
  name: string;
  fileCount: number;
  filesDone: number;
  filesFailed: number;
  filesSkipped?: number;
  error?: { code: string; detail?: string };
  s3?: { prefix: string; copyId: string };
}

export interface HistoryFile {
  id: number;
  path: string;
  url: string;
  state: string;
  sizeBytes?: number;
  bytesDone: number;
  retries: number;
  error?: { code: string; detail?: string };
}

export interface History {
  job: HistoryJob;
  files: HistoryFile[];
}

/** The newest export and its files; undefined before there is one. */
export async function readHistory(page: Page): Promise<History | undefined> {
  // tsx names inner functions with `__name(...)`, which the page does not have (bench/util.ts, shimNames).
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('reclaim');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      if (!db.objectStoreNames.contains('jobs')) return undefined;
      const all = <T>(store: string) =>
        new Promise<T[]>((resolve, reject) => {
          const ask = db.transaction(store).objectStore(store).getAll();
          ask.onsuccess = () => resolve(ask.result as T[]);
          ask.onerror = () => reject(ask.error);
        });
      const job = (await all<HistoryJob>('jobs')).sort((a, b) => a.id - b.id).at(-1);
      if (!job) return undefined;
      const files = (await all<HistoryFile & { jobId: number }>('files')).filter((file) => file.jobId === job.id);
      const { id, state, name, fileCount, filesDone, filesFailed, filesSkipped, error, s3 } = job;
      return {
        job: { id, state, name, fileCount, filesDone, filesFailed, filesSkipped, error, s3 },
        files: files.map(({ id, path, url, state, sizeBytes, bytesDone, retries, error }) => ({
          id,
          path,
          url,
          state,
          sizeBytes,
          bytesDone,
          retries,
          error,
        })),
      };
    } finally {
      db.close();
    }
  });
}

/** How far the export has fetched: whole files once written or done, the bytes so far of the others. */
export function bytesFetched(history: History): number {
  return history.files.reduce((sum, file) => {
    const whole = file.state === 'written' || file.state === 'done';
    return sum + (whole ? (file.sizeBytes ?? file.bytesDone) : Math.min(file.bytesDone, file.sizeBytes ?? Infinity));
  }, 0);
}

export function isFinished(state: string): boolean {
  return ['completed', 'completed-with-failures', 'failed', 'cancelled'].includes(state);
}

/** The Zoom playId a file row was fetched by (`…/rec/download/<playId>`). */
export function playIdOf(file: HistoryFile): string | undefined {
  const match = /\/rec\/download\/([^/?#]+)/.exec(file.url);
  return match ? decodeURIComponent(match[1] as string) : undefined;
}
