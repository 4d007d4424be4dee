// Reclaim on a platform's recording list: checkboxes in the rows, the bulk bar, and the export they start.
// Site-neutral: everything about the platform comes from its RecordingPageSource.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { describeError, t } from '@/utils/i18n';
import type { Destination, Recording } from '@/utils/model';
import { type CommandReply, type JobSnapshot, PROGRESS_PORT, type ProgressMessage } from '@/utils/protocol';
import type { DestinationChoice } from '@/utils/s3/destination';
import { Selection } from '@/utils/selection';
import type { PageRow, RecordingPageSource } from '@/utils/sites/site';
import { BulkBar, type PageSelection } from './BulkBar';
import barStyles from './bulk-bar.css?inline';
import { jobStatusText } from './job-status';
import { decorateRow, removeRowCheckboxes } from './row-checkbox';

// How long a list that the platform says is not empty may show no rows before we say we can't read it.
const UNREADABLE_AFTER_MS = 4_000;

export interface RecordingPage {
  /** The app moved to another address of the same list (another page, another search). */
  addressChanged(url: string): void;
  unmount(): void;
}

export function mountRecordingPage(source: RecordingPageSource, url: string): RecordingPage {
  const selection = new Selection();
  const known = new Map<string, Recording>();
  let status = '';
  let s3Destinations: DestinationChoice[] = [];
  let s3Chosen: string | undefined;
  let problem: string | undefined;
  let busy = false;
  let jobId: number | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let unreadableCheck: ReturnType<typeof setTimeout> | undefined;

  const host = document.createElement('reclaim-bar');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = barStyles;
  const container = document.createElement('div');
  shadow.append(style, container);
  document.documentElement.append(host);

  const recordingOf = (row: PageRow): Recording =>
    known.get(row.recordingId) ?? {
      site: source.site,
      id: row.recordingId,
      title: row.title,
      startedAt: '',
      status: 'ready',
      columns: {},
    };

  function toggle(recordingId: string, checked: boolean): void {
    const row = shownRows().find((shown) => shown.recordingId === recordingId);
    const recording = known.get(recordingId) ?? (row && recordingOf(row));
    if (recording) selection.set([recording], checked);
  }

  function shownRows(): PageRow[] {
    return problem ? [] : source.findRows(document);
  }

  function pageSelection(rows: PageRow[]): PageSelection {
    const ready = rows.map(recordingOf).filter((recording) => recording.status === 'ready');
    const chosen = ready.filter((recording) => selection.has(recording.id)).length;
    return chosen === 0 ? 'none' : chosen === ready.length ? 'all' : 'some';
  }

  function draw(): void {
    const rows = shownRows();
    // Rows the listing has not told us about (the app moved on without us noticing): ask for the page shown now.
    if (rows.some((row) => !known.has(row.recordingId))) void loadListing(location.href);
    for (const row of rows) {
      const recording = recordingOf(row);
      decorateRow(row.row, recording, selection.has(recording.id), toggle);
    }
    render(
      <BulkBar
        count={selection.size}
        totalBytes={selection.totalBytes}
        page={pageSelection(rows)}
        status={status}
        problem={problem}
        busy={busy}
        onSelectPage={(chosen) => selection.set(shownRows().map(recordingOf), chosen)}
        onClear={() => selection.clear()}
        s3Destinations={s3Destinations}
        s3Chosen={s3Chosen}
        onChooseS3={(id) => {
          s3Chosen = id;
          draw();
        }}
        onExport={(destination) => void startExport(destination)}
      />,
      container,
    );
  }

  // The platform's app re-renders its rows whenever it likes: decorate whatever appeared, in one pass.
  const observer = new MutationObserver(() => {
    clearTimeout(pending);
    pending = setTimeout(draw, 30);
  });
  observer.observe(document.body, { childList: true, subtree: true });
  const stopSelection = selection.subscribe(draw);

  // Each address's listing is asked for once at a time; a failed ask may be made again later.
  const asked = new Set<string>();
  async function loadListing(url: string): Promise<void> {
    if (asked.has(url)) return;
    asked.add(url);
    try {
      const shown = await source.loadShown(url);
      for (const recording of shown) known.set(recording.id, recording);
      selection.refresh(shown);
      clearTimeout(unreadableCheck);
      unreadableCheck = setTimeout(() => {
        if (known.size > 0 && source.findRows(document).length === 0) {
          problem = t('errorPageUnreadable');
          removeRowCheckboxes(document);
        }
        draw();
      }, UNREADABLE_AFTER_MS);
    } catch (error) {
      const info = (error as { info?: Parameters<typeof describeError>[0] }).info;
      status = info ? describeError(info) : t('errorListingFailed');
      setTimeout(() => asked.delete(url), 10_000);
    }
    draw();
  }

  // Progress of the export started here; the port is opened again if the background was restarted.
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  function listen(): void {
    port = browser.runtime.connect({ name: PROGRESS_PORT });
    port.onMessage.addListener((message) => {
      const job = (message as ProgressMessage).job as JobSnapshot | undefined;
      if (!job || job.id !== jobId) return;
      status = jobStatusText(job);
      busy = job.state === 'queued' || job.state === 'running';
      draw();
    });
    port.onDisconnect.addListener(() => {
      if (port) setTimeout(listen, 1_000);
    });
  }
  listen();

  // S3 destinations by name only; asked again when the user copies, as they may have added one meanwhile.
  async function loadDestinations(): Promise<void> {
    const reply = (await browser.runtime.sendMessage({ type: 'list-destinations' })) as CommandReply;
    s3Destinations = reply.ok ? (reply.destinations ?? []) : [];
    if (!s3Destinations.some((choice) => choice.id === s3Chosen)) s3Chosen = s3Destinations[0]?.id;
    draw();
  }

  async function startExport(destination: Destination): Promise<void> {
    if (destination === 's3') {
      await loadDestinations();
      if (!s3Chosen) {
        status = t('barS3NoDestination');
        draw();
        return;
      }
    }
    const recordings = selection.recordings();
    busy = true;
    status = t('statusStarting', recordings.length);
    draw();
    const reply = (await browser.runtime.sendMessage({
      type: 'export',
      site: source.site,
      destination,
      destinationId: destination === 's3' ? s3Chosen : undefined,
      origin: location.origin,
      recordings,
    })) as CommandReply;
    if (reply.ok) jobId = reply.jobId;
    else {
      busy = false;
      status = t('statusFailed', describeError(reply.error));
    }
    draw();
  }

  void loadListing(url);
  void loadDestinations();
  draw();

  return {
    addressChanged(newUrl: string) {
      void loadListing(newUrl);
    },
    unmount() {
      observer.disconnect();
      stopSelection();
      clearTimeout(pending);
      clearTimeout(unreadableCheck);
      const closing = port;
      port = undefined;
      closing?.disconnect();
      render(null, container);
      host.remove();
      removeRowCheckboxes(document);
    },
  };
}
