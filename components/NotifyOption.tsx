// The options' "Tell me when an export ends": the box shows whether the browser allows Reclaim's notifications,
// and ticking it asks the browser (unticking gives the permission back).
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import {
  askForNotifications,
  hasNotifications,
  markNotifyAsked,
  NOTIFICATIONS_PERMISSION,
  NOTIFY_ANCHOR,
} from '@/utils/notify-permission';

export function NotifyOption() {
  const [allowed, setAllowed] = useState<boolean | null>(null);
  const [refused, setRefused] = useState(false);
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => void hasNotifications().then(setAllowed), []);
  // The bar's offer opens the options at this box (#notify): it is where the user's eye should go.
  useEffect(() => {
    if (allowed !== null && location.hash === `#${NOTIFY_ANCHOR}`) box.current?.focus();
  }, [allowed !== null]);

  function toggle(event: Event) {
    const wanted = (event.currentTarget as HTMLInputElement).checked;
    if (wanted) {
      // Asked in the click's own turn, before anything is awaited.
      void askForNotifications().then((granted) => {
        setAllowed(granted);
        setRefused(!granted);
      });
    } else {
      void browser.permissions.remove(NOTIFICATIONS_PERMISSION).then(() => {
        setAllowed(false);
        setRefused(false);
        return markNotifyAsked();
      });
    }
  }

  if (allowed === null) return null;
  return (
    <p id={NOTIFY_ANCHOR} class="field">
      <label class="check">
        <input
          ref={box}
          type="checkbox"
          data-testid="reclaim-notify"
          aria-describedby="reclaim-notify-help"
          checked={allowed}
          onClick={toggle}
        />{' '}
        {t('notifyOption')}
      </label>
      <small class="hint" id="reclaim-notify-help">
        {refused ? t('notifyOptionRefused') : t('notifyOptionHelp')}
      </small>
    </p>
  );
}
