// New files in archived recordings, before an export starts: Zoom's list rows do not list a recording's files, so a
// transcript added later to an archived meeting is only seen by listing its files again. The bar asks for the
// ticked recordings that are archived in one destination; each is listed through its platform's adapter (as the
// export's plan lists it, a few at a time) and compared with the ledger the way the plan will compare it.
import { inBatches, RECORDINGS_AT_ONCE } from '../export/listing';
import { type FileChoice, isWanted } from '../file-choices';
import type { Recording, RecordingFile, SiteId } from '../model';
import { MAX_RECORDINGS_CHECKED } from '../protocol/archive-commands';
import { adapterFor } from '../sites/registry';
import { archivedOf, compareWithArchive, type DestinationKey, isArchived } from './ledger';

export interface NewFilesRequest {
  site: SiteId;
  origin: string;
  destination: DestinationKey;
  recordings: Recording[];
  /** The kinds of file the export leaves out: a new file of such a kind is not exported, so it is not counted. */
  skippedFiles: readonly FileChoice[];
}

export interface NewFilesCount {
  /** Files not in the ledger for the destination, or announced now at another size, by recording id. */
  byRecording: Record<string, number>;
  /** Recordings archived there whose files could not be listed now (their new files are found at the export). */
  unlisted: string[];
}

export type ListFiles = (origin: string, recording: Recording) => Promise<RecordingFile[]>;

/** Counts the new files of the recordings archived (every chosen file) in the destination; others are not listed. */
export async function countNewFiles(request: NewFilesRequest, listFiles?: ListFiles): Promise<NewFilesCount> {
  const list = listFiles ?? adapterFor(request.site)?.listFiles;
  const byId = await archivedOf(
    request.destination,
    request.site,
    request.recordings.map((recording) => recording.id),
  );
  const archived = request.recordings
    .filter((recording) => isArchived(byId.get(recording.id) ?? []))
    .slice(0, MAX_RECORDINGS_CHECKED);
  const counted = await inBatches(archived, RECORDINGS_AT_ONCE, async (recording) => {
    try {
      if (!list) throw new Error('no adapter');
      const files = (await list(request.origin, recording)).filter((file) => isWanted(file, request.skippedFiles));
      const { fresh, changed } = compareWithArchive(byId.get(recording.id) ?? [], files);
      return { id: recording.id, count: fresh.length + changed.length };
    } catch {
      return { id: recording.id, count: undefined };
    }
  });
  const result: NewFilesCount = { byRecording: {}, unlisted: [] };
  for (const { id, count } of counted) {
    if (count === undefined) result.unlisted.push(id);
    else result.byRecording[id] = count;
  }
  return result;
}
