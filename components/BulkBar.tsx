// The bar Reclaim adds to a platform's recording pages: a small strip while nothing is selected, one row with the
// selection, where it goes and the export's progress when something is; the rarer actions behind "More".
import type { FileChoice } from '@/utils/file-choices';
import { t } from '@/utils/i18n';
import type { Destination } from '@/utils/model';
import type { JobSnapshot } from '@/utils/protocol';
import type { DestinationName } from '@/utils/s3/destination';
import type { CleanupActions } from './BarCleanup';
import { BarMore } from './BarMore';
import { BarProgress } from './BarProgress';
import { Chosen, Selecting } from './BarSelection';
import type { PageSelection, SelectionSummary } from './bar-state';
import { byUser } from './by-user';
import type { ReportImportProps } from './ReportImport';

export interface BulkBarActions {
  onSkippedFiles(skipped: FileChoice[]): void;
  onChooseS3(id: string): void;
  onSelectPage(chosen: boolean): void;
  onSelectMatching(): void;
  onClear(): void;
  onExport(destination: Destination): void;
  onCsv(what: 'recordings' | 'files'): void;
  /** Pause, Resume or Cancel the export this page started. */
  onJob(command: 'pause' | 'resume' | 'cancel'): void;
  onMinimise(minimised: boolean): void;
  onExportName(name: string): void;
  /** Platforms with a recording report: save it for the selection (or everything matching). */
  onExportReport?(): void;
  /** Platforms with a recording report: bring an edited one back as the selection. */
  importReport?: ReportImportProps;
  /** Share links, and what may be deleted (BarCleanup.tsx). */
  cleanup?: CleanupActions;
  onArchiveOptions(options: { skipArchived?: boolean; checkBucket?: boolean }): void;
  /** Narrows the selection (or, with none, the page's rows) to the recordings archived, or not yet archived. */
  onSelectArchived(archived: boolean): void;
}

export interface BulkBarProps extends BulkBarActions {
  /** The page of one recording: no selecting, that recording is what is exported. */
  single: boolean;
  summary: SelectionSummary;
  page: PageSelection;
  status: string;
  /** Why the page cannot be used, shown instead of the controls. */
  problem?: string;
  busy: boolean;
  /** The state of the export this page follows, while it is queued, running or paused. */
  job?: JobSnapshot['state'];
  /** An export of this page with failed files: the history says which and why. */
  historyJob?: number;
  minimised: boolean;
  /** The platform can list every recording matching the page's search. */
  canSelectMatching: boolean;
  /** The kinds of file this platform's recordings have (its adapter's). */
  fileChoices: readonly FileChoice[];
  skippedFiles: readonly FileChoice[];
  /** The user's S3 destinations (names only; the keys never reach a page). */
  s3Destinations: DestinationName[];
  s3Chosen?: string;
  /** The page can list a recording's files (the files CSV needs them; Collaborate's page has them only in reports). */
  canListFiles: boolean;
  /** A long export runs and notifications were never offered: offer them (once). */
  notifyOffer?: { onSettings(): void; onDismiss(): void };
  /** The export's name as the user typed it ('' for the suggestion), and the suggestion. */
  exportName: string;
  suggestedName: string;
  /** Some of the selection is archived already: what the bar says of it, and the choices for the next export. */
  archive?: {
    summary: string;
    /** New files in the archived recordings: being looked for, counted, or left to the export to find. */
    newFiles?: 'checking' | 'counted' | 'later';
    skip: boolean;
    checkBucket: boolean;
    canCheckBucket: boolean;
  };
  /** The ledger has answered for every chosen recording: what the bar says of the archive is complete. */
  archiveKnown?: boolean;
}

function NotifyOffer(props: NonNullable<BulkBarProps['notifyOffer']>) {
  return (
    <span class="notify-offer" data-testid="reclaim-notify-offer">
      {t('notifyOffer')}{' '}
      <button type="button" data-testid="reclaim-notify-settings" onClick={byUser(() => props.onSettings())}>
        {t('notifyOfferSettings')}
      </button>{' '}
      <button type="button" class="link" onClick={byUser(() => props.onDismiss())}>
        {t('notifyOfferNo')}
      </button>
    </span>
  );
}

