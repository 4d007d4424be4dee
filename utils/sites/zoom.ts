// Everything Reclaim knows about Zoom's web portal. Facts and sources: shared/design/SITES.md.
// Selectors and paths change when Zoom changes its site: keep old and new side by side, dated.
import { ExportError } from '../errors';
import type { FileKind, Recording, RecordingFile } from '../model';
import { asArray, asNumber, asObject, asText } from './json';
import { isHttpsOriginOn, type SitePage } from './site';
import { parseZoomTime } from './zoom-time';

export const ZOOM = {
  /** zoom.us, usNNweb.zoom.us and vanity <org>.zoom.us; always https. */
  host: /^(?:[a-z0-9-]+\.)*zoom\.us$/i,
  pages: {
    list: /^\/recording\/?$/,
    adminList: /^\/recording\/management\/?$/,
    detail: /^\/recording(?:\/management)?\/detail\/?$/,
  },
  /** The context menu's places (site.ts, MenuPlaces): the list pages above and the links to a detail page. */
  menu: {
    listPages: ['/recording', '/recording/management'].flatMap((path) =>
      ['', '?*', '/', '/?*'].map((end) => `https://*.zoom.us${path}${end}`),
    ),
    recordingLinks: ['/recording/detail', '/recording/management/detail'].flatMap((path) =>
      ['?*meeting_id=*', '/?*meeting_id=*'].map((end) => `https://*.zoom.us${path}${end}`),
    ),
  },
  /** Where Zoom sends a browser whose session has ended. */
  signIn: /^\/(?:signin|login)\b/,
  selectors: {
    // 2026-11: the link every row has to its detail page is the steadiest hook on old and new portals.
    detailLink: 'a[href*="detail?meeting_id="]',
    // New (Vue) portal rows, then the older portal's, then generic table and list rows.
    row: '.zm-table__row, tr, [role="row"], .clips_container, li',
    // Rows of the list without a detail link: a redesign we cannot read (the table is still there).
    // 2026-11: the list's own search form (newer portal first, then the older one's field names).
    search: 'input.search-input, input[type="search"], input[name="search_value"]',
    dateFrom: 'input.date-from, input[name="from"], #search_from',
    dateTo: 'input.date-to, input[name="to"], #search_to',
  },
  endpoints: {
    csrf: '/csrf_js',
    nak: '/nws/common/2.0/nak?pms=Recording&pms=RecordingContent',
    hostList: '/nws/recording/1.0/host-list',
    detail: '/nws/recording/1.0/detail',
    download: '/rec/download/',
    /** 2026-12: a recording's share link and passcode, as the list's "Share" dialog shows them (zoom-share.ts). */
    shareInfo: '/recording/get_recordmeet_shareinfo',
    /** The share link is the portal's `/rec/share/<encryptMeetId>`. */
    share: '/rec/share/',
  },
  /** The `errorCode` Zoom's JSON endpoints give when nobody is signed in. */
  notSignedInCode: 201,
  pageSize: 15,
  /**
   * Days one listing call may span. The web list states no limit (Swedish help: "ingen gräns"), Zoom's REST
   * listing takes a month per call: we stay within the stricter one, which costs one call more per month.
   */
  maxListDays: 30,
  /** Where the signed media links live; they may want the portal as Referer (SITES.md, "Files"). */
  mediaHost: 'ssrweb.zoom.us',
  /** The video views as Zoom names them (`displayFileName`), each a choice of its own. */
  views: [
    { choice: 'speaker', name: /screen with speaker|speaker view/i },
    { choice: 'gallery', name: /gallery/i },
    { choice: 'active', name: /active speaker/i },
    { choice: 'screen', name: /^shared screen$|screen only/i },
  ],
} as const;

const MB = 1024 * 1024;

const KINDS: Record<string, FileKind> = {
  MP4: 'video',
  M4A: 'audio',
  TRANSCRIPT: 'transcript',
  CC: 'captions',
  CHAT: 'chat',
  TIMELINE: 'timeline',
  SUMMARY: 'summary',
};

const DEFAULT_EXT: Record<FileKind, string> = {
  video: 'mp4',
  audio: 'm4a',
  transcript: 'vtt',
  captions: 'vtt',
  chat: 'txt',
  timeline: 'json',
  summary: 'json',
  other: 'bin',
};

export function detectZoomPage(url: string): SitePage | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || !ZOOM.host.test(parsed.hostname)) return null;
  const path = parsed.pathname;
  if (ZOOM.pages.list.test(path)) return { site: 'zoom', kind: 'list' };
  if (ZOOM.pages.adminList.test(path)) return { site: 'zoom', kind: 'admin-list' };
  if (ZOOM.pages.detail.test(path) && parsed.searchParams.get('meeting_id')) return { site: 'zoom', kind: 'detail' };
  return null;
}

export function isZoomOrigin(origin: string): boolean {
  return isHttpsOriginOn(ZOOM.host, origin);
}

export interface ZoomRow {
  row: Element;
  meetingId: string;
  topic: string;
}

/** The recording rows on a list page, found from their detail links; one entry per row. */
export function findZoomRows(root: ParentNode): ZoomRow[] {
  const rows = new Map<Element, ZoomRow>();
  for (const link of Array.from(root.querySelectorAll<HTMLAnchorElement>(ZOOM.selectors.detailLink))) {
    const meetingId = meetingIdFromHref(link.getAttribute('href') ?? '');
    const row = link.closest(ZOOM.selectors.row);
    if (!meetingId || !row || rows.has(row)) continue;
    rows.set(row, { row, meetingId, topic: (link.textContent ?? '').trim() });
  }
  return [...rows.values()];
}

