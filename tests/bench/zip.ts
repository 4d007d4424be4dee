// `npm run bench:zip`: how fast Reclaim's streamed ZIP is next to the browser's plain downloads of the same
// files, and whether its memory stays flat from a 2 GB to an 8 GB export. Not part of `npm test` (minutes of
// gigabytes). Exit code 1 on any failure or timeout; every browser, portal and downloaded byte is removed.
// `--link per-connection=20MB/s` measures a rate-limited link instead (zip-link.ts). RESULT lines end each run.
// BENCH_PROFILE=1 adds a CPU profile of the extension's worker during the first 2 GB ZIP (slows it a little).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { type Harness, startHarness } from '../e2e/harness.ts';
import { makeDataset, zoomFiles } from '../portal/dataset.ts';
import { crcStage } from './crc-stage.ts';
import { handoverStages } from './handover.ts';
import { type ExportSet, type PairResult, runPair } from './pair.ts';
import { EXTENSION, fmtKinds, fmtPeak } from './report.ts';
import { findBrowserPid, sampleTree } from './rss.ts';
import { workerStages } from './stages.ts';
import { elapsedSeconds, fmtGB, fmtMB, GB, log, MB, median, runBench, withTimeout } from './util.ts';
import { parseLink, zipLink } from './zip-link.ts';
import { setOneZip } from './zip-run.ts';

// 15 meetings all fit the portal's first page (15 a page); 2 of them are "processing", so 13 are exported.
const MEETINGS = 15;
// Scales every file of the same deterministic dataset: ≈2.07 GB and ≈8.1 GB in the same 75 files.
const SMALL_MEDIA = 120 * MB;
const BIG_MEDIA = 470 * MB;
// The plain baseline starts every file at once and lets Chrome queue them (it opens at most 6 connections per
// host): the download manager's own best, with no pacing of ours in the timed path. Trials with 1, 2, 4 and 6
// at a time were within the machine's noise of this. BENCH_PLAIN_WINDOW=n to try others.
const PLAIN_WINDOW = Number(process.env.BENCH_PLAIN_WINDOW ?? 1000);
const PROFILE = process.env.BENCH_PROFILE === '1';
// BENCH_QUICK=1: the two 2 GB pairs only (no stages, no 8 GB set): a before/after comparison in minutes, not half
// an hour. Its RESULT line is zip-loopback alone.
const QUICK = process.env.BENCH_QUICK === '1';
// BENCH_RUNS=1 with BENCH_QUICK: one pair per browser (a fresh browser for each run).
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
// Generous floors: anything slower than 15 MB/s is broken, not noisy.
const timeoutFor = (bytes: number) => 90_000 + bytes / 15_000;
const WATCHDOG_MS = 30 * 60_000;
const MEMORY_GOAL = 64 * MB;

function exportSet(mediaBytes: number): ExportSet & { options: { zoomMeetings: number; mediaBytes: number } } {
  const dataset = makeDataset({ zoomMeetings: MEETINGS, mediaBytes });
  const ready = dataset.zoomMeetings.filter((meeting) => meeting.status === 'completed');
  const files = ready.flatMap(zoomFiles);
  const bytes = files.reduce((sum, file) => sum + file.sizeBytes, 0);
  const options = { zoomMeetings: MEETINGS, mediaBytes };
  return { options, ready: ready.length, processing: MEETINGS - ready.length, files, bytes };
}

const open: Harness[] = [];

/** A portal with `set`'s data and a browser on it, set to save one ZIP; returns the browser's process id. */
async function launch(set: ReturnType<typeof exportSet>) {
  const harness = await withTimeout(
    'starting portal and browser',
    90_000,
    startHarness({ dataset: set.options, exposeGc: true }),
  );
  open.push(harness);
  // The harness keeps its profile beside the first download folder (harness.ts, makeProfile).
  const browserPid = findBrowserPid(join(dirname(harness.downloads), 'profile'));
  await setOneZip(harness);
  const page: Page = await harness.context.newPage();
  const idle = sampleTree(browserPid);
  log(`browser ${browserPid}: ${idle.count} processes, ${fmtMB(idle.total)} RSS idle: ${fmtKinds(idle.byKind)}`);
  return { harness, page, browserPid, idle };
}

async function closeAll(): Promise<void> {
  while (open.length > 0) await (open.pop() as Harness).close().catch(() => undefined);
}

