// The one message protocol between the pages' content scripts, the extension's pages and the background: every
// command is listed here, and every message is checked here before anything acts on it (a page can be hostile,
// so its words are data, never orders). Commands are one-shot messages; progress flows over a long-lived port.
// The families' fields are checked in their own files; who may send each command is utils/senders.ts.
import type { DeletionOutcome } from '../archive/delete-verified';
import type { NewFilesCount } from '../archive/new-files';
import type { Verification } from '../archive/verified';
import type { ErrorInfo } from '../errors';
import type { JobState } from '../export/job-state';
import type { ExportRate } from '../export/rate';
import type { Destination, SiteId } from '../model';
import type { DestinationName, S3Destination } from '../s3/destination';
import { type ArchiveCommand, type ArchivedRecording, parseArchiveCommand } from './archive-commands';
import { type ExportCommand, parseExportCommand } from './export-command';
import { invalid, originOf, siteOf, text } from './fields';

export type { ArchiveCommand, ArchivedPlace, ArchivedRecording } from './archive-commands';
export { MAX_RECORDINGS_CHECKED } from './archive-commands';
export type { ExportCommand } from './export-command';
export { MAX_RECORDINGS_PER_EXPORT } from './fields';
export { isOffscreenCommand, type MenuCommand, type OffscreenCommand, parseMenuCommand } from './page-commands';

export const PROGRESS_PORT = 'reclaim-progress';

export type Command =
  | ExportCommand
  | ArchiveCommand
  | { type: 'pause' | 'resume' | 'cancel'; jobId: number }
  /** From the history page only: a new export of an ended export's failed files; forgetting an ended export. */
  | { type: 'retry-failed' | 'delete-export'; jobId: number }
  /** From our content script on a platform page: the page's credentials (Collaborate's LTI token), for exports. */
  | { type: 'site-token'; site: SiteId; origin: string; token: string }
  /** The S3 destinations to choose from: names and buckets only. */
  | { type: 'list-destinations' }
  /** From the options page only: try a destination as typed (it may not be saved yet). */
  | { type: 'test-connection'; destination: Partial<Record<keyof S3Destination, unknown>> }
  /** From our content script on a list page: how many recordings are ticked there (the menu's "ticked" entry). */
  | { type: 'ticked-count'; count: number }
  /** The bar's notification offer: a page cannot ask for the permission, the options page can. */
  | { type: 'open-notify-settings' }
  /** "See which in the history": the history page at one export (the bar cannot open an extension page itself). */
  | { type: 'open-history'; jobId: number };

export type CommandReply =
  | {
      ok: true;
      jobId?: number;
      destinations?: DestinationName[];
      /** archived */
      archived?: ArchivedRecording[];
      /** archived with verifyIn */
      verification?: Verification;
      /** cleanup-delete */
      deletion?: DeletionOutcome;
      /** new-files */
      newFiles?: NewFilesCount;
    }
  | { ok: false; error: ErrorInfo };

/** What the bar and the popup are told about a job; a projection of the database row. */
export interface JobSnapshot {
  id: number;
  name: string;
  site: SiteId;
  /** The platform address the export is of: a page hears only of its own address's exports. */
  origin: string;
  destination: Destination;
  volumeCount: number;
  /** S3 copies: the copy id and where its folder is (`bucket/prefix/copy id`). */
  copyId?: string;
  copyPlace?: string;
  state: JobState;
  fileCount: number;
  filesDone: number;
  filesFailed: number;
  filesSkipped: number;
  bytesTotal: number;
  bytesDone: number;
  /** While running, once measured (export/rate.ts). */
  rate?: ExportRate;
  error?: ErrorInfo;
}

export type ProgressMessage = { type: 'job'; job: JobSnapshot };

/** Checks a message's shape; throws a `bad-request` ExportError for anything else. */
export function parseCommand(message: unknown): Command {
  const raw = (message ?? {}) as Record<string, unknown>;
  switch (raw.type) {
    case 'export':
      return parseExportCommand(raw);
    case 'archived':
    case 'cleanup-delete':
    case 'new-files':
      return parseArchiveCommand(raw);
    case 'pause':
    case 'resume':
    case 'cancel':
    case 'retry-failed':
    case 'delete-export':
    case 'open-history':
      if (!Number.isSafeInteger(raw.jobId)) invalid('jobId');
      return { type: raw.type, jobId: raw.jobId as number };
    case 'list-destinations':
    case 'open-notify-settings':
      return { type: raw.type };
    case 'ticked-count':
      if (!Number.isSafeInteger(raw.count) || (raw.count as number) < 0) invalid('count');
      return { type: raw.type, count: raw.count as number };
    case 'site-token':
      return {
        type: raw.type,
        site: siteOf(raw.site),
        origin: originOf(raw.origin),
        token: text(raw.token, 8192, 'token'),
      };
    case 'test-connection': {
      const destination = raw.destination;
      if (typeof destination !== 'object' || destination === null) invalid('destination');
      return { type: raw.type, destination: destination as Record<string, unknown> };
    }
    default:
      return invalid('type');
  }
}
