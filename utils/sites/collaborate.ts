// Everything Reclaim knows about Blackboard Collaborate Ultra. Facts and sources: shared/design/SITES.md.
// Paths, field names and the report's columns change when Blackboard changes them: they all sit here.
import { ExportError } from '../errors';
import type { Recording, RecordingFile } from '../model';
import { asArray, asNumber, asObject, asText } from './json';
import { isHttpsOriginOn, type SitePage } from './site';

/** Collaborate's regions, each with an app host and an LTI host (`eu.bbcollab.com`, `eu-lti.bbcollab.com`). */
const REGIONS = ['us', 'eu', 'au', 'ca', 'techpreview'];
const HOSTS = REGIONS.flatMap((region) => [`${region}.bbcollab.com`, `${region}-lti.bbcollab.com`]);

export const COLLABORATE = {
  /** `<region>-lti.bbcollab.com` serves the LTI scheduler, `<region>.bbcollab.com` the app and the REST API. */
  host: new RegExp(`^(?:(${REGIONS.join('|')})(?:-lti)?\\.)bbcollab\\.com$`, 'i'),
  /** Where a recording's files may come from: Collaborate's hosts and the S3 storage its signed links point at. */
  fileHosts: /^(?:[a-z0-9-]+\.)*(?:bbcollab\.com|amazonaws\.com)$/i,
  pages: {
    scheduler: /^\/collab\/ui\/scheduler(?:\/|$)/,
  },
  /**
   * The context menu's places (site.ts, MenuPlaces). 2026-11: the scheduler's rows are no links, so a right-click
   * on a row offers the recording's entries; a recording link (the report's form) is offered them too.
   */
  menu: {
    listPages: HOSTS.flatMap((host) => ['', '?*', '/*'].map((end) => `https://${host}/collab/ui/scheduler${end}`)),
    recordingLinks: HOSTS.map((host) => `https://${host}/recording/*`),
    rowsWithoutLinks: true,
  },
  api: '/collab/api/csa',
  endpoints: {
    recordings: '/recordings',
    /** `/recordings/<id>/url?…&disposition=download`: a signed MP4 link valid for the minutes asked. */
    url: (id: string) => `/recordings/${encodeURIComponent(id)}/url?validHours=0&validMinutes=30&disposition=download`,
    data: (id: string) => `/recordings/${encodeURIComponent(id)}/data`,
    /**
     * `DELETE /recordings/<id>` deletes the recording for good (Blackboard's public Postman collection for the CSA
     * API; the scheduler's LTI token as bearer authorises it). Any 2xx is done; 403: this token may not delete it;
     * 404: it is gone already. Collaborate keeps no trash: nothing undoes it.
     */
    recording: (id: string) => `/recordings/${encodeURIComponent(id)}`,
  },
  /** The API's largest page. */
  pageSize: 1000,
  /** A recording link in the recording report: `https://<region>.bbcollab.com/recording/<32 hex id>`. */
  recordingLink: /^\/recording\/([0-9a-f]{32})\/?$/i,
  recordingId: /^[0-9a-f]{32}$/i,
  /** The listing's query parameters that are filters, as the scheduler's own requests send them. */
  filters: ['startTime', 'endTime', 'contextId', 'name', 'sort', 'order'],
  /**
   * The scheduler's rows are undocumented (SITES.md): a row is tied to a recording only by its exact name.
   * 2026-11: the rows as seen in the scheduler; generic list rows as a fallback.
   */
  selectors: {
    row: '.recording-list__item, [role="listitem"], li, tr',
    name: '.item-name, [data-recording-name], h3, h4',
  },
} as const;

/** The recording report's columns, in Blackboard's order (SITES.md, "Recording report"). */
export const REPORT_COLUMNS = [
  'RecordingCreated',
  'SessionOwner',
  'SessionName',
  'SessionIdentifier',
  'SessionInstanceIdentifier',
  'NumberOfUniqueAttendees',
  'RecordingName',
  'RecordingLink',
  'RecordingDuration',
  'HasLiveCaptions',
  'StorageUsageGigabytes',
  'ContextIdentifier',
] as const;

const GIB = 1024 ** 3;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function detectCollaboratePage(url: string): SitePage | null {
  const parsed = parseUrl(url);
  if (parsed?.protocol !== 'https:' || !COLLABORATE.host.test(parsed.hostname)) return null;
  if (COLLABORATE.pages.scheduler.test(parsed.pathname)) return { site: 'collaborate', kind: 'scheduler' };
  return null;
}

export function isCollaborateOrigin(origin: string): boolean {
  return isHttpsOriginOn(COLLABORATE.host, origin);
}

/** The REST API's origin for a page of any region: `eu-lti.bbcollab.com` and `eu.bbcollab.com` → `eu.bbcollab.com`. */
export function apiOriginOf(origin: string): string {
  const url = new URL(origin);
  return `https://${url.hostname.toLowerCase().replace(/-lti\./, '.')}`;
}

export function apiUrl(origin: string, path: string): string {
  return `${apiOriginOf(origin)}${COLLABORATE.api}${path}`;
}

/** The recording's id from a report's `RecordingLink`, when the link is Collaborate's. */
export function idFromRecordingLink(link: string): string | undefined {
  const url = parseUrl(link.trim());
  if (!url || !isCollaborateOrigin(url.origin)) return undefined;
  return COLLABORATE.recordingLink.exec(url.pathname)?.[1]?.toLowerCase();
}

/** `RecordingCreated` as the report writes it: UTC, `YYYY-MM-DD HH:MM:SS`. */
function reportTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}