function build(): void {
  log('building the extension (npx wxt build) ...');
  const run = spawnSync('npx', ['wxt', 'build'], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) {
    throw new Error(`wxt build failed (${run.status ?? run.signal}): ${(run.stdout + run.stderr).slice(-2000)}`);
  }
  log('built .output/chrome-mv3');
}

async function main(): Promise<void> {
  log(`load average ${loadavg().map((value) => value.toFixed(2))}`);
  build();
  const link = process.argv.indexOf('--link');
  if (link >= 0) {
    const lines = await zipLink(parseLink(process.argv[link + 1] ?? ''), open);
    await closeAll();
    lines.push(`load average at the end ${loadavg().map((value) => value.toFixed(2))}`);
    console.log(`\n${lines.join('\n')}`);
    return;
  }
  const small = exportSet(SMALL_MEDIA);
  const big = exportSet(BIG_MEDIA);
  if (small.bytes < 2 * GB || big.bytes < 7.9 * GB || small.files.length !== big.files.length) {
    throw new Error(`dataset not as planned: ${small.bytes} / ${big.bytes} bytes, ${small.files.length} files`);
  }
  log(`2 GB set: ${small.ready} recordings, ${small.files.length} files, ${fmtGB(small.bytes)}`);
  log(`8 GB set: ${big.ready} recordings, ${big.files.length} files, ${fmtGB(big.bytes)}`);
  const window = Math.min(PLAIN_WINDOW, small.files.length);

  const first = await launch(small);
  const pairs: PairResult[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const label = `2 GB run ${run}`;
    const timeoutMs = timeoutFor(small.bytes);
    pairs.push(await runPair(first, small, { label, window, timeoutMs, profile: PROFILE && run === 1 }));
  }
  if (QUICK) {
    await closeAll();
    console.log(`\n${quickLines(pairs).join('\n')}`);
    return;
  }
  // Each stage of the ZIP path alone, in the worker, on the biggest file: which one sets the pace.
  const biggest = small.files.reduce((a, b) => (b.sizeBytes > a.sizeBytes ? b : a));
  const stages = await withTimeout('stage measurements in the worker', 120_000, workerStages(first.harness, biggest));
  const stageLine = `worker stages on one ${fmtMB(stages.bytes)} file (best of 3): fetch alone ${stages.fetchMBps.toFixed(0)} MB/s (chunks of ${stages.chunkKB.toFixed(0)} KiB on average), fetch + bytewise CRC-32 (client-zip's own, replaced in Reclaim's build) ${stages.fetchCrcMBps.toFixed(0)} MB/s, the same through 3 stream layers like Reclaim's ${stages.layersMBps.toFixed(0)} MB/s, bytewise CRC-32 alone ${stages.crcMBps.toFixed(0)} MB/s`;
  log(stageLine);
  const crc = await withTimeout('CRC-32 in the worker', 120_000, crcStage(first.harness));
  const crcLine = `CRC-32 in the worker on 64 KiB blocks (best of 3 × 128 MB): Reclaim's slicing-by-16 ${crc.slicedMBps.toFixed(0)} MB/s, bytewise ${crc.bytewiseMBps.toFixed(0)} MB/s (${(crc.slicedMBps / crc.bytewiseMBps).toFixed(1)}x)`;
  log(crcLine);
  // The same again, handed to the download manager by the worker as Reclaim's ZIP is, but without Reclaim.
  const relayFiles = [...small.files].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 8);
  const handover = await withTimeout('hand-over measurements', 300_000, handoverStages(first.harness, relayFiles));
  const handoverLine = `worker Response -> download manager: a stream made in the worker alone ${handover.genMBps.toFixed(0)} MB/s; the ${handover.relayFiles} biggest files (${fmtGB(handover.relayBytes)}) fetched + bytewise CRC-32 + handed over, without client-zip or the database, ${handover.relayMBps.toFixed(0)} MB/s (${handover.relayNoCrcMBps.toFixed(0)} MB/s without the CRC-32)`;
  log(handoverLine);
  await closeAll();

  // The same sequence (plain, then ZIP) on a new portal and browser with 4× bigger files.
  log('8 GB (new portal and browser) ...');
  const second = await launch(big);
  const bigPair = await runPair(second, big, {
    label: '8 GB',
    window,
    timeoutMs: timeoutFor(big.bytes),
    profile: false,
  });
  await closeAll();

  // The 2 GB side of the memory comparison is the higher of its runs: the less flattering choice for the goal.
  const smallPeak = pairs.map((pair) => pair.zip.peak).reduce((a, b) => (b.total > a.total ? b : a));
  const growth = bigPair.zip.peak.total - smallPeak.total;
  const all = [...pairs, bigPair];
  const lines = [
    '===== Reclaim ZIP benchmark =====',
    `data: ${small.ready} recordings, ${small.files.length} files; ${fmtGB(small.bytes)} and ${fmtGB(big.bytes)}`,
    `plain baseline: chrome.downloads.download from the worker, ${
      window === small.files.length ? `all ${window} files started at once (Chrome queues them)` : `${window} at a time`
    }; ZIP: "Select this page" + "Download ZIP", click to complete file`,
    ...all.map(
      (pair) =>
        `${pair.label}: plain ${pair.plainMBps.toFixed(1)} MB/s, ZIP ${pair.zipMBps.toFixed(1)} MB/s (${(pair.zip.ms / 1000).toFixed(1)} s), ratio ${(pair.zipMBps / pair.plainMBps).toFixed(2)}`,
    ),
    ...all.map((pair) => `unzip -t ${pair.label}: ${pair.zip.unzip.verdict}`),
    `RSS idle before exporting: ${fmtMB(first.idle.total)} (2 GB browser), ${fmtMB(second.idle.total)} (8 GB browser); extension process ${fmtMB(first.idle.byKind[EXTENSION] ?? 0)}, ${fmtMB(second.idle.byKind[EXTENSION] ?? 0)}`,
    ...all.map((pair) => `peak RSS ZIP ${pair.label}: ${fmtPeak(pair.zip.peak)}`),
    ...all.map((pair) => `after ZIP ${pair.label}: ${pair.zip.afterGc}`),
    `peak RSS 8 GB - 2 GB (higher 2 GB run): sum ${fmtMB(growth)}, largest process ${fmtMB(
      bigPair.zip.peak.largest - smallPeak.largest,
    )}; goal 8 GB peak <= 2 GB peak + 64 MB: ${growth <= MEMORY_GOAL ? 'met' : 'NOT met'}`,
    ...all.flatMap((pair) => pair.notes),
    stageLine,
    crcLine,
    handoverLine,
    `total time: ${elapsedSeconds().toFixed(0)} s; load average at the end ${loadavg().map((value) => value.toFixed(2))}`,
    `CPU seconds per GB, median of the 2 GB runs: plain ${median(pairs.map((p) => p.plainCpuPerGB)).toFixed(1)}, ZIP ${median(pairs.map((p) => p.zipCpuPerGB)).toFixed(1)}, ratio ZIP/plain ${median(pairs.map((p) => p.zipCpuPerGB / p.plainCpuPerGB)).toFixed(2)}`,
    `RESULT zip-loopback ${median(pairs.map((p) => p.zipMBps / p.plainMBps)).toFixed(2)} (goal 0.5)`,
    `RESULT zip-memory-8gb ${(growth / MB).toFixed(0)} MB (goal 64)`,
  ];
  console.log(`\n${lines.join('\n')}`);
}

