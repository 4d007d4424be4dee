// Reclaim on a platform's recording pages: checkboxes in the rows of a list (or the one recording of a detail
// page), the bulk bar, and the exports and CSV lists they start. Site-neutral: everything about the platform
// comes from its RecordingPageSource. What the bar knows lives in one store (bar-state.ts's reducer); this file
// turns the page's and the platform's events into its actions.
import { render } from 'preact';
import { describeError, t } from '@/utils/i18n';
import type { Destination, Recording } from '@/utils/model';
import { clickedRange } from '@/utils/selection';
import { getSettings, saveSettings } from '@/utils/settings';
import { adapterFor } from '@/utils/sites/registry';
import type { PageRow, RecordingPageSource } from '@/utils/sites/site';
import { askArchived, completePlaces, markRow, removeArchivedMarks } from './archive-marks';
import { barFiles } from './bar-files';
import { barHost, errorText, reserveSpaceBelow } from './bar-host';
import { type BarAction, barReducer, initialBarState, suggestedExportName } from './bar-state';
import { createBarStore } from './bar-store';
import { cleanupActions } from './cleanup-files';
import { askForExport, S3Choice } from './export-command';
import { followExport } from './export-progress';
import { jobStatusText } from './job-status';
import { followNewFiles } from './new-files-check';
import { notifyOfferFor } from './notify-offer';
import { PageBar } from './PageBar';
import { followPageMenu } from './page-menu';
import { decorateRow, markUntickable, removeRowCheckboxes } from './row-checkbox';

// How long a list that the platform says is not empty may show no rows before we say we can't read it.
const UNREADABLE_AFTER_MS = 4_000;

export interface RecordingPage {
  /** The app moved to another address of the same list (another page, another search). */
  addressChanged(url: string): void;
  unmount(): void;
}

