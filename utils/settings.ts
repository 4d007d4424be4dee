// The user's settings, in storage.local (never synced). Read with defaults; written only through saveSettings.
import { browser } from 'wxt/browser';
import { DEFAULT_NAME_TEMPLATE, MAX_TEMPLATE_CHARS, templateProblem } from './export/name-template';
import { type FileChoice, isFileChoice } from './file-choices';

export interface Settings {
  /** Files downloaded at the same time in folder mode. */
  concurrency: number;
  /** The largest ZIP volume in bytes; 0 means one ZIP whatever its size. Default: the platform's own 10 GB. */
  volumeBytes: number;
  /** S3 copies: parts of one file sent at the same time. Memory is at most this × the part size (8 MiB up). */
  partsInFlight: number;
  /** Connections to the platform at once, a big file fetched in ranges over several: for the whole ZIP
   * (ranged-fetch.ts), for each file of an S3 copy (s3/parts.ts). */
  connections: number;
  /** Where each file goes inside an export (folders with `/`), see name-template.ts. */
  nameTemplate: string;
  /** The kinds of files (and video views) the user does not want; everything else is exported. */
  skippedFiles: FileChoice[];
  /** Days a finished export keeps its links and transient data in the history (history-privacy.ts). */
  keepLinksDays: number;
  /** Reclaim offered notifications once (the bar's or the popup's offer, or the options' box): never again. */
  notifyAsked: boolean;
  /** Opt-in: the bar offers to delete from Collaborate the recordings verified in the chosen destination. */
  deleteVerifiedCollaborate: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  concurrency: 3,
  volumeBytes: 10_000_000_000,
  partsInFlight: 4,
  connections: 4,
  nameTemplate: DEFAULT_NAME_TEMPLATE,
  skippedFiles: [],
  keepLinksDays: 90,
  notifyAsked: false,
  deleteVerifiedCollaborate: false,
};

const KEY = 'settings';

/** Keeps values in the range that works, whatever was stored. */
export function normaliseSettings(raw: unknown): Settings {
  const stored = (raw ?? {}) as Partial<Record<keyof Settings, unknown>>;
  const whole = (value: unknown, fallback: number, min: number, max: number) =>
    typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
  const volumeBytes = whole(stored.volumeBytes, DEFAULT_SETTINGS.volumeBytes, 0, 1e15);
  return {
    concurrency: whole(stored.concurrency, DEFAULT_SETTINGS.concurrency, 1, 8),
    // Below a megabyte a volume could not hold even one small recording file.
    volumeBytes: volumeBytes === 0 ? 0 : Math.max(1_000_000, volumeBytes),
    partsInFlight: whole(stored.partsInFlight, DEFAULT_SETTINGS.partsInFlight, 1, 8),
    connections: whole(stored.connections, DEFAULT_SETTINGS.connections, 1, 8),
    nameTemplate:
      typeof stored.nameTemplate === 'string' &&
      stored.nameTemplate.length <= MAX_TEMPLATE_CHARS &&
      templateProblem(stored.nameTemplate) === null
        ? stored.nameTemplate
        : DEFAULT_NAME_TEMPLATE,
    skippedFiles: Array.isArray(stored.skippedFiles) ? [...new Set(stored.skippedFiles.filter(isFileChoice))] : [],
    keepLinksDays: whole(stored.keepLinksDays, DEFAULT_SETTINGS.keepLinksDays, 1, 3650),
    notifyAsked: stored.notifyAsked === true,
    deleteVerifiedCollaborate: stored.deleteVerifiedCollaborate === true,
  };
}

export async function getSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return normaliseSettings(stored[KEY]);
}

export async function saveSettings(settings: Settings): Promise<Settings> {
  const clean = normaliseSettings(settings);
  await browser.storage.local.set({ [KEY]: clean });
  return clean;
}
