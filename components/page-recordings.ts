// The recordings of a platform's page as the bar sees them: the rows the list shows, each with its box and its
// archive mark kept up to date with the selection, and what the platform's listing and the archive ledger say of
// them (on a detail page, `single`, of its one recording). The room kept below the list follows the rows' layout.
import { t } from '@/utils/i18n';
import type { Recording } from '@/utils/model';
import { clickedRange } from '@/utils/selection';
import type { PageRow, RecordingPageSource } from '@/utils/sites/site';
import { askArchived, completePlaces, markRow } from './archive-marks';
import type { BarFiles } from './bar-files';
import { errorText, reserveSpaceBelow } from './bar-host';
import type { BarAction, BarState } from './bar-state';
import type { Store } from './bar-store';
import { decorateRow, markUntickable, removeRowCheckboxes } from './row-checkbox';

// How long a list that the platform says is not empty may show no rows before we say we can't read it.
const UNREADABLE_AFTER_MS = 4_000;

export interface PageRecordings {
  /** The rows the list shows now: none on a detail page, none once the page cannot be read. */
  shownRows(): PageRow[];
  /** A row's recording as the listing told it, else as the row itself says. */
  recordingOf(row: PageRow): Recording;
  decorateRows(): void;
  refreshArchived(ids?: string[]): Promise<void>;
  /** The platform's listing of this address, asked for once (again after a failure). */
  loadListing(listUrl: string): Promise<void>;
  /** A detail page's one recording, which becomes the selection. */
  loadOne(recordingUrl: string): Promise<void>;
  selectMatching(): Promise<void>;
  selectArchived(wanted: boolean): void;
  /** No more decorating, asking or room below; the boxes and marks stay until the page removes them. */
  stop(): void;
}

export function followPageRecordings(options: {
  source: RecordingPageSource;
  /** The page of one recording (a detail page): no rows to decorate. */
  single: boolean;
  /** The platform's origin, for the archive ledger. */
  origin: string;
  store: Store<BarState, BarAction>;
  /** The bar's element and its dock (bar-host.ts): the bar's height is what is kept free below the list. */
  host: HTMLElement;
  container: HTMLElement;
  /** The page's address now (later: the address the app moved to). */
  pageUrl(): string;
  files: Pick<BarFiles, 'fromReport'>;
  /** Shows a sentence in the bar. */
  say(status: string): void;
}): PageRecordings {
  const { source, single, origin, store, host, container, pageUrl, files, say } = options;
  const dispatch = (action: BarAction) => store.dispatch(action);
  const known = new Map<string, Recording>();
  let pending: ReturnType<typeof setTimeout> | undefined;
  let unreadableCheck: ReturnType<typeof setTimeout> | undefined;
  // The bar's height is kept free below the page (or the list's own scrolling box), so that it never covers the
  // platform's last rows or its pager.
  const room = reserveSpaceBelow(host, container, () => shownRows()[0]?.row);

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
    if (unknown.length > 0) void loadListing(pageUrl(), unknown.map((row) => row.recordingId).join(','));
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
      const found = (await source.loadAllMatching?.(pageUrl())) ?? [];
      for (const recording of found) known.set(recording.id, recording);
      await refreshArchived(found.map((recording) => recording.id));
      dispatch({ type: 'selectedMatching', recordings: found, status: t('selectedMatching', found.length) });
    } catch (error) {
      dispatch({ type: 'say', status: errorText(error, t('errorListingFailed')), busy: false });
    }
  }

  return {
    shownRows,
    recordingOf,
    decorateRows,
    refreshArchived,
    loadListing,
    loadOne,
    selectMatching,
    selectArchived,
    stop() {
      observer.disconnect();
      stopDecorating();
      room.stop();
      clearTimeout(pending);
      clearTimeout(unreadableCheck);
    },
  };
}
