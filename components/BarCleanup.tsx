// The bar's entries for what comes after archiving (behind "More"): sharing what stays on the platform, and
// preparing what may be deleted from it, for one destination the user picks here. Each platform offers the ones it
// has; deleting (Collaborate, opt-in) asks for the count to be typed before anything is deleted.
import { useState } from 'preact/hooks';
import { formatSize } from '@/utils/format';
import { plural, t } from '@/utils/i18n';
import type { DestinationName } from '@/utils/s3/destination';
import { byUser } from './by-user';

/** What deleting would do, as verified just now: the user confirms by typing `count`. */
export interface DeletionOffer {
  count: number;
  bytes: number;
  siteName: string;
  confirm(): void;
  cancel(): void;
}

export interface CleanupActions {
  /** Every chosen recording's share link and passcode, as a CSV. */
  onShareLinks?(): void;
  /** The platform's list columns of the recordings archived in `destination`, with where and when. */
  onArchivedList?(destination: string): void;
  /** The platform's recording report of the recordings archived and verified in `destination`. */
  onDeletionReport?(destination: string): void;
  /** Opt-in: verify, then offer to delete those recordings from the platform. */
  onDelete?(destination: string): void;
  /** A deletion waiting for its typed confirmation. */
  deletion?: DeletionOffer;
}

/** `s3:<id>` for each S3 destination, then the ZIP and the folder: the places the ledger knows. */
function places(s3: DestinationName[]): Array<{ key: string; name: string }> {
  return [
    ...s3.map((choice) => ({ key: `s3:${choice.id}`, name: choice.name })),
    { key: 'zip', name: t('cleanupPlaceZip') },
    { key: 'folder', name: t('cleanupPlaceFolder') },
  ];
}

export function BarCleanup(props: {
  actions: CleanupActions;
  busy: boolean;
  s3Destinations: DestinationName[];
  s3Chosen?: string;
  /** A menu item's click: acts, then closes the menu (BarMore's). */
  item(act: () => void): (event: MouseEvent) => void;
}) {
  const { actions, busy, item } = props;
  const options = places(props.s3Destinations);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const destination =
    picked && options.some((option) => option.key === picked)
      ? picked
      : props.s3Chosen
        ? `s3:${props.s3Chosen}`
        : (options[0]?.key ?? 'zip');
  const archiveActions = actions.onArchivedList || actions.onDeletionReport || actions.onDelete;
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
      {archiveActions ? (
        <label class="name">
          {t('cleanupArchivedIn')}
          <select
            data-testid="reclaim-cleanup-destination"
            value={destination}
            onChange={byUser((event) => setPicked((event.currentTarget as HTMLSelectElement).value))}
          >
            {options.map((option) => (
              <option key={option.key} value={option.key}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {actions.onArchivedList ? (
        <button
          type="button"
          data-testid="reclaim-archived-list-csv"
          disabled={busy}
          onClick={item(() => actions.onArchivedList?.(destination))}
        >
          {t('cleanupArchivedListCsv')}
        </button>
      ) : null}
      {actions.onDeletionReport ? (
        <button
          type="button"
          data-testid="reclaim-deletion-report"
          disabled={busy}
          onClick={item(() => actions.onDeletionReport?.(destination))}
        >
          {t('cleanupDeletionReport')}
        </button>
      ) : null}
      {actions.onDelete ? (
        <button
          type="button"
          class="danger"
          data-testid="reclaim-delete-verified"
          disabled={busy}
          onClick={item(() => actions.onDelete?.(destination))}
        >
          {t('cleanupDeleteVerified')}
        </button>
      ) : null}
    </>
  );
}

/** The confirmation: names how many and how much, and wants the count typed. Shown in the bar, outside "More". */
export function DeletionConfirm(props: { offer: DeletionOffer }) {
  const { offer } = props;
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === String(offer.count);
  return (
    <div
      class="deletion"
      role="alertdialog"
      aria-label={t('cleanupDeleteVerified')}
      data-testid="reclaim-delete-confirm"
    >
      <p>{plural('fmtCleanupDeleteQuestion', offer.count, formatSize(offer.bytes), offer.siteName)}</p>
      <label>
        {t('cleanupDeleteTypeCount', offer.count)}{' '}
        <input
          type="text"
          inputMode="numeric"
          data-testid="reclaim-delete-count"
          value={typed}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
      </label>{' '}
      <button
        type="button"
        class="danger"
        data-testid="reclaim-delete-confirmed"
        disabled={!matches}
        onClick={byUser(() => offer.confirm())}
      >
        {t('cleanupDeleteNow', offer.count)}
      </button>{' '}
      <button type="button" class="link" onClick={byUser(() => offer.cancel())}>
        {t('cleanupDeleteCancel')}
      </button>
    </div>
  );
}
