// `npm run scale [recordings]` (or SCALE_RECORDINGS; 10,000 by default): issue 13's scale run. Not in `npm test`:
// ten thousand recordings take a long while on a 2-core machine. SCALE_TIMEOUT_MIN bounds the export (180).
// Ends with one line of figures; fails only where the issue sets a bar: planning under a minute, every file
// saved once (on disk and in the history), and a popup that renders.
import { runBench } from '../bench/util.ts';
import { buildSnapshot, removeSnapshot } from './build.ts';
import type { ScaleFigures } from './run.ts';

const recordings = Number(process.argv[2] ?? process.env.SCALE_RECORDINGS ?? 10_000);
const timeoutMs = Number(process.env.SCALE_TIMEOUT_MIN ?? 180) * 60_000;
const PLANNING_LIMIT_MS = 60_000;

const seconds = (ms: number | undefined) => (ms === undefined ? 'none' : (ms / 1000).toFixed(1));
const mb = (bytes: number | undefined) => (bytes === undefined ? 'none' : (bytes / 1_048_576).toFixed(1));

/** What fails the run, by the issue's own bars only; empty when it passes. */
function failures(f: ScaleFigures): string[] {
  const out: string[] = [];
  if (f.planningMs === undefined || f.planningMs >= PLANNING_LIMIT_MS) out.push('planning took a minute or more');
  if (f.exportMs === undefined) out.push('the export did not end in time');
  if (f.job?.state !== 'completed') out.push(`the export ended as ${f.job?.state ?? 'nothing'}`);
  const disk = f.disk;
  if (!disk || disk.missing > 0 || disk.extra > 0 || disk.partial > 0 || !disk.manifest)
    out.push(`on disk: ${JSON.stringify(disk)}`);
  if (disk && (f.job?.filesDone !== disk.expected || (f.job?.filesFailed ?? 0) > 0))
    out.push(`the history says ${f.job?.filesDone} done, ${f.job?.filesFailed} failed of ${disk.expected} files`);
  if (f.popupOpenMs === undefined) out.push('the popup did not render its history');
  return out;
}

function report(f: ScaleFigures): string[] {
  const { heap, rss, missed } = f.memory;
  const failed = failures(f);
  return [
    `SCALE recordings=${f.recordings} files=${f.job?.fileCount ?? 'none'} file-rows=${f.fileRows} ` +
      `select-s=${seconds(f.selectMs)} planning-s=${seconds(f.planningMs)} first-file-s=${seconds(f.firstFileMs)} ` +
      `export-s=${seconds(f.exportMs)} files-done=${f.job?.filesDone ?? 0} on-disk=${f.disk?.onDisk ?? 'none'}/${f.disk?.expected ?? 'none'}`,
    `SCALE popup-open-ms=${f.popupOpenMs ?? 'none'} popup-open-empty-ms=${f.popupOpenEmptyMs} ` +
      `popup-open-running-ms=${f.popupOpenRunningMs ?? 'none'} popup-lag-max-ms planning=${f.popupLagMaxMs.planning} ` +
      `saving=${f.popupLagMaxMs.saving}`,
    `SCALE file-rows-read-all-ms=${f.fileScans?.readAllMs ?? 'none'} file-rows-cursor-ms=${f.fileScans?.cursorMs ?? 'none'} ` +
      `queued-count-ms=${f.fileScans?.queuedCountMs ?? 'none'}`,
    `SCALE worker-heap-mb first=${mb(heap?.first)} peak=${mb(heap?.peak)} last=${mb(heap?.last)} ` +
      `(samples=${heap?.samples ?? 0}, missed=${missed}) ` +
      `extension-rss-mb first=${mb(rss?.first)} peak=${mb(rss?.peak)} last=${mb(rss?.last)}`,
    `SCALE cpu planning: ${f.cpu.planning ?? 'none'}`,
    `SCALE cpu saving: ${f.cpu.export ?? 'none'}`,
    failed.length === 0 ? 'SCALE PASS' : `SCALE FAIL: ${failed.join('; ')}`,
  ];
}

let close: () => Promise<void> = async () => undefined;

runBench(
  'scale',
  async () => {
    const built = buildSnapshot();
    // Read by the harness when it is loaded: set before the run's modules are imported.
    process.env.RECLAIM_EXTENSION_DIR = built.dir;
    console.log(`scale: ${recordings} recordings, extension built from the ${built.from}`);
    const run = await import('./run.ts');
    close = run.closeRun;
    const figures = await run.runScale(recordings, timeoutMs);
    const lines = report(figures);
    for (const line of lines) console.log(line);
    if (lines.at(-1) !== 'SCALE PASS') throw new Error('the scale run did not pass');
  },
  () => close().finally(removeSnapshot),
  timeoutMs + 30 * 60_000,
);
