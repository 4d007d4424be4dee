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
