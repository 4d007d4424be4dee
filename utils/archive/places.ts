// Where recordings are archived, for the platform's own rows (a mark, its title saying where and when) and the
// bar (how many of a selection are archived already, Select archived). Every destination counts.
import { db } from '../db';
import type { SiteId } from '../model';
import type { ArchivedPlace, ArchivedRecording } from '../protocol';
import { type ArchiveEntry, isArchived } from './ledger';

export async function archivedPlaces(site: SiteId, recordingIds: string[]): Promise<ArchivedRecording[]> {
  const entries = await db.archive
    .where('[site+recordingId]')
    .anyOf(recordingIds.map((id) => [site, id]))
    .toArray();
  const byRecording = new Map<string, ArchiveEntry[]>();
  for (const entry of entries)
    byRecording.set(entry.recordingId, [...(byRecording.get(entry.recordingId) ?? []), entry]);
  return [...byRecording].map(([id, all]) => ({ id, places: placesOf(all) }));
}

function placesOf(entries: ArchiveEntry[]): ArchivedPlace[] {
  const byDestination = new Map<string, ArchiveEntry[]>();
  for (const entry of entries)
    byDestination.set(entry.destination, [...(byDestination.get(entry.destination) ?? []), entry]);
  return [...byDestination].map(([destination, held]) => ({
    destination,
    name: held.find((entry) => entry.destinationName)?.destinationName,
    at: Math.max(...held.map((entry) => entry.archivedAt)),
    files: held.length,
    complete: isArchived(held),
  }));
}
