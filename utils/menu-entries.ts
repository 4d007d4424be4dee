// The context menu's entries, and what each asks of the page when chosen: pure, built from the adapters' places
// (site.ts, MenuPlaces) and the user's S3 destinations. The worker creates them (context-menu.ts); the page's bar
// carries them out (components/page-menu.ts).
import { t } from './i18n';
import type { Destination } from './model';
import type { MenuCommand } from './protocol';
import type { DestinationName } from './s3/destination';
import type { MenuPlaces } from './sites/site';

export type MenuContext = 'page' | 'link';

/** One entry as the menus API creates it. */
export interface MenuEntry {
  id: string;
  parentId?: string;
  title: string;
  contexts: MenuContext[];
  documentUrlPatterns: string[];
  targetUrlPatterns?: string[];
  visible?: boolean;
}

/** The entry shown only while the page in front has ticked rows (its children go with it). */
export const TICKED_ENTRY = 'ticked';
const SEP = '|';

interface Target {
  destination: Destination;
  destinationId?: string;
  /** The part of an entry's id naming where it goes. */
  key: string;
}

function targets(destinations: DestinationName[]): Array<Target & { name?: string }> {
  return [
    { destination: 'zip', key: 'zip' },
    { destination: 'folder', key: 'folder' },
    ...destinations.map((choice) => ({
      destination: 's3' as const,
      destinationId: choice.id,
      key: `s3${SEP}${choice.id}`,
      name: choice.name,
    })),
  ];
}

function recordingTitle(target: Target & { name?: string }): string {
  if (target.destination === 'zip') return t('menuRecordingZip');
  if (target.destination === 'folder') return t('menuRecordingFolder');
  return t('menuRecordingS3', target.name ?? '');
}

function tickedTitle(target: Target & { name?: string }): string {
  if (target.destination === 'zip') return t('menuTickedZip');
  if (target.destination === 'folder') return t('menuTickedFolder');
  return t('menuTickedS3', target.name ?? '');
}

/**
 * Every entry of the menu, for every platform at once: one recording's entries on links to a recording (and on
 * the list itself where rows are no links), the list's entries on list pages, nowhere else.
 */
export function menuEntries(places: MenuPlaces[], destinations: DestinationName[], ticked: boolean): MenuEntry[] {
  const listPages = places.flatMap((place) => place.listPages);
  const recordingLinks = places.flatMap((place) => place.recordingLinks);
  const rowLists = places.filter((place) => place.rowsWithoutLinks).flatMap((place) => place.listPages);
  const entries: MenuEntry[] = [];
  for (const target of targets(destinations)) {
    const title = recordingTitle(target);
    entries.push({
      id: `recording${SEP}${target.key}`,
      title,
      contexts: ['link'],
      documentUrlPatterns: listPages,
      targetUrlPatterns: recordingLinks,
    });
    if (rowLists.length > 0)
      entries.push({ id: `row${SEP}${target.key}`, title, contexts: ['page'], documentUrlPatterns: rowLists });
  }
  entries.push({ id: 'matching', title: t('menuMatching'), contexts: ['page'], documentUrlPatterns: listPages });
  entries.push({
    id: TICKED_ENTRY,
    title: t('menuTicked'),
    contexts: ['page'],
    documentUrlPatterns: listPages,
    visible: ticked,
  });
  for (const target of targets(destinations)) {
    entries.push({
      id: `${TICKED_ENTRY}${SEP}${target.key}`,
      parentId: TICKED_ENTRY,
      title: tickedTitle(target),
      contexts: ['page'],
      documentUrlPatterns: listPages,
    });
  }
  return entries;
}

function targetOf(parts: string[]): Pick<Target, 'destination' | 'destinationId'> | null {
  const [destination, ...rest] = parts;
  if (destination === 'zip' || destination === 'folder') return rest.length === 0 ? { destination } : null;
  if (destination === 's3' && rest.length > 0) return { destination, destinationId: rest.join(SEP) };
  return null;
}

/** What the page is asked to do when an entry is chosen; null for an entry that is not ours. */
export function commandOfEntry(entryId: string, linkUrl?: string): MenuCommand | null {
  const [kind, ...rest] = entryId.split(SEP);
  if (kind === 'matching' && rest.length === 0) return { target: 'page', type: 'menu-matching' };
  const target = targetOf(rest);
  if (!target) return null;
  if (kind === TICKED_ENTRY) return { target: 'page', type: 'menu-ticked', ...target };
  if (kind === 'recording') return { target: 'page', type: 'menu-recording', ...target, linkUrl };
  if (kind === 'row') return { target: 'page', type: 'menu-recording', ...target };
  return null;
}