/** The export's name, offered as the suggestion when the user comes to edit it (in "More", to keep one row). */
export function ExportName(props: BulkBarProps) {
  return (
    <label class="name">
      {t('barNameLabel')}
      <input
        class="name"
        type="text"
        data-testid="reclaim-export-name"
        aria-label={t('barNameLabel')}
        title={`${t('barNameLabel')}: ${props.exportName || props.suggestedName}`}
        maxLength={120}
        placeholder={props.suggestedName}
        value={props.exportName}
        // The suggestion becomes the value when the user comes to edit it.
        onFocus={byUser(() => {
          if (!props.exportName) props.onExportName(props.suggestedName);
        })}
        onInput={(event) => props.onExportName(event.currentTarget.value)}
      />
    </label>
  );
}

/** "Copy to S3": in the row when the user has S3 destinations, else in "More" (where it says how to add one). */
export function S3Button(props: BulkBarProps) {
  return (
    <button
      type="button"
      data-testid="reclaim-export-s3"
      disabled={props.summary.count === 0 || props.busy}
      onClick={byUser(() => props.onExport('s3'))}
    >
      {t('exportS3')}
    </button>
  );
}

function Destinations(props: BulkBarProps) {
  const disabled = props.summary.count === 0 || props.busy;
  return (
    <>
      <button
        type="button"
        class="primary"
        data-testid="reclaim-export-zip"
        disabled={disabled}
        onClick={byUser(() => props.onExport('zip'))}
      >
        {t('exportZip')}
      </button>
      <button
        type="button"
        data-testid="reclaim-export-folder"
        disabled={disabled}
        onClick={byUser(() => props.onExport('folder'))}
      >
        {t('exportFolder')}
      </button>
      {props.s3Destinations.length > 0 ? (
        <>
          <select
            data-testid="reclaim-s3-destination"
            aria-label={t('barS3Destination')}
            value={props.s3Chosen}
            onChange={byUser((event) => props.onChooseS3((event.currentTarget as HTMLSelectElement).value))}
          >
            {props.s3Destinations.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
          <S3Button {...props} />
        </>
      ) : null}
    </>
  );
}

export function BulkBar(props: BulkBarProps) {
  const something = props.summary.count > 0 || props.single;
  const state = props.problem ? 'problem' : props.minimised ? 'minimised' : something ? 'some' : 'none';
  if (props.minimised) {
    return (
      <section class="bar" data-state={state} data-testid="reclaim-bar" aria-label={t('barLabel')}>
        <button type="button" class="pill" aria-label={t('barShow')} onClick={byUser(() => props.onMinimise(false))}>
          <strong class="brand">Reclaim</strong>
          {props.summary.count > 0 ? ` · ${t('selectionCount', props.summary.count)}` : ''}
        </button>
        <output data-testid="reclaim-status" aria-live="polite" hidden>
          {props.problem ?? props.status}
        </output>
      </section>
    );
  }
  return (
    <section
      class="bar"
      data-state={state}
      data-archive-known={props.archiveKnown ? 'true' : undefined}
      data-testid="reclaim-bar"
      aria-label={t('barLabel')}
    >
      <strong class="brand">Reclaim</strong>
      {props.problem ? null : (
        <>
          <Selecting {...props} />
          {something ? <Chosen {...props} /> : null}
          {something && !props.job ? <Destinations {...props} /> : null}
          <BarMore {...props} />
        </>
      )}
      <BarProgress
        status={props.problem ?? props.status}
        job={props.job}
        historyJob={props.historyJob}
        onJob={props.onJob}
      />
      <button
        type="button"
        class="minimise"
        aria-label={t('barMinimise')}
        title={t('barMinimise')}
        onClick={byUser(() => props.onMinimise(true))}
      >
        –
      </button>
      {props.notifyOffer ? <NotifyOffer {...props.notifyOffer} /> : null}
    </section>
  );
}
