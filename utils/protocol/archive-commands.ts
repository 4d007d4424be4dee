// The archive ledger's commands, from our content script on a platform page (or an extension page): where
// recordings are archived, verified in one destination when asked, and deleting those verified (opt-in).
import type { FileChoice } from '../file-choices';
import type { Recording, SiteId } from '../model';
import { recordingOf, skippedFiles } from './export-command';
import { invalid, originOf, recordingIdsOf, siteOf, text } from './fields';

/** Archived recordings whose files the bar may have listed at once: a bigger selection hears of new files at the export. */
export const MAX_RECORDINGS_CHECKED = 200;

export type ArchiveCommand =
  /**
   * Where these recordings are archived (the rows' marks, the bar's count, Select archived). With `verifyIn` (a
   * destination key), also which of them are archived and verified there right now, each S3 object asked for:
   * the deletion report, the archived list and the deletion's confirmation are made of that answer.
   */
  | { type: 'archived'; site: SiteId; origin: string; recordingIds: string[]; verifyIn?: string }
  | {
      type: 'cleanup-delete';
      site: SiteId;
      origin: string;
      destination: string;
      recordingIds: string[];
      /** The count the user typed to confirm. */
      confirmedCount: number;
    }
  /**
   * The bar, before an export: how many files of these recordings (those archived in `destination`) are new or
   * changed since, their files listed through the platform. At most MAX_RECORDINGS_CHECKED recordings.
   */
  | {
      type: 'new-files';
      site: SiteId;
      origin: string;
      destination: string;
      recordings: Recording[];
      skippedFiles: FileChoice[];
    };

/** Where one recording is archived: each destination holding every file its exports chose, or some of them. */
export interface ArchivedPlace {
  /** `zip`, `folder` or `s3:<destination id>` (archive/ledger.ts). */
  destination: string;
  /** The S3 destination's name; absent for the ZIP and the folder. */
  name?: string;
  /** When its last file was archived there. */
  at: number;
  files: number;
  /** Every file its exports chose is archived there. */
  complete: boolean;
}

export interface ArchivedRecording {
  id: string;
  places: ArchivedPlace[];
}

/** A destination key as the ledger writes it: `zip`, `folder`, `s3:<id>`. */
function destinationKeyOf(value: unknown, what: string): string {
  const destination = text(value, 110, what);
  if (!/^(zip|folder|s3:[\w-]{1,100})$/.test(destination)) invalid(what);
  return destination;
}

export function parseArchiveCommand(raw: Record<string, unknown>): ArchiveCommand {
  const site = siteOf(raw.site);
  const origin = originOf(raw.origin);
  if (raw.type === 'new-files') {
    if (!Array.isArray(raw.recordings) || raw.recordings.length > MAX_RECORDINGS_CHECKED) invalid('recordings');
    return {
      type: 'new-files',
      site,
      origin,
      destination: destinationKeyOf(raw.destination, 'destination'),
      recordings: raw.recordings.map((recording) => recordingOf(recording, site)),
      skippedFiles: skippedFiles(raw.skippedFiles) ?? [],
    };
  }
  const recordingIds = recordingIdsOf(raw.recordingIds);
  if (raw.type === 'archived') {
    const verifyIn = raw.verifyIn === undefined ? undefined : destinationKeyOf(raw.verifyIn, 'verifyIn');
    return { type: 'archived', site, origin, recordingIds, verifyIn };
  }
  const destination = destinationKeyOf(raw.destination, 'destination');
  if (!Number.isSafeInteger(raw.confirmedCount) || (raw.confirmedCount as number) < 1) invalid('confirmedCount');
  const confirmedCount = raw.confirmedCount as number;
  return { type: 'cleanup-delete', site, origin, destination, recordingIds, confirmedCount };
}
