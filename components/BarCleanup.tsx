// The bar's entries for what comes after archiving (behind "More"): sharing what stays on the platform, and
// preparing what may be deleted from it. Each platform offers the ones it has.
import { t } from '@/utils/i18n';

export interface CleanupActions {
  /** Every chosen recording's share link and passcode, as a CSV. */
  onShareLinks?(): void;
}

export function BarCleanup(props: {
  actions: CleanupActions;
  busy: boolean;
  /** A menu item's click: acts, then closes the menu (BarMore's). */
  item(act: () => void): (event: MouseEvent) => void;
}) {
  const { actions, busy, item } = props;
  return (
    <>
      {actions.onShareLinks ? (
        <button
          type="button"
          data-testid="reclaim-share-links-csv"
          disabled={busy}
          onClick={item(() => actions.onShareLinks?.())}
        >
          {t('cleanupShareLinksCsv')}
        </button>
      ) : null}
    </>
  );
}
