// Sizes, rates and times as people read them, in the UI's language ("98.4 MB" in English, "98,4 MB" in Dutch and
// Swedish). Binary units, labelled the way file managers do ("1.5 GB" for 1.5 GiB). Counts: i18n.ts formatNumber.
import { formatNumber, t, uiLanguage } from './i18n';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatSize(bytes: number, locale = uiLanguage()): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${formatNumber(value, locale, digits)} ${UNITS[unit]}`;
}

/** A rate as "4.5 MB/s": the same units as sizes, the same in every language. */
export function formatRate(bytesPerSecond: number, locale = uiLanguage()): string {
  return `${formatSize(bytesPerSecond, locale)}/s`;
}

/**
 * Time left, rounded the way people say it: whole minutes (up, so the last minute is not promised too early),
 * hours and minutes past the hour, and no seconds, which would only flicker.
 */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 60) return t('progressUnderMinuteLeft');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return t('progressMinutesLeft', minutes);
  return t('progressHoursLeft', Math.floor(minutes / 60), minutes % 60);
}
