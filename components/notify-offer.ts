// The bar's one-time offer of notifications, the first time an export it follows turns out long. A page cannot
// ask for a permission: "yes" opens the options at the box, which can (utils/notify-permission.ts).
import { isLongExport } from '@/utils/export/rate';
import { answerNotifyOffer } from '@/utils/notify-permission';
import type { JobSnapshot } from '@/utils/protocol';
import { getSettings } from '@/utils/settings';
import type { BulkBarProps } from './BulkBar';

export interface NotifyOfferState {
  /** Called with every change of the export the bar follows. */
  saw(job: JobSnapshot): void;
  /** The offer for the bar, while it is shown. */
  offer(): BulkBarProps['notifyOffer'];
}

export function notifyOfferFor(draw: () => void): NotifyOfferState {
  // Not offered until the settings say it never was.
  let asked = true;
  let shown = false;
  void getSettings().then((settings) => {
    asked = settings.notifyAsked;
  });
  const answer = (openSettings: boolean) => {
    asked = true;
    shown = false;
    draw();
    void answerNotifyOffer(openSettings);
  };
  return {
    saw(job) {
      if (!asked && isLongExport(job)) shown = true;
    },
    offer: () => (shown ? { onSettings: () => answer(true), onDismiss: () => answer(false) } : undefined),
  };
}
