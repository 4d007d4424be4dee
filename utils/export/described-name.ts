// An export's default name says what is in it and the day it was made: "Zoom · search ‘Biology’ · 37 recordings ·
// 2026-12-06", or "Zoom · Lecture 3 · 2026-12-06" for one recording. The day keeps this week's export apart from
// next week's of the same search (the worker numbers two on one day), in the downloads folder as in the history.
// The typographic quotes and middle dots stay in file names: NTFS, APFS and ext4 take them, Chrome and Firefox
// download them as they are, ZIP tools read them (names are UTF-8 and flagged so), and unlike ASCII quotes they
// mean nothing to a shell. What a file name cannot hold (`/ : " * ?` …) naming.ts's safeSegment replaces.
import { t } from '../i18n';

// A long search or title would push the rest past the name's 120 characters (protocol.ts): they are shortened.
const SEARCH_CHARS = 40;
const TITLE_CHARS = 90;

export interface ExportContents {
  /** The page's search, '' for none. */
  search: string;
  count: number;
  /** The one recording's title, when there is one. */
  title?: string;
}

export function describedExportName(site: string, contents: ExportContents, now: Date): string {
  const { count, title } = contents;
  const search = shortened(contents.search, SEARCH_CHARS);
  const what =
    count === 1 && title
      ? `${site} · ${shortened(title, TITLE_CHARS)}`
      : search
        ? t('barNameSearch', site, search, count)
        : t('barNameCount', site, count);
  return `${what} · ${day(now)}`;
}

function shortened(text: string, max: number): string {
  const chars = Array.from(text.trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** `2026-12-06`, in the user's own time zone (the day they made the export). */
function day(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