/** `single`: the page of one recording (a detail page), exported as it is. */
export function mountRecordingPage(source: RecordingPageSource, url: string, single = false): RecordingPage {
  const adapter = adapterFor(source.site);
  // A report the user brings is read by the platform's adapter, as the popup reads one.
  const readReport = adapter?.readReport;
  // The page's address as the content script was told it (later: the address the app moved to, or on
  // Collaborate its listing's); never read from `location` here. Its origin is the platform's, for good.
  let pageUrl = url;
  const origin = new URL(url).origin;
  const store = createBarStore(barReducer, initialBarState);
  const dispatch = (action: BarAction) => store.dispatch(action);
  const known = new Map<string, Recording>();
  const s3 = new S3Choice();
  let pending: ReturnType<typeof setTimeout> | undefined;
  let unreadableCheck: ReturnType<typeof setTimeout> | undefined;

  const siteName = adapter?.displayName ?? source.site;
  const { host, shadow, container, skip } = barHost();
  // The bar's height is kept free below the page (or the list's own scrolling box), so that it never covers the
  // platform's last rows or its pager.
  const room = reserveSpaceBelow(host, container, () => shownRows()[0]?.row);
  const say = (status: string) => dispatch({ type: 'say', status });
  const chosenRecordings = () => [...store.get().chosen.values()];
  const files = barFiles({
    source,
    pageUrl: () => pageUrl,
    chosen: chosenRecordings,
    select: (recordings) => {
      dispatch({ type: 'clear' });
      dispatch({ type: 'tick', recordings, chosen: true });
      return store.get().chosen.size;
    },
    place: shadow,
    say,
  });
  const cleanup = cleanupActions({
    source,
    adapter,
    origin,
    pageUrl: () => pageUrl,
    chosen: chosenRecordings,
    place: shadow,
    say,
    refresh: () => store.touch(),
    unselect: (ids) => {
      const gone = chosenRecordings().filter((recording) => ids.includes(recording.id));
      dispatch({ type: 'tick', recordings: gone, chosen: false });
    },
  });
  const notifyOffer = notifyOfferFor(() => store.touch());

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
      range ? store.get().anchor : undefined,
    );
    const recordings = rows.filter((row) => ids.includes(row.recordingId)).map(recordingOf);
    dispatch({ type: 'tick', recordings, chosen: checked, anchor: recordingId });
  }

  function shownRows(): PageRow[] {
    return store.get().problem || single ? [] : source.findRows(document);
  }

  /** The rows get their boxes, up to date with the selection; rows the listing has not told us about are asked for. */
  function decorateRows(): void {
    const rows = shownRows();
    const unknown = rows.filter((row) => !known.has(row.recordingId));
    if (unknown.length > 0) void loadListing(pageUrl, unknown.map((row) => row.recordingId).join(','));
    const { chosen, archived } = store.get();
    for (const row of rows) {
      const recording = recordingOf(row);
      decorateRow(row.row, recording, chosen.has(recording.id), toggle);
      markRow(row.row, archived.get(recording.id));
    }
    if (!single && !store.get().problem)
      for (const row of source.findAmbiguousRows?.(document) ?? []) markUntickable(row);
    // A redrawn layout may scroll in another container: the room below follows it.
    room.update();
  }

  // The platform's app re-renders its rows whenever it likes: decorate whatever appeared, in one pass.
  const observer = new MutationObserver(() => {
    clearTimeout(pending);
    pending = setTimeout(decorateRows, 30);
  });
  if (!single) observer.observe(document.body, { childList: true, subtree: true });
  const stopDecorating = store.subscribe(decorateRows);

  /** Asks the archive ledger about these recordings (or every one the page knows): the marks and the bar follow. */
  async function refreshArchived(ids = [...new Set([...known.keys(), ...store.get().chosen.keys()])]): Promise<void> {
    try {
      const recordings = await askArchived(source.site, origin, ids);
      dispatch({ type: 'archived', ids, recordings });
    } catch {
      // No answer (the worker restarting): asked once more a moment later.
      setTimeout(
        () =>
          void askArchived(source.site, origin, ids).then(
            (recordings) => dispatch({ type: 'archived', ids, recordings }),
            () => undefined,
          ),
        1_000,
      );
    }
  }

  /** Select archived / Select not yet archived: of the selection, or with none of the page's rows. */
  function selectArchived(wanted: boolean): void {
    const { chosen, archived } = store.get();
    const from = chosen.size > 0 ? [...chosen.values()] : shownRows().map(recordingOf);
    const kept = from.filter((recording) => completePlaces(archived.get(recording.id)).length > 0 === wanted);
    dispatch({ type: 'clear' });
    dispatch({ type: 'tick', recordings: kept, chosen: true });
  }

  function setProblem(text: string): void {
    dispatch({ type: 'problem', text });
    // Nothing half-decorated: every box we added goes, and no row gets one again.
    removeRowCheckboxes(document);
  }

  // Each view of the list (address and the rows it shows) is asked for once; a failed ask may be made again.
  const asked = new Set<string>();
  let listingFailure: string | undefined;
  async function loadListing(listUrl: string, rowsKey = ''): Promise<void> {
    const key = `${listUrl}|${rowsKey}`;
    if (asked.has(key)) return;
    asked.add(key);
    try {
      const shown = await source.loadShown(listUrl);
      for (const recording of shown) known.set(recording.id, recording);
      void refreshArchived(shown.map((recording) => recording.id));
      dispatch({ type: 'listed', recordings: shown.filter((recording) => !files.fromReport(recording.id)) });
      // The listing works again (a token that came later than the page): its earlier failure is old news.
      if (store.get().status === listingFailure) say('');
      clearTimeout(unreadableCheck);
      unreadableCheck = setTimeout(() => {
        if (shown.length > 0 && source.findRows(document).length === 0) setProblem(t('errorPageUnreadable'));
      }, UNREADABLE_AFTER_MS);
    } catch (error) {
      listingFailure = errorText(error, t('errorListingFailed'));
      say(listingFailure);
      setTimeout(() => asked.delete(key), 10_000);
    }
    store.touch();
  }

  async function loadOne(recordingUrl: string): Promise<void> {
    try {
      const recording = await source.loadOne?.(recordingUrl);
      if (!recording) return setProblem(t('errorPageUnreadable'));
      dispatch({ type: 'selectedMatching', recordings: [recording], status: '' });
      void refreshArchived([recording.id]);
    } catch (error) {
      say(errorText(error, t('errorListingFailed')));
    }
  }

  async function selectMatching(): Promise<void> {
    dispatch({ type: 'say', status: t('selectingMatching'), busy: true });
    try {
      const found = (await source.loadAllMatching?.(pageUrl)) ?? [];
      for (const recording of found) known.set(recording.id, recording);
      await refreshArchived(found.map((recording) => recording.id));
      dispatch({ type: 'selectedMatching', recordings: found, status: t('selectedMatching', found.length) });
    } catch (error) {
      dispatch({ type: 'say', status: errorText(error, t('errorListingFailed')), busy: false });
    }
  }

  // As the bar's buttons: nothing while an export of this page runs, nothing without recordings.
  const menu = single
    ? undefined
    : followPageMenu(source, {
        rows: shownRows,
        recordingOf,
        exportRecordings: (destination, destinationId, recordings) => {
          const count = recordings?.length ?? store.get().chosen.size;
          if (!store.get().busy && count > 0) void startExport(destination, recordings, destinationId);
        },
        selectMatching: () => void (store.get().busy ? undefined : selectMatching()),
        noRecording: () => say(t('menuNoRecording')),
      });
  // A selection from elsewhere (a report brought back) holds recordings the ledger was not asked about yet.
  const askedArchive = new Set<string>();
  const stopAskingArchive = store.subscribe(() => {
    const unasked = [...store.get().chosen.keys()].filter((id) => !askedArchive.has(id));
    for (const id of unasked) askedArchive.add(id);
    if (unasked.length > 0) void refreshArchived(unasked);
  });
  const stopNewFiles = followNewFiles({ site: source.site, origin, store, handOver: source.handOver });
  let ticked = 0;
  const stopTicked = store.subscribe(() => {
    const size = store.get().chosen.size;
    if (size === ticked) return;
    ticked = size;
    menu?.ticked(size);
  });

  const progress = followExport((job) => {
    notifyOffer.saw(job);
    const before = store.get().job;
    dispatch({ type: 'job', job, status: jobStatusText(job) });
    // An export of this page ended: what it archived is marked on the rows and counted in the bar.
    if (before && !store.get().job) {
      dispatch({ type: 'newFilesStale' });
      void refreshArchived();
    }
  });

  /** The bar's export buttons, and the context menu's entries (page-menu.ts) with their own recordings. */
  async function startExport(destination: Destination, given?: Recording[], destinationId?: string): Promise<void> {
    const recordings = given ?? chosenRecordings();
    if (destination === 's3') {
      await s3.load();
      const wanted = destinationId ?? store.get().s3Chosen ?? s3.chosen;
      const chosen = s3.destinations.find((choice) => choice.id === wanted)?.id ?? s3.chosen;
      dispatch({ type: 'chooseS3', id: chosen });
      if (!chosen) return say(t('barS3NoDestination'));
    }
    dispatch({ type: 'say', status: t('statusStarting', recordings.length), busy: true });
    // The background works with the page's newest credentials (a page reloaded after they ended gives new ones).
    await source.handOver?.().catch(() => undefined);
    const { exportName, chosen } = store.get();
    // The name the user gave in the bar, else what the bar suggested (the context menu's recordings, a page's
    // search included, get theirs).
    const suggested = suggestedExportName(
      siteName,
      source.searchOf?.(pageUrl) ?? '',
      given ? new Map(given.map((recording) => [recording.id, recording])) : chosen,
    );
    const reply = await askForExport({
      site: source.site,
      name: (given ? '' : exportName.trim()) || suggested,
      destination,
      destinationId: store.get().s3Chosen,
      recordings,
      origin,
      skipArchived: store.get().skipArchived,
      checkBucket: destination === 's3' && store.get().checkBucket,
    });
    if (reply.ok && reply.jobId !== undefined) progress.follow(reply.jobId);
    else if (!reply.ok) dispatch({ type: 'say', status: t('statusFailed', describeError(reply.error)), busy: false });
  }

  render(
    <PageBar
      store={store}
      single={single}
      shownRecordings={() => shownRows().map(recordingOf)}
      canSelectMatching={Boolean(source.loadAllMatching)}
      fileChoices={adapter?.fileChoices ?? []}
      s3Destinations={() => s3.destinations}
      notifyOffer={() => notifyOffer.offer()}
      canListFiles={Boolean(source.listFiles)}
      hasS3={() => s3.destinations.length > 0}
      siteName={siteName}
      search={() => source.searchOf?.(pageUrl) ?? ''}
      actions={{
        onSkippedFiles: (skipped) => {
          dispatch({ type: 'skippedFiles', skipped });
          // Remembered for the next export, here and in the options.
          void getSettings().then((settings) => saveSettings({ ...settings, skippedFiles: skipped }));
        },
        onSelectPage: (chosen) => dispatch({ type: 'tick', recordings: shownRows().map(recordingOf), chosen }),
        onSelectMatching: () => void selectMatching(),
        onClear: () => dispatch({ type: 'clear' }),
        onChooseS3: (id) => dispatch({ type: 'chooseS3', id }),
        onExport: (destination) => void startExport(destination),
        onSelectArchived: selectArchived,
        onCsv: (what) => void files.saveCsv(what),
        onJob: (command) => progress.send(command),
        onExportReport: source.report ? () => void files.exportReport() : undefined,
        importReport: readReport ? { read: (file) => readReport(file, origin), onConfirm: files.useReport } : undefined,
        cleanup,
      }}
    />,
    container,
  );

  void getSettings().then((settings) => dispatch({ type: 'skippedFiles', skipped: settings.skippedFiles }));
  if (single) void loadOne(url);
  else void loadListing(url);
  void s3.load().then(() => dispatch({ type: 'chooseS3', id: s3.chosen }));
  decorateRows();

  return {
    addressChanged(newUrl: string) {
      pageUrl = newUrl;
      if (single) void loadOne(newUrl);
      else void loadListing(newUrl);
    },
    unmount() {
      observer.disconnect();
      stopDecorating();
      room.stop();
      clearTimeout(pending);
      clearTimeout(unreadableCheck);
      progress.stop();
      cleanup.stop();
      stopTicked();
      stopAskingArchive();
      stopNewFiles();
      menu?.stop();
      render(null, container);
      host.remove();
      skip.remove();
      removeRowCheckboxes(document);
      removeArchivedMarks(document);
    },
  };
}
