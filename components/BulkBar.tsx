// The bar Reclaim adds to a platform's recording list: what is selected, and where to export it.
import { formatSize } from '@/utils/format';
import { t } from '@/utils/i18n';
import type { Destination } from '@/utils/model';
import type { DestinationChoice } from '@/utils/s3/destination';

export type PageSelection = 'all' | 'some' | 'none';

export interface BulkBarProps {
  count: number;
  totalBytes: number;
  page: PageSelection;
  status: string;
  /** Why the page cannot be used, shown instead of the controls. */
  problem?: string;
  busy: boolean;
  /** The user's S3 destinations (names only; the keys never reach a page). */
  s3Destinations: DestinationChoice[];
  s3Chosen?: string;
  onChooseS3(id: string): void;
  onSelectPage(chosen: boolean): void;
  onClear(): void;
  onExport(destination: Destination): void;
}

export function BulkBar(props: BulkBarProps) {
  const nothing = props.count === 0 || props.busy;
  return (
    <section class="bar" data-testid="reclaim-bar" aria-label={t('barLabel')}>
      <strong class="brand">Reclaim</strong>
      {props.problem ? null : (
        <>
          <label class="select-page">
            <input
              type="checkbox"
              data-testid="reclaim-select-all"
              checked={props.page === 'all'}
              indeterminate={props.page === 'some'}
              onChange={(event) => props.onSelectPage(event.currentTarget.checked)}
            />
            {t('selectPage')}
          </label>
          <span data-testid="reclaim-selection-count">
            {t('selectionCount', props.count)} · {t('selectionSize', formatSize(props.totalBytes))}
          </span>
          <button type="button" class="link" disabled={props.count === 0} onClick={props.onClear}>
            {t('clearSelection')}
          </button>
          <button
            type="button"
            class="primary"
            data-testid="reclaim-export-zip"
            disabled={nothing}
            onClick={() => props.onExport('zip')}
          >
            {t('exportZip')}
          </button>
          <button
            type="button"
            data-testid="reclaim-export-folder"
            disabled={nothing}
            onClick={() => props.onExport('folder')}
          >
            {t('exportFolder')}
          </button>
          {props.s3Destinations.length > 0 ? (
            <select
              data-testid="reclaim-s3-destination"
              aria-label={t('barS3Destination')}
              value={props.s3Chosen}
              onChange={(event) => props.onChooseS3(event.currentTarget.value)}
            >
              {props.s3Destinations.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name} ({[choice.bucket, choice.prefix].filter(Boolean).join('/')})
                </option>
              ))}
            </select>
          ) : null}
          <button type="button" data-testid="reclaim-export-s3" disabled={nothing} onClick={() => props.onExport('s3')}>
            {t('exportS3')}
          </button>
        </>
      )}
      <output data-testid="reclaim-status" aria-live="polite">
        {props.problem ?? props.status}
      </output>
    </section>
  );
}
