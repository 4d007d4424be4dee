// The export command: what a bar (or the popup's report import) asks to export, checked field by field.
import { MAX_TEMPLATE_CHARS, templateProblem } from '../export/name-template';
import { FILE_CHOICES, type FileChoice, isFileChoice } from '../file-choices';
import type { Destination, Recording, RecordingStatus, SiteId } from '../model';
import {
  DESTINATIONS,
  invalid,
  MAX_RECORDINGS_PER_EXPORT,
  optionalFlag,
  optionalNumber,
  originOf,
  siteOf,
  text,
} from './fields';

export interface ExportCommand {
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

const STATUSES: RecordingStatus[] = ['ready', 'processing', 'unavailable'];

/** A recording as a page tells it: every field checked, nothing else kept. */
export function recordingOf(value: unknown, site: SiteId): Recording {
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

export function skippedFiles(value: unknown): FileChoice[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > FILE_CHOICES.length || !value.every(isFileChoice))
    invalid('skippedFiles');
  return [...new Set(value)];
}

/** An export's name from a page: short, one line, no control characters (it becomes a ZIP's or folder's name). */
function exportNameOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const name = text(value, 120, 'name').trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here.
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) invalid('name');
  return name || undefined;
}

export function parseExportCommand(raw: Record<string, unknown>): ExportCommand {
  const site = siteOf(raw.site);
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
    origin: originOf(raw.origin),
    recordings: raw.recordings.map((r) => recordingOf(r, site)),
    nameTemplate: nameTemplate(raw.nameTemplate),
    skippedFiles: skippedFiles(raw.skippedFiles),
    name: exportNameOf(raw.name),
    skipArchived: optionalFlag(raw.skipArchived, 'skipArchived'),
    checkBucket: optionalFlag(raw.checkBucket, 'checkBucket'),
  };
}
