// The user's S3 destinations, keys included, in the extension's own database: content scripts can read
// storage.local (ours do, for settings), so a platform page's compromised renderer could read the keys there; the
// database only extension pages and the worker reach. Never synced, never logged. Pages get `DestinationChoice`s
// through the worker's messages, never keys.
import { browser } from 'wxt/browser';
import { db, type StoredDestination } from '../db';
import { choiceOf, type DestinationChoice, normaliseDestination, type S3Destination } from './destination';

/** Where Reclaim before database version 4 kept them. */
const OLD_KEY = 'destinations';

function tidy(raw: unknown): S3Destination[] {
  if (!Array.isArray(raw)) return [];
  const kept: S3Destination[] = [];
  for (const entry of raw) {
    try {
      kept.push(normaliseDestination(entry as Partial<Record<keyof S3Destination, unknown>>));
    } catch {
      // A stored entry that no longer passes the checks is left out rather than used half-right.
    }
  }
  return kept;
}

/** Puts destinations last in the list, in the given order, replacing any with the same id. */
async function putLast(destinations: S3Destination[]): Promise<void> {
  await db.transaction('rw', db.destinations, async () => {
    let order = (await db.destinations.orderBy('order').last())?.order ?? 0;
    await db.destinations.bulkPut(destinations.map((destination) => ({ ...destination, order: ++order })));
  });
}

/**
 * Moves destinations an older Reclaim kept in storage.local into the database, then removes the entry. Run when
 * the database opens and before every read and write, so a move the worker was stopped in the middle of ends next
 * time; running it again is harmless (the entry is gone, or holds the same destinations again).
 */
export async function moveDestinationsOutOfStorage(): Promise<void> {
  const stored = await browser.storage.local.get(OLD_KEY);
  if (!(OLD_KEY in stored)) return;
  await putLast(tidy(stored[OLD_KEY]));
  await browser.storage.local.remove(OLD_KEY);
}

// The worker opens the database at every start (to carry on exports), so keys left by an update leave
// storage.local then, not only when an S3 destination is next used. Not awaited: the open must not wait for it.
db.on('ready', () => {
  moveDestinationsOutOfStorage().catch((error) => console.warn('Reclaim: stored destinations not moved yet', error));
});

export async function listDestinations(): Promise<S3Destination[]> {
  await moveDestinationsOutOfStorage();
  const rows = await db.destinations.orderBy('order').toArray();
  return tidy(rows.map(({ order: _, ...destination }: StoredDestination) => destination));
}

export async function destinationChoices(): Promise<DestinationChoice[]> {
  return (await listDestinations()).map(choiceOf);
}

export async function getDestination(id: string): Promise<S3Destination | undefined> {
  return (await listDestinations()).find((destination) => destination.id === id);
}

/** Adds or replaces (same id) a destination; returns it as stored. Throws `bad-request` naming a wrong field. */
export async function saveDestination(raw: Partial<Record<keyof S3Destination, unknown>>): Promise<S3Destination> {
  const destination = normaliseDestination(raw);
  await moveDestinationsOutOfStorage();
  await putLast([destination]);
  return destination;
}

export async function removeDestination(id: string): Promise<void> {
  await moveDestinationsOutOfStorage();
  await db.destinations.delete(id);
}

/** The host permission a custom endpoint needs (asked for when it is saved); none for Amazon's own. */
export function endpointPermission(destination: Pick<S3Destination, 'endpoint'>): string | undefined {
  if (!destination.endpoint) return undefined;
  const url = new URL(destination.endpoint);
  return `${url.protocol}//${url.hostname}/*`;
}
