// The bar Reclaim adds to a platform's recording pages: what is selected, which files, and where it goes.
import type { FileChoice } from '@/utils/file-choices';
import { formatSize } from '@/utils/format';
import { t } from '@/utils/i18n';
import type { Destination } from '@/utils/model';
import type { DestinationName } from '@/utils/s3/destination';
import { byUser } from './by-user';
import { FileChoices } from './FileChoices';
import { ReportImport, type ReportImportProps } from './ReportImport';

export type PageSelection = 'all' | 'some' | 'none';

export interface BulkBarProps {
  /** The page of one recording: no selecting, that recording is what is exported. */
  single: boolean;
  count: number;
  totalBytes: number;
  /** Chosen recordings still processing (only a whole search brings them in). */
  processing: number;
  page: PageSelection;
  status: string;
  /** Why the page cannot be used, shown instead of the controls. */
  problem?: string;
  busy: boolean;
  /** An export of this page is paused: Resume goes on with it. */
  paused: boolean;
  /** The platform can list every recording matching the page's search. */
  canSelectMatching: boolean;
  /** The kinds of file this platform's recordings have (its adapter's). */
  fileChoices: readonly FileChoice[];
  skippedFiles: FileChoice[];
  onSkippedFiles(skipped: FileChoice[]): void;
  /** The user's S3 destinations (names only; the keys never reach a page). */
  s3Destinations: DestinationName[];
  s3Chosen?: string;
  onChooseS3(id: string): void;
  onSelectPage(chosen: boolean): void;
  onSelectMatching(): void;
  onClear(): void;
  onExport(destination: Destination): void;
  onCsv(what: 'recordings' | 'files'): void;
  /** The page can list a recording's files (the files CSV needs them; Collaborate's page has them only in reports). */
  canListFiles: boolean;
  onResume(): void;
  /** A long export runs and notifications were never offered: offer them (once). */
  notifyOffer?: { onSettings(): void; onDismiss(): void };
  /** Platforms with a recording report: save it for the selection (or everything matching). */
  onExportReport?(): void;
  /** Platforms with a recording report: bring an edited one back as the selection. */
  importReport?: ReportImportProps;
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

function Selecting(props: BulkBarProps) {
  if (props.single) return <span class="single">{t('exportThisRecording')}</span>;
  return (
    <>
      <label class="select-page">
        <input
          type="checkbox"
          data-testid="reclaim-select-all"
          checked={props.page === 'all'}
          indeterminate={props.page === 'some'}
          // The click, not the change: a script's click fires a change the browser marks as trusted.
          onClick={byUser((event) => props.onSelectPage((event.currentTarget as HTMLInputElement).checked))}
        />
        {t('selectPage')}
      </label>
      {props.canSelectMatching ? (
        <button
          type="button"
          class="link"
          data-testid="reclaim-select-matching"
          disabled={props.busy}
          onClick={byUser(() => props.onSelectMatching())}
        >
          {t('selectMatching')}
        </button>
      ) : null}
    </>
  );
}

export function BulkBar(props: BulkBarProps) {
  const nothing = props.count === 0 || props.busy;
  return (
    <section class="bar" data-testid="reclaim-bar" aria-label={t('barLabel')}>
      <strong class="brand">Reclaim</strong>
      {props.problem ? null : (
        <>
          <Selecting {...props} />
          <span data-testid="reclaim-selection-count">
            {t('selectionCount', props.count)} · {t('selectionSize', formatSize(props.totalBytes))}
          </span>
          {props.processing > 0 ? (
            <span data-testid="reclaim-selection-processing">{t('selectionProcessing', props.processing)}</span>
          ) : null}
          {props.single ? null : (
            <button type="button" class="link" disabled={props.count === 0} onClick={byUser(() => props.onClear())}>
              {t('clearSelection')}
            </button>
          )}
          <details class="files">
            <summary>{t('fileChoicesTitle')}</summary>
            <FileChoices
              byUserOnly
              choices={props.fileChoices}
              skipped={props.skippedFiles}
              onChange={props.onSkippedFiles}
              titled={false}
            />
          </details>
          <button
            type="button"
            class="primary"
            data-testid="reclaim-export-zip"
            disabled={nothing}
            onClick={byUser(() => props.onExport('zip'))}
          >
            {t('exportZip')}
          </button>
          <button
            type="button"
            data-testid="reclaim-export-folder"
            disabled={nothing}
            onClick={byUser(() => props.onExport('folder'))}
          >
            {t('exportFolder')}
          </button>
          {props.s3Destinations.length > 0 ? (
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
          ) : null}
          <button
            type="button"
            data-testid="reclaim-export-s3"
            disabled={nothing}
            onClick={byUser(() => props.onExport('s3'))}
          >
            {t('exportS3')}
          </button>
          {props.onExportReport ? (
            <button
              type="button"
              data-testid="reclaim-export-report"
              disabled={props.busy}
              onClick={byUser(() => props.onExportReport?.())}
            >
              {t('exportReport')}
            </button>
          ) : null}
          {props.importReport ? <ReportImport {...props.importReport} disabled={props.busy} /> : null}
          <button type="button" data-testid="reclaim-export-csv" onClick={byUser(() => props.onCsv('recordings'))}>
            {t('exportListCsv')}
          </button>
          {props.canListFiles ? (
            <button type="button" data-testid="reclaim-export-files-csv" onClick={byUser(() => props.onCsv('files'))}>
              {t('exportFilesCsv')}
            </button>
          ) : null}
          {props.paused ? (
            <button type="button" class="primary" data-testid="reclaim-resume" onClick={byUser(() => props.onResume())}>
              {t('resume')}
            </button>
          ) : null}
        </>
      )}
      <output data-testid="reclaim-status" aria-live="polite">
        {props.problem ?? props.status}
      </output>
      {props.notifyOffer ? <NotifyOffer {...props.notifyOffer} /> : null}
    </section>
  );
}