function meetingIdFromHref(href: string): string | null {
  try {
    return new URL(href, 'https://zoom.us/').searchParams.get('meeting_id');
  } catch {
    return null;
  }
}

function notSignedIn(answer: Record<string, unknown>): boolean {
  return answer.status === false && asNumber(answer.errorCode) === ZOOM.notSignedInCode;
}

/** Maps a `host-list` answer to recordings. */
export function parseHostList(json: unknown): { total: number; recordings: Recording[] } {
  const answer = asObject(json);
  if (notSignedIn(answer)) throw new ExportError({ code: 'session-expired', site: 'zoom' });
  const result = asObject(answer.result);
  const recordings = asArray(result.recordings).flatMap((raw): Recording[] => {
    const row = asObject(raw);
    const id = asText(row.meetingId);
    if (!id) return [];
    const mb = asNumber(row.fileSizeInMB);
    const columns: Record<string, string> = {};
    for (const [key, value] of Object.entries(row)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        columns[key] = String(value);
    }
    return [zoomRecording(id, row, mb, columns, row.isProcessing === true)];
  });
  return { total: asNumber(result.total_records) ?? recordings.length, recordings };
}

/** Maps a `detail` answer to files; every clip of a meeting that was stopped and started again. */
export function parseDetail(json: unknown, baseUrl: string): RecordingFile[] {
  const answer = asObject(json);
  if (notSignedIn(answer)) throw new ExportError({ code: 'session-expired', site: 'zoom' });
  const clips = Object.entries(asObject(asObject(answer.result).clipFilesResultMap)).sort(
    ([a], [b]) => (asNumber(a) ?? 0) - (asNumber(b) ?? 0),
  );
  return clips.flatMap(([, files], index) =>
    asArray(files).flatMap((raw): RecordingFile[] => {
      const file = asObject(raw);
      const playId = asText(file.playId);
      if (!playId) return [];
      const kind = KINDS[asText(file.iconType).toUpperCase()] ?? 'other';
      const ext = /\.([A-Za-z0-9]{1,5})$/.exec(asText(file.fileName))?.[1]?.toLowerCase() ?? DEFAULT_EXT[kind];
      const mb = asNumber(file.fileSizeInMB);
      const view = kind === 'video' ? asText(file.displayFileName) || undefined : undefined;
      return [
        {
          id: playId,
          kind,
          view,
          viewChoice: kind === 'video' ? viewChoiceOf(view) : undefined,
          clip: clips.length > 1 ? index + 1 : undefined,
          ext,
          sizeBytes: mb === undefined ? undefined : Math.round(mb * MB),
          url: `${baseUrl}${ZOOM.endpoints.download}${encodeURIComponent(playId)}`,
        },
      ];
    }),
  );
}

/** Which of the view choices a video is; a view Zoom names in a way we do not know is "other". */
function viewChoiceOf(view: string | undefined): string {
  return ZOOM.views.find((known) => view && known.name.test(view))?.choice ?? 'other';
}

/** The recording a detail answer describes (the detail page exports it without a list row). */
export function parseDetailRecording(json: unknown): Recording | null {
  const answer = asObject(json);
  if (notSignedIn(answer)) throw new ExportError({ code: 'session-expired', site: 'zoom' });
  const result = asObject(answer.result);
  const id = asText(result.meetingId);
  if (!id) return null;
  const files = Object.values(asObject(result.clipFilesResultMap))
    .flatMap((clip) => asArray(clip).map(asObject))
    .filter((file) => asText(file.playId));
  const mb = files.reduce((sum, file) => sum + (asNumber(file.fileSizeInMB) ?? 0), 0);
  const columns: Record<string, string> = {
    meetingId: id,
    meetingNumber: asText(result.meetingNumber),
    topic: asText(result.topic),
    hostEmail: asText(result.hostEmail),
    meetingStartTimeStr: asText(result.meetingStartTimeStr),
    fileSizeInMB: String(Math.round(mb * 100) / 100),
    recordingCount: String(files.length),
  };
  return zoomRecording(id, result, mb, columns);
}

/** A recording from a host-list row or a detail answer, which name its fields alike. */
function zoomRecording(
  id: string,
  fields: Record<string, unknown>,
  mb: number | undefined,
  columns: Record<string, string>,
  processing = false,
): Recording {
  return {
    site: 'zoom',
    id,
    title: asText(fields.topic) || id,
    // People know a Zoom meeting by its number; the uuid is Zoom's own key.
    shownId: asText(fields.meetingNumber) || undefined,
    owner: asText(fields.hostEmail) || undefined,
    startedAt: parseZoomTime(asText(fields.meetingStartTimeStr)),
    sizeBytes: mb === undefined ? undefined : Math.round(mb * MB),
    status: processing || /process/i.test(asText(fields.status)) ? 'processing' : 'ready',
    columns,
  };
}

/** `1,234.5 MB (3 Files)`, as Zoom's own list export writes a recording's size. */
function sizeText(columns: Record<string, string>): string {
  const mb = asNumber(columns.fileSizeInMB);
  if (mb === undefined) return '';
  const count = asNumber(columns.recordingCount);
  const size = `${mb.toLocaleString('en-US', { maximumFractionDigits: 2 })} MB`;
  return count === undefined ? size : `${size} (${count} ${count === 1 ? 'File' : 'Files'})`;
}

/** Zoom's own columns in its recording list export: who hosted, which meeting, when, and how much. */
export function zoomReportColumns(recording: Recording): Record<string, string> {
  const raw = recording.columns;
  return {
    'Host Email': recording.owner ?? raw.hostEmail ?? '',
    'Meeting ID': raw.meetingNumber || recording.id,
    Topic: recording.title,
    'Start Time': raw.meetingStartTimeStr || recording.startedAt,
    'File Size': sizeText(raw),
  };
}