/** `RecordingDuration`: `HH:MM:ss`. */
function reportDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  const total = Math.round(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(total / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
}

/** Gigabytes with enough decimals that a round trip through the report keeps the size to the kilobyte. */
function gigabytes(bytes: number | undefined): string {
  return bytes === undefined ? '' : String(Number((bytes / GIB).toFixed(6)));
}

/** One listing result as a recording whose columns are the recording report's row for it. */
function recordingFromApi(raw: unknown, apiOrigin: string): Recording | null {
  const row = asObject(raw);
  const id = asText(row.id);
  if (!COLLABORATE.recordingId.test(id)) return null;
  const durationMs = asNumber(row.duration);
  const sizeBytes = asNumber(row.storageSize);
  const startedAt = asText(row.startTime) || asText(row.created);
  const columns: Record<string, string> = {
    RecordingCreated: reportTime(asText(row.created) || startedAt),
    SessionOwner: asText(row.ownerId),
    SessionName: asText(row.sessionName),
    SessionIdentifier: asText(row.sessionId),
    SessionInstanceIdentifier: asText(row.sessionInstanceId),
    NumberOfUniqueAttendees: asText(row.uniqueAttendees),
    RecordingName: asText(row.name),
    RecordingLink: `${apiOrigin}/recording/${id}`,
    RecordingDuration: reportDuration(durationMs),
    HasLiveCaptions: typeof row.hasLiveCaptions === 'boolean' ? String(row.hasLiveCaptions) : '',
    StorageUsageGigabytes: gigabytes(sizeBytes),
    ContextIdentifier: asText(row.contextId),
  };
  return {
    site: 'collaborate',
    id,
    title: asText(row.name) || asText(row.mediaName) || id,
    owner: asText(row.ownerId) || undefined,
    startedAt,
    durationSec: durationMs === undefined ? undefined : Math.round(durationMs / 1000),
    sizeBytes,
    status: 'ready',
    columns,
  };
}

/** A page of `GET /recordings`: how many match in all, and this page's recordings. */
export function parseRecordingList(json: unknown, apiOrigin: string): { size: number; recordings: Recording[] } {
  const answer = asObject(json);
  const recordings = asArray(answer.results).flatMap((raw) => recordingFromApi(raw, apiOrigin) ?? []);
  return { size: asNumber(answer.size) ?? recordings.length, recordings };
}

/** What `/recordings/<id>/data` says a recording has. */
export interface RecordingData {
  mediaUrl?: string;
  chatUrl?: string;
  /** Only the first caption track: the platform records only that one (SITES.md). */
  subtitleUrl?: string;
}

export function parseRecordingData(json: unknown): RecordingData {
  const answer = asObject(json);
  const stream = asArray(answer.extStreams)
    .map(asObject)
    .find((s) => /mp4/i.test(asText(s.contentType)));
  const mediaUrl = asText(answer.mediaDownloadUrl) || asText(stream?.streamUrl) || undefined;
  const chatUrl = asText(asObject(asArray(answer.chats)[0]).url) || undefined;
  const subtitleUrl = asText(asObject(asArray(answer.subtitles)[0]).url) || undefined;
  return { mediaUrl, chatUrl, subtitleUrl };
}

/**
 * The files Reclaim saves for a recording. Their addresses are the API's, not signed links: those expire, so the
 * signed link is asked for right before each download (see collaborate-client.ts).
 */
export function recordingFiles(recording: Recording, data: RecordingData, origin: string): RecordingFile[] {
  const files: RecordingFile[] = [
    {
      id: `${recording.id}/recording`,
      kind: 'video',
      ext: 'mp4',
      // Sizes from the listing are bytes; a report's gigabytes only tell roughly.
      sizeBytes: recording.sizeBytes,
      sizeExact: recording.sizeBytes !== undefined && !recording.sizeRough,
      sizeRough: recording.sizeRough,
      url: apiUrl(origin, COLLABORATE.endpoints.url(recording.id)),
    },
  ];
  if (data.chatUrl)
    files.push({
      id: `${recording.id}/chat`,
      kind: 'chat',
      ext: 'txt',
      url: apiUrl(origin, COLLABORATE.endpoints.data(recording.id)),
    });
  if (data.subtitleUrl)
    files.push({
      id: `${recording.id}/subtitles`,
      kind: 'captions',
      ext: 'vtt',
      url: apiUrl(origin, COLLABORATE.endpoints.data(recording.id)),
    });
  return files;
}

/** `[12:03:07] Ann Smith: Good morning` — one message a line, the time when the chat has one. */
/** A chat answer's bytes as the text Reclaim saves; an answer that is not JSON is not the chat either. */
export function chatFileText(answer: Uint8Array): string {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(answer));
  } catch {
    throw new ExportError({ code: 'not-media', site: 'collaborate', detail: 'not a chat' });
  }
  return chatAsText(json);
}

export function chatAsText(json: unknown): string {
  // A chat is a list of messages; anything else (an error object from the signed link) is not this chat.
  if (!Array.isArray(json)) throw new ExportError({ code: 'not-media', site: 'collaborate', detail: 'not a chat' });
  const lines = asArray(json).flatMap((raw) => {
    const message = asObject(raw);
    const body = asText(message.body) || asText(message.message) || asText(message.text);
    const speaker = asText(message.userName) || asText(message.displayName) || asText(message.name);
    if (!body && !speaker) return [];
    const time = Date.parse(asText(message.created) || asText(message.createdAt) || asText(message.time));
    const at = Number.isNaN(time) ? '' : `[${new Date(time).toISOString().slice(11, 19)}] `;
    // A message written over several lines stays one line per message, readable in any editor.
    const text = body.replace(/\r\n?|\n/g, ' ↵ ');
    return [`${at}${speaker || '?'}: ${text}`];
  });
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}
