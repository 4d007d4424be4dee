// The popup's one-time offer of notifications, while a long export runs. The popup is an extension page, so
// it asks the browser itself (a platform page's bar sends the user to the options instead).
import { useEffect, useState } from 'preact/hooks';
import { db } from '@/utils/db';
import { snapshot } from '@/utils/export/jobs';
import { isLongExport } from '@/utils/export/rate';
import { t } from '@/utils/i18n';
import { askForNotifications, hasNotifications, markNotifyAsked } from '@/utils/notify-permission';
import { getSettings } from '@/utils/settings';
import { useLiveQuery } from './use-live-query';

export function PopupNotifyOffer() {
  // Shown only once both are known: never offered before, and not allowed already.
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    void Promise.all([getSettings(), hasNotifications()]).then(([settings, allowed]) =>
      setWanted(!settings.notifyAsked && !allowed),
    );
  }, []);
  const running = useLiveQuery(() => db.jobs.where('state').equals('running').first(), undefined);
  if (!wanted || !running || !isLongExport(snapshot(running))) return null;

  return (
    <p class="notify-offer" data-testid="reclaim-popup-notify-offer">
      {t('notifyOffer')}{' '}
      <button
        type="button"
        data-testid="reclaim-popup-notify-allow"
        onClick={() => {
          // Asked straight from the click, before anything is awaited.
          void askForNotifications();
          setWanted(false);
        }}
      >
        {t('notifyOfferAllow')}
      </button>{' '}
      <button
        type="button"
        onClick={() => {
          void markNotifyAsked();
          setWanted(false);
        }}
      >
        {t('notifyOfferNo')}
      </button>
    </p>
  );
}
