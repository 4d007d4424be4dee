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

/** "1 hr 5 min" as the browser's own units say it in the UI's language; the two largest units only. */
export function formatDuration(ms: number, locale = uiLanguage()): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const parts: Array<[number, string]> = [
    [Math.floor(seconds / 3600), 'hour'],
    [Math.floor((seconds % 3600) / 60), 'minute'],
    [seconds % 60, 'second'],
  ];
  const shown = parts.filter(([value]) => value > 0).slice(0, 2);
  if (shown.length === 0) shown.push([0, 'second']);
  return shown
    .map(([value, unit]) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value))
    .join(' ');
}

/** A moment as the UI's language writes a date and a time ("6 Dec 2026, 13:05"; "6 dec. 2026, 13:05"). */
export function formatDateTime(at: number, locale = uiLanguage()): string {
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
