// The scale run itself (issue 13, §4): a Zoom account of `recordings` meetings, every one chosen with "select
// all matching", exported to a folder with the popup open. Measures planning, the whole export, the popup's
// open time with the history full, and the worker's memory; checks every file on disk against the data set.
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { cpuLine } from '../bench/report.ts';
import { findBrowserPid, startSampling } from '../bench/rss.ts';
import { log, sleep } from '../bench/util.ts';
import { type Harness, startHarness } from '../e2e/harness.ts';
import { traceBrowser } from './browser-trace.ts';
import { type JobCounts, readHistory, timeFileScans, timePopupOpen } from './history.ts';
import { checkOnDisk, type DiskCheck } from './on-disk.ts';
import { PhaseProfiles } from './profiles.ts';
import { type MemorySampler, sampleWorkerMemory } from './worker-memory.ts';

const ROWS = 'tr.zm-table__row';
const ROW_BOX = '[data-testid="reclaim-row-checkbox"]';
const ENDED = new Set(['completed', 'completed-with-failures', 'failed', 'cancelled', 'paused']);

export interface ScaleFigures {
  recordings: number;
  selectMs: number;
  planningMs?: number;
  firstFileMs?: number;
  exportMs?: number;
  job?: JobCounts;
  fileRows: number;
  popupOpenEmptyMs: number;
  popupOpenRunningMs?: number;
  popupOpenMs?: number;
  /** The longest one read of the history (jobs, and the count of file rows) took in the open popup, by phase. */
  popupLagMaxMs: { planning: number; saving: number };
  /** One read of every file row of the export, and one cursor over them, 30 s into saving (history.ts). */
  fileScans?: { readAllMs: number; cursorMs: number; queuedCountMs: number };
  memory: ReturnType<MemorySampler['stop']>;
  /** Where the machine's CPU went while planning and while saving files, by kind of process. */
  cpu: { planning?: string; export?: string };
  disk?: DiskCheck;
}

let harness: Harness | undefined;

export async function closeRun(): Promise<void> {
  await harness?.close();
}

/** "Select all matching" on the list page; returns how long until the bar counts every meeting. */
async function selectAllMatching(page: Page, count: number): Promise<number> {
  await page.goto('https://us06web.zoom.us/recording');
  await page.locator(`${ROWS} ${ROW_BOX}`).first().waitFor();
  const started = Date.now();
  await page.getByTestId('reclaim-select-matching').click();
  const counted = page
    .getByTestId('reclaim-selection-count')
    .filter({ hasText: new RegExp(`^${count.toLocaleString('en-US')} selected`) });
  await counted.waitFor({ timeout: 20 * 60_000 });
  return Date.now() - started;
}

export async function runScale(recordings: number, timeoutMs: number): Promise<ScaleFigures> {
  harness = await startHarness({ dataset: { zoomMeetings: recordings, zoomSmallFiles: true } });
  const h = harness;
  const downloads = await h.profileDownloads();
  const browserPid = findBrowserPid(join(dirname(downloads), 'profile'));
  const popupOpenEmptyMs = await timePopupOpen(h);
  log(`popup opens in ${popupOpenEmptyMs} ms with an empty history`);

  const page = await h.context.newPage();
  const selectMs = await selectAllMatching(page, recordings);
  log(`"select all matching" counted ${recordings} recordings in ${(selectMs / 1000).toFixed(1)} s`);

  // The popup stays open for the whole export, as the issue asks; it is also the page the history is read from.
  const popup = await h.context.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
  const memory = await sampleWorkerMemory(h, popup, browserPid);
  const figures: Omit<ScaleFigures, 'memory' | 'fileRows'> = {
    recordings,
    selectMs,
    popupOpenEmptyMs,
    popupLagMaxMs: { planning: 0, saving: 0 },
    cpu: {},
  };
  const profiles = new PhaseProfiles(h, popup);
  await profiles.start();
  // What the planning asks of Zoom, counted at the portal: the requests per recording say where its time goes.
  h.portal.resetHits();
  let cpu = startSampling(browserPid, 2_000);
  const started = Date.now();
  await page.getByTestId('reclaim-export-folder').click();
  let lastLog = 0;
  let job: JobCounts | undefined;
  while (Date.now() - started < timeoutMs) {
    const asked = Date.now();
    const history = await readHistory(popup);
    const now = Date.now();
    const phase = figures.planningMs === undefined ? 'planning' : 'saving';
    figures.popupLagMaxMs[phase] = Math.max(figures.popupLagMaxMs[phase], now - asked);
    job = history.job;
    if (job?.planned && figures.planningMs === undefined) {
      figures.planningMs = now - started;
      figures.cpu.planning = cpuLine(cpu.stop(), figures.planningMs);
      cpu = startSampling(browserPid, 2_000);
      const asks = (['zoom.csrf', 'zoom.nak', 'zoom.detail'] as const).map((r) => `${r} ${h.portal.hits(r).length}`);
      log(`planned: ${job.fileCount} files in ${(figures.planningMs / 1000).toFixed(1)} s; asked ${asks.join(', ')}`);
    }
    if (job && job.filesDone > 0 && figures.firstFileMs === undefined) figures.firstFileMs = now - started;
    await profiles.update(job?.planned === true);
    // Once the history holds the whole plan and files have been saving for a while: the popup opened under load.
    const saving = figures.planningMs !== undefined && now - started - figures.planningMs > 30_000;
    if (saving && figures.popupOpenRunningMs === undefined) {
      figures.popupOpenRunningMs = await timePopupOpen(h, 1);
      if (job) figures.fileScans = await timeFileScans(popup, job.id);
      if (process.env.SCALE_TRACE === '1') log((await traceBrowser(h, popup, 30_000)).join('\n'));
      const { fileRows } = await readHistory(popup, true);
      log(`popup opens in ${figures.popupOpenRunningMs} ms during the export (${fileRows} file rows)`);
    }
    if (now - lastLog > 30_000) {
      lastLog = now;
      log(`${job?.state ?? 'no export yet'}: ${job?.filesDone ?? 0} of ${job?.fileCount ?? '?'} files done`);
    }
    if (job && ENDED.has(job.state)) break;
    await sleep(500);
  }
  if (job && ENDED.has(job.state)) figures.exportMs = Date.now() - started;
  figures.cpu.export = cpuLine(cpu.stop(), Date.now() - started - (figures.planningMs ?? 0));
  const memoryFigures = memory.stop();
  await profiles.stop();
  log(`export ended as ${job?.state ?? 'nothing'} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  figures.disk = checkOnDisk(join(downloads, 'Reclaim'), h.portal.dataset);
  figures.popupOpenMs = await timePopupOpen(h).catch(() => undefined);
  const { fileRows = 0 } = await readHistory(popup, true);
  return { ...figures, job, fileRows, memory: memoryFigures };
}
