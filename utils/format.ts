// Sizes as people read them. Binary units, labelled the way file managers do ("1.5 GB" for 1.5 GiB).
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatSize(bytes: number, locale?: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${UNITS[unit]}`;
}
