// Zoom shows start times as text in the account's format ("Nov 3, 2026 10:00 AM", "11/03/2026 10:00 AM").
// We keep them as local wall-clock ISO text so names show the time the user saw on the page.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(year: string, month: number, day: string, hour: string, minute: string, half?: string): string {
  let h = Number(hour) % 12;
  if (!half) h = Number(hour);
  else if (half.toUpperCase() === 'PM') h += 12;
  const two = (n: number | string) => String(n).padStart(2, '0');
  return `${year}-${two(month)}-${two(day)}T${two(h)}:${two(minute)}:00`;
}

export function parseZoomTime(text: string): string {
  const trimmed = text.trim();
  const named = /^([A-Za-z]{3})[A-Za-z]*\.? (\d{1,2}),? (\d{4}),? (\d{1,2}):(\d{2})(?::\d{2})? ?([AP]M)?/i.exec(
    trimmed,
  );
  if (named) {
    const month = MONTHS.indexOf((named[1] ?? '').toLowerCase()) + 1;
    if (month > 0) return iso(named[3] ?? '', month, named[2] ?? '', named[4] ?? '', named[5] ?? '', named[6]);
  }
  const numeric = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d{2})(?::\d{2})? ?([AP]M)?/i.exec(trimmed);
  if (numeric)
    return iso(numeric[3] ?? '', Number(numeric[1]), numeric[2] ?? '', numeric[4] ?? '', numeric[5] ?? '', numeric[6]);
  return trimmed;
}

export const DAY_MS = 86_400_000;

/** MM/DD/YYYY (the list's date filter) as a UTC day, or null. */
export function parseUsDate(text: string): number | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const day = Date.UTC(Number(match[3]), Number(match[1]) - 1, Number(match[2]));
  return new Date(day).getUTCDate() === Number(match[2]) ? day : null;
}

export function usDate(day: number): string {
  const date = new Date(day);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${date.getUTCFullYear()}`;
}

interface DateRange {
  from: string;
  to: string;
}

/**
 * A date range (both days included) as ranges of at most `maxDays` days each, newest first as the list shows
 * recordings; together they cover every day once. A range that cannot be read is passed on as it is.
 */
export function splitRange(range: DateRange, maxDays: number): DateRange[] {
  const from = parseUsDate(range.from);
  const to = parseUsDate(range.to);
  if (from === null || to === null || to < from || maxDays < 1) return [range];
  const parts: DateRange[] = [];
  for (let end = to; end >= from; end -= maxDays * DAY_MS) {
    const start = Math.max(from, end - (maxDays - 1) * DAY_MS);
    parts.push({ from: usDate(start), to: usDate(end) });
  }
  return parts;
}
