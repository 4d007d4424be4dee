// The bar's rarer actions behind "More": the CSV lists and, where the platform has them, its recording report.
import { t } from '@/utils/i18n';
import { BarCleanup, DeletionConfirm } from './BarCleanup';
import { type BulkBarProps, ExportName, S3Button } from './BulkBar';
import { byUser } from './by-user';
import { ReportImport } from './ReportImport';

export function BarMore(props: BulkBarProps) {
  // An item closes the menu, as a menu does.
  const close = (event: Event) => (event.currentTarget as HTMLElement).closest('details')?.removeAttribute('open');
  const item = (act: (event: MouseEvent) => void) =>
    byUser((event: MouseEvent) => {
      act(event);
      close(event);
    });
  return (
    <>
      <details class="more">
        <summary data-testid="reclaim-more">{t('barMore')}</summary>
        <div class="menu">
          {props.summary.count > 0 || props.single ? <ExportName {...props} /> : null}
          {props.s3Destinations.length === 0 && (props.summary.count > 0 || props.single) ? (
            <S3Button {...props} />
          ) : null}
          {props.onExportReport ? (
            <button
              type="button"
              data-testid="reclaim-export-report"
              disabled={props.busy}
              onClick={item(() => props.onExportReport?.())}
            >
              {t('exportReport')}
            </button>
          ) : null}
          {props.importReport ? (
            <button
              type="button"
              data-testid="reclaim-import-open"
              disabled={props.busy}
              // The file input and the preview live outside the menu, which closes.
              onClick={item((event) =>
                ((event.currentTarget as Element).getRootNode() as ParentNode)
                  .querySelector<HTMLInputElement>('[data-testid="reclaim-import-report"]')
                  ?.click(),
              )}
            >
              {t('importReport')}
            </button>
          ) : null}
          {props.cleanup ? (
            <BarCleanup
              actions={props.cleanup}
              busy={props.busy}
              item={item}
              s3Destinations={props.s3Destinations}
              s3Chosen={props.s3Chosen}
            />
          ) : null}
          {props.single ? null : (
            <>
              <button
                type="button"
                data-testid="reclaim-select-not-archived"
                disabled={props.busy}
                onClick={item(() => props.onSelectArchived(false))}
              >
                {t('archiveSelectNotArchived')}
              </button>
              <button
                type="button"
                data-testid="reclaim-select-archived"
                disabled={props.busy}
                onClick={item(() => props.onSelectArchived(true))}
              >
                {t('archiveSelectArchived')}
              </button>
            </>
          )}
          <button type="button" data-testid="reclaim-export-csv" onClick={item(() => props.onCsv('recordings'))}>
            {t('exportListCsv')}
          </button>
          {props.canListFiles ? (
            <button type="button" data-testid="reclaim-export-files-csv" onClick={item(() => props.onCsv('files'))}>
              {t('exportFilesCsv')}
            </button>
          ) : null}
        </div>
      </details>
      {props.importReport ? <ReportImport {...props.importReport} disabled={props.busy} withoutButton modal /> : null}
      {props.cleanup?.deletion ? <DeletionConfirm offer={props.cleanup.deletion} /> : null}
    </>
  );
}