/** BENCH_QUICK's report: each 2 GB pair, and their medians. */
function quickLines(pairs: PairResult[]): string[] {
  return [
    '===== Reclaim ZIP benchmark (BENCH_QUICK: 2 GB pairs only) =====',
    ...pairs.map(
      (pair) =>
        `${pair.label}: plain ${pair.plainMBps.toFixed(1)} MB/s, ZIP ${pair.zipMBps.toFixed(1)} MB/s, ratio ${(pair.zipMBps / pair.plainMBps).toFixed(2)}; CPU s/GB plain ${pair.plainCpuPerGB.toFixed(1)}, ZIP ${pair.zipCpuPerGB.toFixed(1)}; unzip -t ${pair.zip.unzip.verdict}`,
    ),
    ...pairs.map((pair) => `peak RSS ZIP ${pair.label}: ${fmtPeak(pair.zip.peak)}`),
    `total time: ${elapsedSeconds().toFixed(0)} s; load average at the end ${loadavg().map((value) => value.toFixed(2))}`,
    `CPU seconds per GB, median: plain ${median(pairs.map((p) => p.plainCpuPerGB)).toFixed(1)}, ZIP ${median(pairs.map((p) => p.zipCpuPerGB)).toFixed(1)}, ratio ZIP/plain ${median(pairs.map((p) => p.zipCpuPerGB / p.plainCpuPerGB)).toFixed(2)}`,
    `RESULT zip-loopback ${median(pairs.map((p) => p.zipMBps / p.plainMBps)).toFixed(2)} (goal 0.5)`,
  ];
}

runBench('bench:zip', main, closeAll, WATCHDOG_MS);
