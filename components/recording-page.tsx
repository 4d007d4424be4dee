// Reclaim on a platform's recording pages: checkboxes in the rows of a list (or the one recording of a detail
// page), the bulk bar, and the exports and CSV lists they start. Site-neutral: everything about the platform
// comes from its RecordingPageSource. What the bar knows lives in one store (bar-state.ts's reducer); this file
// turns the page's and the platform's events into its actions.
import { render } from 'preact';
import { describeError, t } from '@/utils/i18n';
import type { Destination, Recording } from '@/utils/model';
import { getSettings, saveSettings } from '@/utils/settings';
import { adapterFor } from '@/utils/sites/registry';
import type { RecordingPageSource } from '@/utils/sites/site';
import { removeArchivedMarks } from './archive-marks';
import { barFiles } from './bar-files';
import { barHost } from './bar-host';
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
import { followPageRecordings } from './page-recordings';
import { removeRowCheckboxes } from './row-checkbox';

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
  const s3 = new S3Choice();

  const siteName = adapter?.displayName ?? source.site;
  const { host, shadow, container, skip } = barHost();
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
  const page = followPageRecordings({
    source,
    single,
    origin,
    store,
    host,
    container,
    pageUrl: () => pageUrl,
    files,
    say,
  });

  // As the bar's buttons: nothing while an export of this page runs, nothing without recordings.
  const menu = single
    ? undefined
    : followPageMenu(source, {
        rows: page.shownRows,
        recordingOf: page.recordingOf,
        exportRecordings: (destination, destinationId, recordings) => {
          const count = recordings?.length ?? store.get().chosen.size;
          if (!store.get().busy && count > 0) void startExport(destination, recordings, destinationId);
        },
        selectMatching: () => void (store.get().busy ? undefined : page.selectMatching()),
        noRecording: () => say(t('menuNoRecording')),
      });
  // A selection from elsewhere (a report brought back) holds recordings the ledger was not asked about yet.
  const askedArchive = new Set<string>();
  const stopAskingArchive = store.subscribe(() => {
    const unasked = [...store.get().chosen.keys()].filter((id) => !askedArchive.has(id));
    for (const id of unasked) askedArchive.add(id);
    if (unasked.length > 0) void page.refreshArchived(unasked);
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
      void page.refreshArchived();
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
      shownRecordings={() => page.shownRows().map(page.recordingOf)}
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
        onSelectPage: (chosen) =>
          dispatch({ type: 'tick', recordings: page.shownRows().map(page.recordingOf), chosen }),
        onSelectMatching: () => void page.selectMatching(),
        onClear: () => dispatch({ type: 'clear' }),
        onChooseS3: (id) => dispatch({ type: 'chooseS3', id }),
        onExport: (destination) => void startExport(destination),
        onSelectArchived: page.selectArchived,
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
  if (single) void page.loadOne(url);
  else void page.loadListing(url);
  void s3.load().then(() => dispatch({ type: 'chooseS3', id: s3.chosen }));
  page.decorateRows();

  return {
    addressChanged(newUrl: string) {
      pageUrl = newUrl;
      if (single) void page.loadOne(newUrl);
      else void page.loadListing(newUrl);
    },
    unmount() {
      page.stop();
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
