// "Export share links as CSV": per recording what the platform's "Copy sharing information" gives one at a time,
// for the teacher who posts a semester's recordings in the course at once. Cells are guarded like every CSV's.
import { spreadsheetCsv } from '../csv';
import type { Recording } from '../model';
import type { ShareInfo } from '../sites/site';

export const SHARE_LINK_COLUMNS = ['Topic', 'Start Time', 'Share Link', 'Passcode'];

/** `2026-11-03 10:00` from the recording's ISO start: a form every spreadsheet reads as a date and sorts. */
function startText(startedAt: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(startedAt);
  return match ? `${match[1]} ${match[2]}` : startedAt;
}

/** One row per recording, in the order given; `shares[i]` belongs to `recordings[i]`. */
export function shareLinksCsv(recordings: Recording[], shares: ShareInfo[]): string {
  return spreadsheetCsv(
    SHARE_LINK_COLUMNS,
    recordings.map((recording, index) => [
      recording.title,
      startText(recording.startedAt),
      shares[index]?.link ?? '',
      shares[index]?.passcode ?? '',
    ]),
  );
}
