// The baseline: the same recording files saved plainly by the browser's own download manager, started from the
// extension's service worker with chrome.downloads.download — what a user gets without any ZIP.
import { rmSync } from 'node:fs';
import type { Harness } from '../e2e/harness.ts';
import type { ZoomFile } from '../portal/dataset.ts';
import { filesWithSizes, shimNames, withTimeout } from './util.ts';

export interface PlainResult {
  bytes: number;
  files: number;
  /** From the first download() call to the last "complete" event, timed inside the worker. */
  ms: number;
}

interface Item {
  url: string;
  name: string;
}

interface Outcome {
  ms: number;
  interrupted: string[];
}

// Just the part of the chrome.downloads API the worker-side code below uses (the project has no @types/chrome).
interface DownloadsApi {
  download(options: { url: string; conflictAction: string }): Promise<number>;
  erase(query: { id: number }): Promise<unknown>;
  onChanged: {
    addListener(listener: (delta: DeltaLike) => void): void;
    removeListener(listener: (delta: DeltaLike) => void): void;
  };
}
interface DeltaLike {
  id: number;
  state?: { current?: string };
  error?: { current?: string };
}

/**
 * Runs inside the service worker: keeps `window` downloads going until all have ended. A small file may end
 * before download() has even told us its id, so endings are recorded by id first and matched afterwards.
 */
async function downloadAllInWorker(arg: { items: Item[]; window: number }): Promise<Outcome> {
  const api = (globalThis as unknown as { chrome: { downloads: DownloadsApi } }).chrome.downloads;
  const { items, window } = arg;
  const ended = new Map<number, string>(); // download id → "complete" or the interrupt reason
  const ours = new Map<number, string>(); // download id → file name
  const start = performance.now();
  let next = 0;
  let running = 0;
  let finished = 0;
  const interrupted: string[] = [];
  return await new Promise<Outcome>((resolve, reject) => {
    const settle = (id: number) => {
      const name = ours.get(id);
      const end = ended.get(id);
      if (name === undefined || end === undefined) return;
      ours.delete(id);
      running -= 1;
      finished += 1;
      if (end !== 'complete') interrupted.push(`${name}: ${end}`);
      void api.erase({ id }); // keep the browser's download list short for the runs that follow
      if (finished === items.length) {
        api.onChanged.removeListener(listener);
        resolve({ ms: performance.now() - start, interrupted });
      } else startMore();
    };
    const listener = (delta: DeltaLike) => {
      const state = delta.state?.current;
      if (state !== 'complete' && state !== 'interrupted') return;
      ended.set(delta.id, state === 'complete' ? 'complete' : (delta.error?.current ?? 'interrupted'));
      settle(delta.id);
    };
    const startMore = () => {
      while (running < window && next < items.length) {
        const item = items[next++] as Item;
        running += 1;
        api.download({ url: item.url, conflictAction: 'uniquify' }).then(
          (id) => {
            ours.set(id, item.name);
            settle(id);
          },
          (error: unknown) => reject(new Error(`download(${item.url}) failed: ${String(error)}`)),
        );
      }
    };
    api.onChanged.addListener(listener);
    startMore();
  });
}

/**
 * Downloads `files` into a new empty folder, checks the bytes on disk, deletes them, and returns the time.
 * No `filename` is passed: tried with profile downloads, it was not kept (the files landed in the downloads
 * root under the server's names) — Reclaim's onDeterminingFilename listener answers the extension's own
 * downloads that belong to no export with no suggestion. Same-named files are kept apart by Chrome's
 * "uniquify"; the count and byte total on disk are checked.
 */
export async function plainDownload(
  harness: Harness,
  files: ZoomFile[],
  options: { window: number; timeoutMs: number },
): Promise<PlainResult> {
  const dir = await harness.freshDownloads();
  const items: Item[] = files.map((file) => ({
    url: `https://us06web.zoom.us/rec/download/${encodeURIComponent(file.playId)}`,
    name: file.fileName,
  }));
  try {
    const outcome = await withTimeout(
      `plain downloads of ${files.length} files`,
      options.timeoutMs,
      (await shimNames(harness.worker)).evaluate(downloadAllInWorker, { items, window: options.window }),
    );
    if (outcome.interrupted.length > 0) {
      throw new Error(`plain downloads interrupted: ${outcome.interrupted.slice(0, 5).join('; ')}`);
    }
    const onDisk = filesWithSizes(dir);
    const bytes = onDisk.reduce((sum, file) => sum + file.size, 0);
    const expected = files.reduce((sum, file) => sum + file.sizeBytes, 0);
    if (onDisk.length !== files.length || bytes !== expected) {
      throw new Error(
        `plain downloads on disk: ${onDisk.length} files, ${bytes} bytes; expected ${files.length}, ${expected}`,
      );
    }
    return { bytes, files: onDisk.length, ms: outcome.ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
