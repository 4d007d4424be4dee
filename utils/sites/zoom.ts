// Everything Reclaim knows about Zoom's web portal. Facts and sources: shared/design/SITES.md.
// Selectors and paths change when Zoom changes its site: keep old and new side by side, dated.
import { ExportError } from '../errors';
import type { FileKind, Recording, RecordingFile } from '../model';
import { asArray, asNumber, asObject, asText } from './json';
import type { SitePage } from './site';
import { parseZoomTime } from './zoom-time';

export const ZOOM = {
  /** zoom.us, usNNweb.zoom.us and vanity <org>.zoom.us; always https. */
  host: /^(?:[a-z0-9-]+\.)*zoom\.us$/i,
  pages: {
    list: /^\/recording\/?$/,
    adminList: /^\/recording\/management\/?$/,
    detail: /^\/recording(?:\/management)?\/detail\/?$/,
  },
  /** Where Zoom sends a browser whose session has ended. */
  signIn: /^\/(?:signin|login)\b/,
  selectors: {
    // 2026-11: the link every row has to its detail page is the steadiest hook on old and new portals.
    detailLink: 'a[href*="detail?meeting_id="]',
    // New (Vue) portal rows, then the older portal's, then generic table and list rows.
    row: '.zm-table__row, tr, [role="row"], .clips_container, li',
  },
  endpoints: {
    csrf: '/csrf_js',
    hostList: '/nws/recording/1.0/host-list',
    detail: '/nws/recording/1.0/detail',
    download: '/rec/download/',
  },
  /** The `errorCode` Zoom's JSON endpoints give when nobody is signed in. */
  notSignedInCode: 201,
  pageSize: 15,
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
  try {
    const url = new URL(origin);
    return url.protocol === 'https:' && ZOOM.host.test(url.hostname) && url.origin === origin;
  } catch {
    return false;
  }
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
    const processing = /process/i.test(asText(row.status)) || row.isProcessing === true;
    return [
      {
        site: 'zoom',
        id,
        title: asText(row.topic) || id,
        owner: asText(row.hostEmail) || undefined,
        startedAt: parseZoomTime(asText(row.meetingStartTimeStr)),
        sizeBytes: mb === undefined ? undefined : Math.round(mb * MB),
        status: processing ? 'processing' : 'ready',
        columns,
      },
    ];
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
      return [
        {
          id: playId,
          kind,
          view: kind === 'video' ? asText(file.displayFileName) || undefined : undefined,
          clip: clips.length > 1 ? index + 1 : undefined,
          ext,
          sizeBytes: mb === undefined ? undefined : Math.round(mb * MB),
          url: `${baseUrl}${ZOOM.endpoints.download}${encodeURIComponent(playId)}`,
        },
      ];
    }),
  );
}

/** Zoom's own columns in its recording list export: who hosted, which meeting, when, and how much. */
export function zoomReportColumns(recording: Recording): Record<string, string> {
  const raw = recording.columns;
  return {
    'Host Email': recording.owner ?? raw.hostEmail ?? '',
    'Meeting ID': raw.meetingNumber ?? recording.id,
    Topic: recording.title,
    'Start Time': recording.startedAt,
    'File Size (MB)': raw.fileSizeInMB ?? '',
    'File Count': raw.recordingCount ?? '',
  };
}
