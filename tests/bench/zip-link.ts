// `npm run bench:zip -- --link per-connection=20MB/s`: what a user on a real link meets. The demo portal sends
// every media answer no faster than the given rate (a CDN's per-connection limit, tests/portal/faults.ts), and the
// same files are saved three ways on one browser, in turns: plain downloads three at a time (what the browser
// gives without Reclaim), Reclaim's ZIP (ranged parts over its connections) and Reclaim's folder export.
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { type Harness, startHarness } from '../e2e/harness.ts';
import { makeDataset, zoomFiles } from '../portal/dataset.ts';
import { folderExport } from './folder-run.ts';
import { plainDownload } from './plain.ts';
import { findBrowserPid } from './rss.ts';
import { fmtGB, log, MB, mbps, median, shimNames, withTimeout } from './util.ts';
import { selectFirstPage, setOneZip, zipExport } from './zip-run.ts';

const MEETINGS = 15;
// ≈1 GB in the 75 files of zip.ts's set: long enough at 60 MB/s, short enough for three turns of each.
const MEDIA_BYTES = 60 * MB;
const RUNS = 3;
const PLAIN_AT_ONCE = 3;
// BENCH_CONNECTIONS=n tries another number of ZIP connections than the setting's default.
const CONNECTIONS = process.env.BENCH_CONNECTIONS ? Number(process.env.BENCH_CONNECTIONS) : undefined;

/** Sets the ZIP's connections in the stored settings, as the options page would save them. */
async function setConnections(harness: Harness, connections: number): Promise<void> {
  await (await shimNames(harness.worker)).evaluate(async (count: number) => {
    type Local = { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local;
    const settings = ((await local.get('settings')).settings ?? {}) as object;
    await local.set({ settings: { ...settings, connections: count } });
  }, connections);
}

/** "per-connection=20MB/s" → bytes per second. */
export function parseLink(spec: string): number {
  const match = /^per-connection=(\d+(?:\.\d+)?)MB\/s$/.exec(spec);
  if (!match) throw new Error(`--link wants per-connection=<n>MB/s, not "${spec}"`);
  return Number(match[1]) * MB;
}

export async function zipLink(rate: number, open: Harness[]): Promise<string[]> {
  const dataset = makeDataset({ zoomMeetings: MEETINGS, mediaBytes: MEDIA_BYTES });
  const ready = dataset.zoomMeetings.filter((meeting) => meeting.status === 'completed');
  const files = ready.flatMap(zoomFiles);
  const bytes = files.reduce((sum, file) => sum + file.sizeBytes, 0);
  const harness = await withTimeout(
    'starting portal and browser',
    90_000,
    startHarness({ dataset: { zoomMeetings: MEETINGS, mediaBytes: MEDIA_BYTES } }),
  );
  open.push(harness);
  const browserPid = findBrowserPid(join(dirname(harness.downloads), 'profile'));
  await setOneZip(harness);
  if (CONNECTIONS) await setConnections(harness, CONNECTIONS);
  const page: Page = await harness.context.newPage();
  harness.portal.setFault('zoom.media', { bytesPerSecond: rate });
  const timeoutMs = 120_000 + (bytes / rate) * 1000 * 3;
  log(`link: ${rate / MB} MB/s per answer; ${ready.length} recordings, ${files.length} files, ${fmtGB(bytes)}`);
  const runs: Array<{ plain: number; zip: number; folder: number }> = [];
  for (let run = 1; run <= RUNS; run++) {
    const plain = await plainDownload(harness, files, { window: PLAIN_AT_ONCE, timeoutMs });
    log(`link run ${run}: plain ${mbps(bytes, plain.ms).toFixed(1)} MB/s`);
    await selectFirstPage(page, ready.length, MEETINGS - ready.length);
    const zip = await zipExport(harness, page, {
      label: `link run ${run}`,
      browserPid,
      expectedBytes: bytes,
      expectedFiles: files.length,
      timeoutMs,
    });
    log(`link run ${run}: ZIP ${mbps(bytes, zip.ms).toFixed(1)} MB/s`);
    await selectFirstPage(page, ready.length, MEETINGS - ready.length);
    const folder = await folderExport(harness, page, {
      label: `link run ${run}`,
      expectedBytes: bytes,
      expectedFiles: files.length,
      timeoutMs,
    });
    runs.push({ plain: mbps(bytes, plain.ms), zip: mbps(bytes, zip.ms), folder: mbps(bytes, folder.ms) });
  }
  const zipRatio = median(runs.map((run) => run.zip / run.plain));
  const folderRatio = median(runs.map((run) => run.folder / run.plain));
  return [
    `===== Reclaim ZIP on a link of ${rate / MB} MB/s per connection =====`,
    `data: ${ready.length} recordings, ${files.length} files, ${fmtGB(bytes)}; plain: ${PLAIN_AT_ONCE} downloads at a time; ZIP: ${CONNECTIONS ?? "Reclaim's default"} connections; folder: Reclaim's default files at once`,
    ...runs.map(
      (run, index) =>
        `run ${index + 1}: plain ${run.plain.toFixed(1)} MB/s, ZIP ${run.zip.toFixed(1)} MB/s (${(run.zip / run.plain).toFixed(2)}), folder ${run.folder.toFixed(1)} MB/s (${(run.folder / run.plain).toFixed(2)})`,
    ),
    `median ratio folder/plain: ${folderRatio.toFixed(2)}`,
    `RESULT zip-link ${zipRatio.toFixed(2)} (goal 0.9)`,
  ];
}
