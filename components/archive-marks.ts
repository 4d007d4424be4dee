// What a platform page shows of the archive ledger: a small mark on each row whose every chosen file is archived
// (its title says where and when), and the bar's count of a selection already archived. The page asks the
// background (the ledger lives in the extension's own database, which a page cannot read).
import { browser } from 'wxt/browser';
import { formatDateTime, formatSize } from '@/utils/format';
import { plural, t } from '@/utils/i18n';
import type { Recording, SiteId } from '@/utils/model';
import type { ArchivedPlace, ArchivedRecording, Command, CommandReply } from '@/utils/protocol';

const MARK_ID = 'reclaim-archived-mark';

export async function askArchived(site: SiteId, origin: string, recordingIds: string[]): Promise<ArchivedRecording[]> {
  if (recordingIds.length === 0) return [];
  const command: Command = { type: 'archived', site, origin, recordingIds };
  const reply = (await browser.runtime.sendMessage(command)) as CommandReply;
  return reply.ok ? (reply.archived ?? []) : [];
}

/** Where, in the user's words: the S3 destination's name, a ZIP, the Downloads folder. */
export function placeName(place: Pick<ArchivedPlace, 'destination' | 'name'>): string {
  if (place.destination === 'zip') return t('archivePlaceZip');
  if (place.destination === 'folder') return t('archivePlaceFolder');
  return place.name ?? place.destination.replace(/^s3:/, '');
}

/** The places holding every chosen file of the recording. */
export function completePlaces(places: readonly ArchivedPlace[] | undefined): ArchivedPlace[] {
  return (places ?? []).filter((place) => place.complete);
}

/** Gives the row its mark when the recording is archived somewhere, takes it away when not (any more). */
export function markRow(row: Element, places: readonly ArchivedPlace[] | undefined): void {
  const complete = completePlaces(places);
  let mark = row.querySelector<HTMLElement>(`[data-testid="${MARK_ID}"]`);
  if (complete.length === 0) {
    mark?.remove();
    return;
  }
  if (!mark) {
    mark = document.createElement('span');
    mark.dataset.testid = MARK_ID;
    mark.setAttribute('role', 'img');
    mark.textContent = '✓';
    mark.style.cssText =
      'float: inline-start; margin: 0 6px 0 0; padding: 0 4px; border-radius: 8px; font-size: 11px; ' +
      'line-height: 16px; color: #fff; background: #1a7f37; cursor: help;';
    const cell = row.querySelector('td, [role="cell"], [role="gridcell"]') ?? row;
    // After our checkbox, when the row has one: box, mark, then the platform's own text.
    const box = cell.querySelector('input[data-testid="reclaim-row-checkbox"]');
    if (box) box.after(mark);
    else cell.prepend(mark);
  }
  const title = complete.map((place) => t('archiveMarkTitle', placeName(place), formatDateTime(place.at))).join('\n');
  if (mark.title !== title) mark.title = title;
  const label = `${t('archiveMarkLabel')}: ${title}`;
  if (mark.getAttribute('aria-label') !== label) mark.setAttribute('aria-label', label);
}

export function removeArchivedMarks(root: ParentNode): void {
  for (const mark of Array.from(root.querySelectorAll(`[data-testid="${MARK_ID}"]`))) mark.remove();
}

/** The destination holding most of the selection (every chosen file of a recording there), and what it holds of it. */
export function mostArchived(
  chosen: readonly Recording[],
  archived: ReadonlyMap<string, readonly ArchivedPlace[]>,
): { place: ArchivedPlace; archived: Recording[]; left: Recording[] } | undefined {
  const counts = new Map<string, { place: ArchivedPlace; count: number }>();
  for (const recording of chosen) {
    for (const place of completePlaces(archived.get(recording.id))) {
      const seen = counts.get(place.destination);
      counts.set(place.destination, { place: seen?.place ?? place, count: (seen?.count ?? 0) + 1 });
    }
  }
  const best = [...counts.values()].sort((a, b) => b.count - a.count)[0];
  if (!best) return undefined;
  const isThere = (recording: Recording) =>
    completePlaces(archived.get(recording.id)).some((place) => place.destination === best.place.destination);
  return { place: best.place, archived: chosen.filter(isThere), left: chosen.filter((r) => !isThere(r)) };
}

/** What the bar knows of new files in the archived recordings: being listed, counted, or left to the export. */
export type NewFilesNote = { state: 'checking' } | { state: 'counted'; count: number } | { state: 'later' };

function newFilesText(note: NewFilesNote | undefined): string | undefined {
  if (!note) return undefined;
  if (note.state === 'checking') return t('archiveNewFilesChecking');
  if (note.state === 'later') return t('archiveNewFilesLater');
  return note.count > 0 ? plural('archiveNewFiles', note.count) : undefined;
}

/**
 * "112 recordings · 40 already archived to Archive · 1 new file in them · 72 to go · 31 GB": said for the
 * destination holding most of the selection; nothing when none of it is archived anywhere.
 */
export function archiveSummary(
  chosen: readonly Recording[],
  archived: ReadonlyMap<string, readonly ArchivedPlace[]>,
  newFiles?: NewFilesNote,
): string | undefined {
  const most = mostArchived(chosen, archived);
  if (!most) return undefined;
  const bytes = most.left.reduce((sum, recording) => sum + (recording.sizeBytes ?? 0), 0);
  return [
    plural('archiveRecordings', chosen.length),
    plural('archiveAlready', most.archived.length, placeName(most.place)),
    newFilesText(newFiles),
    t('archiveToGo', most.left.length, formatSize(bytes)),
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}
