// Reclaim on a platform's recording pages: checkboxes in the rows of a list (or the one recording of a detail
// page), the bulk bar, and the exports and CSV lists they start. Site-neutral: everything about the platform
// comes from its RecordingPageSource.
import { render } from 'preact';
import type { FileChoice } from '@/utils/file-choices';
import { describeError, t } from '@/utils/i18n';
import type { Destination, Recording } from '@/utils/model';
import { clickedRange, Selection } from '@/utils/selection';
import { getSettings, saveSettings } from '@/utils/settings';
import { adapterFor } from '@/utils/sites/registry';
import type { PageRow, RecordingPageSource } from '@/utils/sites/site';
import { BulkBar, type PageSelection } from './BulkBar';
import { barFiles } from './bar-files';
import { barHost, errorText } from './bar-host';
import { askForExport, S3Choice } from './export-command';
import { followExport } from './export-progress';
import { jobStatusText } from './job-status';
import { notifyOfferFor } from './notify-offer';
import { followPageMenu } from './page-menu';
import { decorateRow, removeRowCheckboxes } from './row-checkbox';

// How long a list that the platform says is not empty may show no rows before we say we can't read it.
const UNREADABLE_AFTER_MS = 4_000;

export interface RecordingPage {
  /** The app moved to another address of the same list (another page, another search). */
  addressChanged(url: string): void;
  unmount(): void;
}

