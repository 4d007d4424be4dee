// The one message protocol between the pages' content scripts, the extension's pages and the background.
// Commands are one-shot messages; progress flows over a long-lived port. Everything that arrives from a
// content script is checked here first: a page can be hostile, so its words are data, never orders.

import type { DeletionOutcome } from './archive/delete-verified';
import type { Verification } from './archive/verified';
import { type ErrorInfo, ExportError } from './errors';
import type { JobState } from './export/job-state';
import { MAX_TEMPLATE_CHARS, templateProblem } from './export/name-template';
import type { ExportRate } from './export/rate';
import { FILE_CHOICES, type FileChoice, isFileChoice } from './file-choices';
import type { Destination, Recording, RecordingStatus, SiteId } from './model';
import type { DestinationName, S3Destination } from './s3/destination';

export const PROGRESS_PORT = 'reclaim-progress';

export const MAX_RECORDINGS_PER_EXPORT = 10_000;

export type Command =
  | {
      type: 'export';
      site: SiteId;
      destination: Destination;
      /** With destination 's3': which of the user's S3 destinations (its id; the keys stay in the background). */
      destinationId?: string;
      origin: string;
      recordings: Recording[];
      /** Where each file goes (name-template.ts); the settings' template when absent. */
      nameTemplate?: string;
      /** The kinds of files and views left out; the settings' choice when absent. */
      skippedFiles?: FileChoice[];
      /** The export's name as the user gave it in the bar ("Zoom · search ‘Biology’ · 37 recordings"). */
      name?: string;
      /** Leave out files already archived in this destination (the bar's Skip what is archived). */
      skipArchived?: boolean;
      /** S3: confirm archived objects are still in the bucket first (the bar's Check the bucket). */
      checkBucket?: boolean;
    }
  /** From our content script on a platform page: where and when these recordings were archived (marks, the bar). */
  | { type: 'archived'; site: SiteId; origin: string; recordingIds: string[] }
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
  | { type: 'open-history'; jobId: number }
  | CleanupCommand;

/**
 * From our content script on a platform page: which of these recordings are archived and verified in a destination
 * now (the deletion report, the archived list, the deletion's confirmation), and deleting those (opt-in).
 */
