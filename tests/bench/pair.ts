// One plain/ZIP pair on one browser: the recordings downloaded plainly, then the same ones as a ZIP through
// Reclaim, each with the browser's memory and CPU sampled. Pairs run one after the other, so plain and ZIP
// alternate and a slow spell of the shared machine hits both sides of some pair.
import type { Page } from 'playwright-core';
import type { Harness } from '../e2e/harness.ts';
import type { ZoomFile } from '../portal/dataset.ts';
import { plainDownload } from './plain.ts';
import { cpuLine, fmtKinds, fmtPeak, timelineLine } from './report.ts';
import { NODE_KIND, type RssPeak, startSampling } from './rss.ts';
import { fmtGB, GB, log, mbps } from './util.ts';
import { selectFirstPage, type ZipResult, zipExport } from './zip-run.ts';

export interface ExportSet {
  ready: number;
  processing: number;
  files: ZoomFile[];
  bytes: number;
}

export interface PairResult {
  label: string;
  plainMBps: number;
  zipMBps: number;
  plainPeak: RssPeak;
  zip: ZipResult;
  /** CPU seconds of all the browser's processes per GB saved, plain and ZIP: comparable across noisy runs. */
  plainCpuPerGB: number;
  zipCpuPerGB: number;
  /** CPU and timeline lines for the summary. */
  notes: string[];
}

export async function runPair(
  target: { harness: Harness; page: Page; browserPid: number },
  set: ExportSet,
  options: { label: string; window: number; timeoutMs: number; profile: boolean },
): Promise<PairResult> {
  const { harness, page, browserPid } = target;
  const { label } = options;
  log(`${label}: plain downloads, ${options.window} started at once ...`);
  const sampler = startSampling(browserPid);
  let plainPeak: RssPeak | undefined;
  const plain = await plainDownload(harness, set.files, {
    window: options.window,
    timeoutMs: options.timeoutMs,
  }).finally(() => {
    plainPeak = sampler.stop();
  });
  const plainMBps = mbps(plain.bytes, plain.ms);
  const notes = [`CPU plain ${label}: ${cpuLine(plainPeak as RssPeak, plain.ms)}`];
  log(`${label}: plain ${fmtGB(plain.bytes)} in ${(plain.ms / 1000).toFixed(1)} s = ${plainMBps.toFixed(1)} MB/s`);
  log(`${label}: ${notes[0]}; peak RSS ${fmtPeak(plainPeak as RssPeak)}`);

  log(`${label}: ZIP through Reclaim ...`);
  await selectFirstPage(page, set.ready, set.processing);
  const zip = await zipExport(harness, page, {
    label: `ZIP ${label}`,
    browserPid,
    expectedBytes: set.bytes,
    expectedFiles: set.files.length,
    timeoutMs: options.timeoutMs,
    profile: options.profile,
  });
  const zipMBps = mbps(set.bytes, zip.ms);
  notes.push(`CPU ZIP ${label}: ${cpuLine(zip.peak, zip.ms)}`);
  if (zip.timeline) notes.push(`files ZIP ${label}: ${timelineLine(zip.timeline, zip.ms)}`);
  log(`${label}: ZIP ${zipMBps.toFixed(1)} MB/s, ratio ZIP/plain ${(zipMBps / plainMBps).toFixed(2)}`);
  for (const note of notes.slice(1)) log(`${label}: ${note}`);
  log(`${label}: peak RSS during ZIP: ${fmtPeak(zip.peak)}, ${zip.peak.samples} samples`);
  log(`${label}: peak RSS during ZIP by kind: ${fmtKinds(zip.peak.byKind)}`);
  const plainCpuPerGB = browserCpuSeconds(plainPeak as RssPeak) / (set.bytes / GB);
  const zipCpuPerGB = browserCpuSeconds(zip.peak) / (set.bytes / GB);
  notes.push(
    `CPU seconds per GB ${label} (all browser processes): plain ${plainCpuPerGB.toFixed(1)}, ZIP ${zipCpuPerGB.toFixed(1)}, ZIP/plain ${(zipCpuPerGB / plainCpuPerGB).toFixed(2)}`,
  );
  log(`${label}: ${notes.at(-1)}`);
  return { label, plainMBps, zipMBps, plainPeak: plainPeak as RssPeak, zip, plainCpuPerGB, zipCpuPerGB, notes };
}

/** The browser's own CPU time in a phase: every process of its tree, not the portal or the benchmark. */
function browserCpuSeconds(peak: RssPeak): number {
  return Object.entries(peak.cpuSeconds)
    .filter(([kind]) => kind !== NODE_KIND)
    .reduce((sum, [, seconds]) => sum + seconds, 0);
}
