// One soak of one destination: a portal with enough recordings, a browser with the built extension, one export
// of everything, the platform's faults and the user's and browser's interruptions the whole time, then the
// check of what was saved against the platform and the history.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmtMB, log, sleep, waitFor } from '../bench/util.ts';
import { startS3Proxy } from '../e2e/s3-proxy.ts';
import { startLocalS3 } from '../e2e/s3-server.ts';
import { bucketReader } from '../e2e/s3-steps.ts';
import { startPortal } from '../portal/server.ts';
import { startSoakBrowser } from './browser.ts';
import { type EventKind, planEvents } from './events.ts';
import { PlatformFaults } from './faults.ts';
import { type Found, foundInBucket, foundInFolder, foundInZips } from './found.ts';
import { bytesFetched, type History, isFinished, readHistory } from './history.ts';
import { MemoryLog, type MemoryVerdict } from './memory.ts';
import type { Destination, SoakOptions } from './options.ts';
import { Pace } from './pace.ts';
import { SIGN_IN_AGAIN, setVolumeSize, signInAndResume, startExport, storeDestination } from './steps.ts';
import { portalTrail } from './trail.ts';
import { startUploadCount } from './upload-count.ts';
import { type Counts, compare, expectedFiles } from './verdict.ts';

export interface SoakResult {
  destination: Destination;
  counts: Counts;
  leftovers: string[];
  unaborted: number;
  memory: MemoryVerdict;
  minutes: number;
  faults: Record<string, number>;
  /** Why it failed; empty when it passed. */
  reasons: string[];
}

const BUCKET = 'reclaim-archive';
const ARCHIVE = {
  id: 'soak',
  name: 'Soak archive',
  bucket: BUCKET,
  region: 'eu-west-1',
  prefix: 'Soak/Zoom',
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
};
/** Files fetched at the same time: ZIP one after the other, folder and S3 three at a time (the default). */
const AT_ONCE: Record<Destination, number> = { zip: 1, folder: 3, s3: 3 };
/** Longer than a stall (a minute) plus the longest backoff (a minute) with nothing fetched: it hangs. */
const HANG_MS = 6 * 60_000;

/** Closes what the soak under way has open (browser, servers, folders): for Ctrl-C and the watchdog. */
export let closeRunning: () => Promise<void> = async () => undefined;

