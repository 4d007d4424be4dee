// How the benchmark's numbers are written out: memory by kind of process, CPU by process, the file timeline.
import { formatCpu, type RssPeak } from './rss.ts';
import type { Timeline } from './timeline.ts';
import { fmtMB } from './util.ts';

/** The kind of process that runs the extension's service worker (and its offscreen document). */
export const EXTENSION = 'renderer (extension)';

export const fmtPeak = (peak: RssPeak) =>
  `sum ${fmtMB(peak.total)}, largest ${fmtMB(peak.largest)} (${peak.largestLabel}); extension process ${fmtMB(peak.byKind[EXTENSION] ?? 0)}`;

/** RSS by kind of process, biggest first: where the browser's memory sits. */
export const fmtKinds = (byKind: Record<string, number>) =>
  Object.entries(byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, bytes]) => `${kind} ${fmtMB(bytes)}`)
    .join(', ');

/** Where the CPU went in one phase; "other processes" is everything outside this benchmark (noise). */
export function cpuLine(peak: RssPeak, ms: number): string {
  const busy = Math.round(peak.machineBusy * 100);
  return `machine ${busy}% busy; ${formatCpu(peak.cpuSeconds, ms / 1000)}; other processes ${peak.otherSeconds.toFixed(1)} s`;
}

export function timelineLine(timeline: Timeline, ms: number): string {
  return [
    `first file asked for ${(timeline.startupMs / 1000).toFixed(1)} s after the click`,
    `${timeline.files} files one after the other, ${timeline.perFileMs.toFixed(0)} ms fixed cost each (median of the small files) = ${(timeline.overheadMs / 1000).toFixed(1)} s of ${(ms / 1000).toFixed(1)} s`,
    `big files stream at ${timeline.streamMBps.toFixed(0)} MB/s`,
  ].join('; ');
}
