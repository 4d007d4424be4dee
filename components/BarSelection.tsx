// What the bar says of the selection: Select page and the platform's "all matching" while choosing, then how many
// recordings and how large, what is archived of them already, and which kinds of file the export takes.
import { formatSize } from '@/utils/format';
import { t } from '@/utils/i18n';
import type { BulkBarProps } from './BulkBar';
import { byUser } from './by-user';
import { FileChoices } from './FileChoices';

export function Selecting(props: BulkBarProps) {
  if (props.single) return <span class="single">{t('exportThisRecording')}</span>;
  return (
    <>
      <label class="select-page" title={t('selectPage')}>
        <input
          type="checkbox"
          data-testid="reclaim-select-all"
          checked={props.page === 'all'}
          indeterminate={props.page === 'some'}
          // The click, not the change: a script's click fires a change the browser marks as trusted.
          onClick={byUser((event) => props.onSelectPage((event.currentTarget as HTMLInputElement).checked))}
        />
        <span class="label">{t('selectPage')}</span>
      </label>
      {props.canSelectMatching ? (
        <button
          type="button"
          class="link"
          data-testid="reclaim-select-matching"
          disabled={props.busy}
          title={t('selectMatching')}
          data-short={t('surfaceSelectMatchingNarrow')}
          onClick={byUser(() => props.onSelectMatching())}
        >
          <span class="full">{t('barSelectMatchingShort')}</span>
        </button>
      ) : null}
    </>
  );
}

/** "2 selected · 3.8 MB in total", or "at most" when kinds of file are left out; the detail page only its size. */
export function Chosen(props: BulkBarProps) {
  const { summary } = props;
  const size = summary.sizeAtMost
    ? t('barSizeAtMost', formatSize(summary.totalBytes))
    : t('selectionSize', formatSize(summary.totalBytes));
  // In a narrow window the row says less (bulk-bar.css, [data-short]); what is read out stays the whole sentence.
  const shortSize = summary.sizeAtMost ? size : formatSize(summary.totalBytes);
  return (
    <>
      <span
        class="count"
        data-testid="reclaim-selection-count"
        data-short={props.single ? undefined : `${t('selectionCount', summary.count)} · ${shortSize}`}
        title={summary.sizeAtMost ? t('barSizeAtMostHint') : undefined}
      >
        <span class="full">{props.single ? size : `${t('selectionCount', summary.count)} · ${size}`}</span>
      </span>
      {summary.processing > 0 ? (
        <span
          class="processing"
          data-testid="reclaim-selection-processing"
          title={t('selectionProcessing', summary.processing)}
        >
          {t('barProcessingSkipped', summary.processing)}
        </span>
      ) : null}
      {props.single ? null : (
        <button
          type="button"
          class="link clear"
          data-short="×"
          title={t('clearSelection')}
          onClick={byUser(() => props.onClear())}
        >
          <span class="full">{t('clearSelection')}</span>
        </button>
      )}
      {props.archive ? <Archived {...props} archive={props.archive} /> : null}
      <details class="files">
        <summary
          data-short={t('surfaceFilesShort', summary.filesIncluded.included, summary.filesIncluded.of)}
          title={t('fileChoicesTitle')}
        >
          <span class="full">
            {t('fileChoicesTitle')} ({t('barOf', summary.filesIncluded.included, summary.filesIncluded.of)})
          </span>
        </summary>
        <FileChoices
          byUserOnly
          choices={props.fileChoices}
          skipped={props.skippedFiles}
          onChange={props.onSkippedFiles}
          titled={false}
        />
      </details>
    </>
  );
}

/** "112 recordings · 40 already archived to Archive · 72 to go · 31 GB", Skip what is archived, Check the bucket. */
function Archived(props: BulkBarProps & { archive: NonNullable<BulkBarProps['archive']> }) {
  const { archive } = props;
  return (
    <span class="archived">
      <span
        data-testid="reclaim-archive-summary"
        data-new-files={archive.newFiles}
        aria-busy={archive.newFiles === 'checking'}
      >
        {archive.summary}
      </span>{' '}
      <label title={t('archiveSkipHint')}>
        <input
          type="checkbox"
          data-testid="reclaim-skip-archived"
          checked={archive.skip}
          onClick={byUser((event) =>
            props.onArchiveOptions({ skipArchived: (event.currentTarget as HTMLInputElement).checked }),
          )}
        />
        {t('archiveSkip')}
      </label>
      {archive.canCheckBucket && archive.skip ? (
        <label title={t('archiveCheckBucketHint')}>
          <input
            type="checkbox"
            data-testid="reclaim-check-bucket"
            checked={archive.checkBucket}
            onClick={byUser((event) =>
              props.onArchiveOptions({ checkBucket: (event.currentTarget as HTMLInputElement).checked }),
            )}
          />
          {t('archiveCheckBucket')}
        </label>
      ) : null}
    </span>
  );
}