export async function soakOne(options: SoakOptions, destination: Destination): Promise<SoakResult> {
  const root = mkdtempSync(join(tmpdir(), `reclaim-soak-${destination}-`));
  const closers: (() => Promise<unknown>)[] = [async () => rmSync(root, { recursive: true, force: true })];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer().catch(() => undefined);
  };
  closeRunning = close;
  try {
    const portal = await startPortal({
      dataset: {
        seed: options.seed,
        zoomMeetings: options.meetings,
        mediaBytes: options.mediaBytes,
        ...(destination === 's3' && options.bigFileBytes > 0 ? { hugeFileBytes: options.bigFileBytes } : {}),
      },
    });
    closers.push(() => portal.close());
    let s3: { unfinished(): string[]; reader: ReturnType<typeof bucketReader>; describe(): string } | undefined;
    let amazonPort: number | undefined;
    if (destination === 's3') {
      const server = await startLocalS3(BUCKET);
      closers.push(() => server.close());
      const count = await startUploadCount(server.endpoint);
      closers.push(() => count.close());
      const proxy = await startS3Proxy(count.endpoint, { amazon: true });
      closers.push(() => proxy.close());
      const reader = bucketReader(server, BUCKET);
      closers.push(async () => reader.destroy());
      s3 = {
        unfinished: count.unfinished,
        reader,
        describe: () =>
          `multipart uploads: ${count.created.size} created, ${count.completed.size} completed, ${count.aborted.size} aborted`,
      };
      amazonPort = proxy.port;
    }
    const browser = await startSoakBrowser({ portal, root, headless: !options.headed, amazonPort });
    closers.push(() => browser.close());
    await browser.signIn();
    if (destination === 'zip') await setVolumeSize(browser, options.volumeMB);
    if (destination === 's3') await storeDestination(browser, ARCHIVE);

    const expected = expectedFiles(portal.dataset);
    const totalBytes = expected.reduce((sum, file) => sum + file.sizeBytes, 0);
    const runSec = options.minutes * 60;
    log(`${destination}: ${expected.length} files, ${fmtMB(totalBytes)}, for ${options.minutes} min`);
    const memory = new MemoryLog(browser.profile);
    closers.push(async () => memory.stop());
    const startedAt = Date.now();
    const pace = new Pace(totalBytes, startedAt + runSec * 1000);
    const faults = new PlatformFaults(
      portal,
      {
        faultEverySec: options.faultEverySec,
        firstStallSec: options.stallEverySec > 0 ? Math.round(runSec * 0.2) : Number.POSITIVE_INFINITY,
        stallEverySec: options.stallEverySec,
        seed: options.seed,
      },
      totalBytes / runSec / AT_ONCE[destination],
      startedAt,
    );
    const history = async (): Promise<History | undefined> =>
      readHistory(await browser.historyPage()).catch(() => undefined);
    await startExport(browser, destination, portal.dataset.zoomMeetings.length, async () => !!(await history()));

    const reasons: string[] = [];
    const events = planEvents(runSec, options.workerStopEverySec);
    const done: Record<EventKind, number> = { 'session expiry': 0, 'browser restart': 0, 'worker stop': 0 };
    let last: History | undefined;
    let lastFetched = -1;
    let progressAt = Date.now();
    let nextLineAt = 0;
    const seconds = () => (Date.now() - startedAt) / 1000;
    // Reads the history (every 5 s), steers the rate, injects faults; true once the export has ended.
    const watch = async (): Promise<boolean> => {
      faults.tick();
      const now = await history();
      if (!now) return false;
      last = now;
      const fetched = bytesFetched(now);
      faults.setRate(pace.next(faults.rate, fetched));
      if (fetched !== lastFetched) progressAt = Date.now();
      lastFetched = fetched;
      if (Date.now() >= nextLineAt) {
        nextLineAt = Date.now() + 30_000;
        const applied = Object.entries(faults.applied()).map(([kind, n]) => `${kind}:${n}`);
        log(
          `${destination}: ${now.job.state}, ${now.job.filesDone}/${expected.length} files done, ` +
            `${fmtMB(fetched)} of ${fmtMB(totalBytes)} fetched, ${Math.round(faults.rate / 1000)} KB/s a file, ` +
            `faults ${applied.join(' ')}, browser ${Math.round(memory.latestMB() ?? 0)} MB`,
        );
      }
      return isFinished(now.job.state);
    };

    const waitUntil = async (what: string, timeoutMs: number, check: (h: History) => boolean) =>
      waitFor(what, timeoutMs, async () => ((await watch()) || (last && check(last)) ? true : undefined), {
        intervalMs: 1_000,
        describe: () => `${last?.job.state} ${last?.job.error?.code ?? ''}`,
      });

    for (;;) {
      if (await watch()) break;
      const due = events[0] && seconds() >= events[0].atSec ? events.shift() : undefined;
      if (due) {
        log(`${destination}: ${due.kind}`);
        if (due.kind === 'worker stop') await browser.stopWorker();
        if (due.kind === 'browser restart') await browser.restart();
        if (due.kind === 'session expiry') {
          portal.expireSessions();
          await waitUntil('the export to pause for sign-in', 10 * 60_000, (h) => h.job.state === 'paused');
          if (isFinished(last?.job.state ?? '')) continue;
          await signInAndResume(browser);
          log(`${destination}: paused, the popup says "${SIGN_IN_AGAIN}"; signed in again, pressed Resume`);
        }
        done[due.kind] += 1;
        progressAt = Date.now();
      } else if (last?.job.state === 'paused') {
        reasons.push(`paused by itself at ${Math.round(seconds())} s: ${JSON.stringify(last.job.error)}`);
        log(`${destination}: ${reasons.at(-1)}; signing in and resuming to go on`);
        await signInAndResume(browser).catch((error) => reasons.push(String(error)));
      }
      if (Date.now() - progressAt > HANG_MS) {
        reasons.push(
          `hangs: nothing fetched for ${HANG_MS / 60_000} min at ${Math.round(seconds())} s (${last?.job.state})`,
        );
        break;
      }
      if (seconds() > 2 * runSec + 15 * 60) {
        reasons.push(`not finished after ${Math.round(seconds() / 60)} min`);
        break;
      }
      await sleep(5_000);
    }
    const minutes = seconds() / 60;
    const applied = faults.applied();
    faults.stop();
    log(`${destination}: ${last?.job.state} after ${minutes.toFixed(1)} min; checking`);

    // The browser may still be writing the last download it was told of.
    await waitFor('downloads to settle', 60_000, () => (partFiles(browser.downloads) ? undefined : true)).catch(
      () => undefined,
    );
    const final = (await history()) ?? last;
    if (!final) throw new Error('the export never appeared in the history');
    let found: Found;
    if (destination === 'zip') found = foundInZips(browser.downloads);
    else if (destination === 'folder') found = foundInFolder(browser.downloads);
    else found = await foundInBucket((s3 as { reader: ReturnType<typeof bucketReader> }).reader, copyFolder(final));
    const counts = compare(expected, final, found);
    counts.notes.push(...portalTrail(portal, final, startedAt));
    const unaborted = s3 ? s3.unfinished().length : 0;
    if (s3) log(`${destination}: ${s3.describe()}`);
    const memoryVerdict = memory.stop();

    if (final.job.state !== 'completed') reasons.push(`the export ended ${final.job.state}`);
    if (counts.exact !== counts.files) reasons.push(`${counts.files - counts.exact} files missing`);
    for (const [what, n] of Object.entries({ duplicates: counts.duplicates, corrupt: counts.corrupt })) {
      if (n > 0) reasons.push(`${n} ${what}`);
    }
    if (counts.failed > 0) reasons.push(`${counts.failed} files not done in the history`);
    if (counts.historyMismatch > 0) reasons.push(`${counts.historyMismatch} history mismatches`);
    if (found.leftovers.length > 0) reasons.push(`left over: ${found.leftovers.slice(0, 5).join(', ')}`);
    if (unaborted > 0) reasons.push(`${unaborted} multipart uploads neither completed nor aborted`);
    if (!memoryVerdict.flat) reasons.push('the browser grew over the run');
    if (minutes < options.minutes * 0.9) reasons.push(`over in ${minutes.toFixed(1)} of ${options.minutes} min`);
    for (const [kind, n] of Object.entries(done)) if (n === 0) reasons.push(`no ${kind} happened before the end`);
    return {
      destination,
      counts,
      leftovers: found.leftovers,
      unaborted,
      memory: memoryVerdict,
      minutes,
      faults: {
        ...applied,
        expiry: done['session expiry'],
        'worker-stops': done['worker stop'],
        restarts: done['browser restart'],
      },
      reasons,
    };
  } finally {
    await close();
  }
}

function partFiles(dir: string): boolean {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((name) => name.endsWith('.crdownload'));
}

function copyFolder(history: History): string {
  const copy = history.job.s3;
  if (!copy) throw new Error('the copy has no S3 folder in its history');
  return `${copy.prefix}/${copy.copyId}`;
}
