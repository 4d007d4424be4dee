// The user's S3 destinations, in storage.local only (never synced, never logged). The background and the
// options page read them; pages get `DestinationChoice`s, never keys.
import { browser } from 'wxt/browser';
import { choiceOf, type DestinationChoice, normaliseDestination, type S3Destination } from './destination';

const KEY = 'destinations';

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

export async function listDestinations(): Promise<S3Destination[]> {
  const stored = await browser.storage.local.get(KEY);
  return tidy(stored[KEY]);
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
  const others = (await listDestinations()).filter((d) => d.id !== destination.id);
  await browser.storage.local.set({ [KEY]: [...others, destination] });
  return destination;
}

export async function removeDestination(id: string): Promise<void> {
  const kept = (await listDestinations()).filter((d) => d.id !== id);
  await browser.storage.local.set({ [KEY]: kept });
}

/** The host permission a custom endpoint needs (asked for when it is saved); none for Amazon's own. */
export function endpointPermission(destination: Pick<S3Destination, 'endpoint'>): string | undefined {
  if (!destination.endpoint) return undefined;
  const url = new URL(destination.endpoint);
  return `${url.protocol}//${url.hostname}/*`;
}