export type CleanupCommand =
  | { type: 'cleanup-verify'; site: SiteId; origin: string; destination: string; recordingIds: string[] }
  | {
      type: 'cleanup-delete';
      site: SiteId;
      origin: string;
      destination: string;
      recordingIds: string[];
      /** The count the user typed to confirm. */
      confirmedCount: number;
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

export type CommandReply =
  | {
      ok: true;
      jobId?: number;
      destinations?: DestinationName[];
      archived?: ArchivedRecording[];
      /** cleanup-verify, cleanup-delete */
      verification?: Verification;
      deletion?: DeletionOutcome;
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

const SITES: SiteId[] = ['zoom', 'collaborate'];
const DESTINATIONS: Destination[] = ['zip', 'folder', 's3'];
const STATUSES: RecordingStatus[] = ['ready', 'processing', 'unavailable'];

function invalid(what: string): never {
  throw new ExportError({ code: 'bad-request', detail: what });
}

function text(value: unknown, max: number, what: string): string {
  if (typeof value !== 'string' || value.length > max) invalid(what);
  return value;
}

function optionalNumber(value: unknown, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(what);
  return value;
}

function recording(value: unknown, site: SiteId): Recording {
  const raw = (value ?? {}) as Record<string, unknown>;
  const columns: Record<string, string> = {};
  const rawColumns = (raw.columns ?? {}) as Record<string, unknown>;
  if (typeof rawColumns !== 'object' || Object.keys(rawColumns).length > 200) invalid('columns');
  for (const [key, cell] of Object.entries(rawColumns)) columns[text(key, 200, 'column')] = text(cell, 10_000, 'cell');
  const status = raw.status as RecordingStatus;
  if (!STATUSES.includes(status)) invalid('status');
  return {
    site,
    id: text(raw.id, 500, 'id'),
    title: text(raw.title, 2_000, 'title'),
    shownId: raw.shownId === undefined ? undefined : text(raw.shownId, 200, 'shownId'),
    owner: raw.owner === undefined ? undefined : text(raw.owner, 500, 'owner'),
    startedAt: text(raw.startedAt, 100, 'startedAt'),
    durationSec: optionalNumber(raw.durationSec, 'durationSec'),
    sizeBytes: optionalNumber(raw.sizeBytes, 'sizeBytes'),
    sizeRough: raw.sizeRough === true ? true : undefined,
    status,
    columns,
  };
}

function nameTemplate(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (templateProblem(text(value, MAX_TEMPLATE_CHARS, 'nameTemplate')) !== null) invalid('nameTemplate');
  return value as string;
}

function skippedFiles(value: unknown): FileChoice[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > FILE_CHOICES.length || !value.every(isFileChoice))
    invalid('skippedFiles');
  return [...new Set(value)];
}

/** Checks a message's shape; throws a `bad-request` ExportError for anything else. */
export function parseCommand(message: unknown): Command {
  const raw = (message ?? {}) as Record<string, unknown>;
  if (
    raw.type === 'pause' ||
    raw.type === 'resume' ||
    raw.type === 'cancel' ||
    raw.type === 'retry-failed' ||
    raw.type === 'delete-export' ||
    raw.type === 'open-history'
  ) {
    if (!Number.isSafeInteger(raw.jobId)) invalid('jobId');
    return { type: raw.type, jobId: raw.jobId as number };
  }
  if (raw.type === 'list-destinations' || raw.type === 'open-notify-settings') return { type: raw.type };
  if (raw.type === 'ticked-count') {
    if (!Number.isSafeInteger(raw.count) || (raw.count as number) < 0) invalid('count');
    return { type: raw.type, count: raw.count as number };
  }
  if (raw.type === 'site-token') {
    const site = raw.site as SiteId;
    if (!SITES.includes(site)) invalid('site');
    return { type: raw.type, site, origin: text(raw.origin, 300, 'origin'), token: text(raw.token, 8192, 'token') };
  }
  if (raw.type === 'test-connection') {
    const destination = raw.destination;
    if (typeof destination !== 'object' || destination === null) invalid('destination');
    return { type: raw.type, destination: destination as Record<string, unknown> };
  }
  if (raw.type === 'cleanup-verify' || raw.type === 'cleanup-delete') return cleanupCommand(raw);
  if (raw.type === 'archived') {
    const site = raw.site as SiteId;
    if (!SITES.includes(site)) invalid('site');
    if (!Array.isArray(raw.recordingIds) || raw.recordingIds.length > MAX_RECORDINGS_PER_EXPORT)
      invalid('recordingIds');
    return {
      type: raw.type,
      site,
      origin: text(raw.origin, 300, 'origin'),
      recordingIds: raw.recordingIds.map((id) => text(id, 500, 'id')),
    };
  }
  if (raw.type !== 'export') invalid('type');
  const site = raw.site as SiteId;
  if (!SITES.includes(site)) invalid('site');
  const destination = raw.destination as Destination;
  if (!DESTINATIONS.includes(destination)) invalid('destination');
  if (!Array.isArray(raw.recordings) || raw.recordings.length === 0) invalid('recordings');
  if (raw.recordings.length > MAX_RECORDINGS_PER_EXPORT) invalid('too many recordings');
  const destinationId = destination === 's3' ? text(raw.destinationId, 100, 'destinationId') : undefined;
  return {
    type: 'export',
    site,
    destination,
    destinationId,
    origin: text(raw.origin, 300, 'origin'),
    recordings: raw.recordings.map((r) => recording(r, site)),
    nameTemplate: nameTemplate(raw.nameTemplate),
    skippedFiles: skippedFiles(raw.skippedFiles),
    name: exportNameOf(raw.name),
    skipArchived: optionalFlag(raw.skipArchived, 'skipArchived'),
    checkBucket: optionalFlag(raw.checkBucket, 'checkBucket'),
  };
}

/** A destination key (`zip`, `folder`, `s3:<id>`) and recording ids, checked like an export's. */
function cleanupCommand(raw: Record<string, unknown>): CleanupCommand {
  const site = raw.site as SiteId;
  if (!SITES.includes(site)) invalid('site');
  const destination = text(raw.destination, 110, 'destination');
  if (!/^(zip|folder|s3:[\w-]{1,100})$/.test(destination)) invalid('destination');
  if (!Array.isArray(raw.recordingIds) || raw.recordingIds.length > MAX_RECORDINGS_PER_EXPORT) invalid('recordingIds');
  const recordingIds = raw.recordingIds.map((id) => text(id, 500, 'recordingId'));
  const origin = text(raw.origin, 300, 'origin');
  if (raw.type === 'cleanup-verify') return { type: 'cleanup-verify', site, origin, destination, recordingIds };
  if (!Number.isSafeInteger(raw.confirmedCount) || (raw.confirmedCount as number) < 1) invalid('confirmedCount');
  const confirmedCount = raw.confirmedCount as number;
  return { type: 'cleanup-delete', site, origin, destination, recordingIds, confirmedCount };
}

function optionalFlag(value: unknown, what: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') invalid(what);
  return value;
}

/** An export's name from a page: short, one line, no control characters (it becomes a ZIP's or folder's name). */
function exportNameOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const name = text(value, 120, 'name').trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here.
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) invalid('name');
  return name || undefined;
}

/**
 * From the worker to a list page's content script: a context menu entry the user chose. The page acts through its
 * bar (the same commands as the bar's buttons), so that the export shows there.
 */
export type MenuCommand =
  | {
      target: 'page';
      type: 'menu-recording';
      destination: Destination;
      destinationId?: string;
      /** The link right-clicked; absent when it was a row that is no link (the page remembers which row). */
      linkUrl?: string;
    }
  | { target: 'page'; type: 'menu-matching' }
  | { target: 'page'; type: 'menu-ticked'; destination: Destination; destinationId?: string };

/** Checks a menu command's shape; null for anything else. */
export function parseMenuCommand(message: unknown): MenuCommand | null {
  const raw = (message ?? {}) as Record<string, unknown>;
  if (raw.target !== 'page') return null;
  if (raw.type === 'menu-matching') return { target: 'page', type: raw.type };
  if (raw.type !== 'menu-recording' && raw.type !== 'menu-ticked') return null;
  const destination = raw.destination as Destination;
  if (!DESTINATIONS.includes(destination)) return null;
  let destinationId: string | undefined;
  if (destination === 's3') {
    if (typeof raw.destinationId !== 'string' || raw.destinationId.length > 100) return null;
    destinationId = raw.destinationId;
  }
  if (raw.type === 'menu-ticked') return { target: 'page', type: raw.type, destination, destinationId };
  if (raw.linkUrl !== undefined && (typeof raw.linkUrl !== 'string' || raw.linkUrl.length > 4096)) return null;
  return { target: 'page', type: raw.type, destination, destinationId, linkUrl: raw.linkUrl as string | undefined };
}

/** From the background to the offscreen document (Chrome): navigate a frame to this extension URL to save it. */
export type OffscreenCommand = { target: 'offscreen'; type: 'save-url'; url: string };

export function isOffscreenCommand(message: unknown): message is OffscreenCommand {
  const raw = (message ?? {}) as Record<string, unknown>;
  return raw.target === 'offscreen' && raw.type === 'save-url' && typeof raw.url === 'string';
}
