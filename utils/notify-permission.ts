// Notifications are an optional permission, asked for only when the user says yes: in the options, or in the
// popup's offer the first time a long export runs. A page's bar cannot ask (content scripts have no permissions
// API): its offer opens the options at the box instead.
import { browser } from 'wxt/browser';
import type { Command } from './protocol';
import { getSettings, saveSettings } from './settings';

export const NOTIFICATIONS_PERMISSION = { permissions: ['notifications' as const] };

/** Where the options page shows the box; its address ends with this (#notify). */
export const NOTIFY_ANCHOR = 'notify';

/** Remembers that Reclaim offered notifications, so no offer comes again. */
export async function markNotifyAsked(): Promise<void> {
  const settings = await getSettings();
  if (!settings.notifyAsked) await saveSettings({ ...settings, notifyAsked: true });
}

/**
 * Asks the browser for the permission. Call it straight from the click, before any await: the browser asks
 * only within the user's gesture (components/DestinationsForm.tsx mayReach does the same).
 */
export async function askForNotifications(): Promise<boolean> {
  const asking = browser.permissions.request(NOTIFICATIONS_PERMISSION).catch(() => false);
  const granted = await asking;
  await markNotifyAsked();
  return granted;
}

export function hasNotifications(): Promise<boolean> {
  return browser.permissions.contains(NOTIFICATIONS_PERMISSION).catch(() => false);
}

/** The options page at the notifications box (from the bar's offer). */
export async function openNotifySettings(): Promise<void> {
  await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#${NOTIFY_ANCHOR}` });
}

/** The bar's offer was answered: never again; "yes" opens the options at the box (a page cannot ask itself). */
export async function answerNotifyOffer(openSettings: boolean): Promise<void> {
  await markNotifyAsked();
  if (openSettings) await browser.runtime.sendMessage({ type: 'open-notify-settings' } satisfies Command);
}