/** `single`: the page of one recording (a detail page), exported as it is. */
export function mountRecordingPage(source: RecordingPageSource, url: string, single = false): RecordingPage {
  // A report the user brings is read by the platform's adapter, as the popup reads one.
  const readReport = adapterFor(source.site)?.readReport;
  const selection = new Selection();
  const known = new Map<string, Recording>();
  let status = '';
  const s3 = new S3Choice();
  let skippedFiles: FileChoice[] = [];
  let problem: string | undefined;
  let busy = false;
  let paused = false;
  let anchor: string | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let unreadableCheck: ReturnType<typeof setTimeout> | undefined;

  const { host, shadow, container } = barHost();
  const say = (text: string) => {
    status = text;
    draw();
  };
  const files = barFiles({ source, selection, place: shadow, say });
  const notifyOffer = notifyOfferFor(() => draw());

  const recordingOf = (row: PageRow): Recording =>
    known.get(row.recordingId) ?? {
      site: source.site,
      id: row.recordingId,
      title: row.title,
      startedAt: '',
      status: 'ready',
      columns: {},
    };

  /** A click on a row's box; with Shift, every row from the last one clicked to this one, like a file manager. */
  function toggle(recordingId: string, checked: boolean, range: boolean): void {
    const rows = shownRows();
    const ids = clickedRange(
      rows.map((row) => row.recordingId),
      recordingId,
      range ? anchor : undefined,
    );
    selection.set(rows.filter((row) => ids.includes(row.recordingId)).map(recordingOf), checked);
    anchor = recordingId;
  }

  function shownRows(): PageRow[] {
    return problem || single ? [] : source.findRows(document);
  }

  function pageSelection(rows: PageRow[]): PageSelection {
    const ready = rows.map(recordingOf).filter((recording) => recording.status === 'ready');
    const chosen = ready.filter((recording) => selection.has(recording.id)).length;
    return chosen === 0 ? 'none' : chosen === ready.length ? 'all' : 'some';
  }

  function draw(): void {
    const rows = shownRows();
    // Rows the listing has not told us about (the app moved on, or searched): ask for what the page shows now.
    const unknown = rows.filter((row) => !known.has(row.recordingId));
    if (unknown.length > 0) void loadListing(location.href, unknown.map((row) => row.recordingId).join(','));
    for (const row of rows) {
      const recording = recordingOf(row);
      decorateRow(row.row, recording, selection.has(recording.id), toggle);
    }
    render(
      <BulkBar
        single={single}
        count={selection.size}
        totalBytes={selection.totalBytes}
        processing={selection.processing}
        page={pageSelection(rows)}
        status={status}
        problem={problem}
        busy={busy}
        paused={paused}
        canSelectMatching={Boolean(source.loadAllMatching)}
        fileChoices={adapterFor(source.site)?.fileChoices ?? []}
        skippedFiles={skippedFiles}
        onSkippedFiles={(skipped) => void chooseFiles(skipped)}
        onSelectPage={(chosen) => selection.set(shownRows().map(recordingOf), chosen)}
        onSelectMatching={() => void selectMatching()}
        onClear={() => selection.clear()}
        s3Destinations={s3.destinations}
        s3Chosen={s3.chosen}
        onChooseS3={(id) => {
          s3.chosen = id;
          draw();
        }}
        onExport={(destination) => void startExport(destination)}
        onCsv={(what) => void files.saveCsv(what)}
        canListFiles={Boolean(source.listFiles)}
        onResume={() => progress.resume()}
        notifyOffer={notifyOffer.offer()}
        onExportReport={source.report ? () => void files.exportReport() : undefined}
        importReport={
          readReport ? { read: (file) => readReport(file, location.origin), onConfirm: files.useReport } : undefined
        }
      />,
      container,
    );
  }

  // The platform's app re-renders its rows whenever it likes: decorate whatever appeared, in one pass.
  const observer = new MutationObserver(() => {
    clearTimeout(pending);
    pending = setTimeout(draw, 30);
  });
  if (!single) observer.observe(document.body, { childList: true, subtree: true });
  const stopSelection = selection.subscribe(draw);

  function setProblem(text: string): void {
    problem = text;
    // Nothing half-decorated: every box we added goes, and no row gets one again.
    removeRowCheckboxes(document);
    draw();
  }

  // Each view of the list (address and the rows it shows) is asked for once; a failed ask may be made again.
  const asked = new Set<string>();
  let listingFailure: string | undefined;
  async function loadListing(pageUrl: string, rowsKey = ''): Promise<void> {
    const key = `${pageUrl}|${rowsKey}`;
    if (asked.has(key)) return;
    asked.add(key);
    try {
      const shown = await source.loadShown(pageUrl);
      for (const recording of shown) known.set(recording.id, recording);
      selection.refresh(shown.filter((recording) => !files.fromReport(recording.id)));
      // The listing works again (a token that came later than the page): its earlier failure is old news.
      if (status === listingFailure) status = '';
      clearTimeout(unreadableCheck);
      unreadableCheck = setTimeout(() => {
        if (shown.length > 0 && source.findRows(document).length === 0) setProblem(t('errorPageUnreadable'));
      }, UNREADABLE_AFTER_MS);
    } catch (error) {
      status = listingFailure = errorText(error, t('errorListingFailed'));
      setTimeout(() => asked.delete(key), 10_000);
    }
    draw();
  }

  async function loadOne(pageUrl: string): Promise<void> {
    try {
      const recording = await source.loadOne?.(pageUrl);
      if (!recording) return setProblem(t('errorPageUnreadable'));
      selection.replaceWithSearch([recording]);
    } catch (error) {
      status = errorText(error, t('errorListingFailed'));
      draw();
    }
  }

  async function selectMatching(): Promise<void> {
    status = t('selectingMatching');
    busy = true;
    draw();
    try {
      const found = await source.loadAllMatching?.(location.href);
      for (const recording of found ?? []) known.set(recording.id, recording);
      selection.replaceWithSearch(found ?? []);
      status = t('selectedMatching', found?.length ?? 0);
    } catch (error) {
      status = errorText(error, t('errorListingFailed'));
    }
    busy = false;
    draw();
  }

  async function chooseFiles(skipped: FileChoice[]): Promise<void> {
    skippedFiles = skipped;
    draw();
    // Remembered for the next export, here and in the options.
    await saveSettings({ ...(await getSettings()), skippedFiles: skipped });
  }

  // As the bar's buttons: nothing while an export of this page runs, nothing without recordings.
  const menu = single
    ? undefined
    : followPageMenu(source, {
        rows: shownRows,
        recordingOf,
        exportRecordings: (destination, destinationId, recordings = selection.recordings()) => {
          if (!busy && recordings.length > 0) void startExport(destination, recordings, destinationId);
        },
        selectMatching: () => void (busy ? undefined : selectMatching()),
        noRecording: () => say(t('menuNoRecording')),
      });
  const stopTicked = selection.subscribe(() => menu?.ticked(selection.size));

  const progress = followExport((job) => {
    status = jobStatusText(job);
    busy = job.state === 'queued' || job.state === 'running';
    paused = job.state === 'paused';
    notifyOffer.saw(job);
    draw();
  });

  async function loadDestinations(): Promise<void> {
    await s3.load();
    draw();
  }

  /** The bar's export buttons, and the context menu's entries (page-menu.ts) with their own recordings. */
  async function startExport(
    destination: Destination,
    recordings = selection.recordings(),
    destinationId?: string,
  ): Promise<void> {
    if (destination === 's3') {
      await loadDestinations();
      if (destinationId !== undefined) s3.chosen = s3.destinations.find((choice) => choice.id === destinationId)?.id;
      if (!s3.chosen) {
        status = t('barS3NoDestination');
        return draw();
      }
    }
    busy = true;
    paused = false;
    status = t('statusStarting', recordings.length);
    draw();
    // The background works with the page's newest credentials (a page reloaded after they ended gives new ones).
    await source.handOver?.().catch(() => undefined);
    const reply = await askForExport({ site: source.site, destination, destinationId: s3.chosen, recordings });
    if (reply.ok && reply.jobId !== undefined) progress.follow(reply.jobId);
    else if (!reply.ok) {
      busy = false;
      status = t('statusFailed', describeError(reply.error));
    }
    draw();
  }

  void getSettings().then((settings) => {
    skippedFiles = settings.skippedFiles;
    draw();
  });
  if (single) void loadOne(url);
  else void loadListing(url);
  void loadDestinations();
  draw();

  return {
    addressChanged(newUrl: string) {
      if (single) void loadOne(newUrl);
      else void loadListing(newUrl);
    },
    unmount() {
      observer.disconnect();
      stopSelection();
      clearTimeout(pending);
      clearTimeout(unreadableCheck);
      progress.stop();
      stopTicked();
      menu?.stop();
      render(null, container);
      host.remove();
      removeRowCheckboxes(document);
    },
  };
}
