// Talking to Zoom's portal with the user's own signed-in session (cookies), as the portal's own pages do.
import { ExportError, httpError } from '../errors';
import { FILE_CHOICES } from '../file-choices';
import type { Recording, RecordingFile } from '../model';
import { asObject, asText } from './json';
import { isHttpsUrlOn, type ShareInfo, type SiteAdapter } from './site';
import {
  detectZoomPage,
  isZoomOrigin,
  parseDetail,
  parseDetailRecording,
  parseHostList,
  ZOOM,
  zoomReportColumns,
} from './zoom';
import { keepZoomMediaReferer, releaseZoomMediaReferer } from './zoom-referer';
import { parseShareInfo } from './zoom-share';
import { splitRange } from './zoom-time';

export interface ZoomListQuery {
  /** MM/DD/YYYY, as the portal's own search form sends it. */
  from: string;
  to: string;
  search?: string;
  page: number;
}

// More pages than any account has: a listing that never ends is a listing we stop reading.
const MAX_PAGES_PER_RANGE = 400;

/** What Zoom's web API asks of every call besides the cookie: the page's CSRF token, as its own scripts send it. */
function csrfHeaders(token: string): Record<string, string> {
  return { 'Zoom-Csrftoken': token, 'X-Requested-With': 'XMLHttpRequest, OWASP CSRFGuard Project' };
}

export class ZoomClient {
  private csrfToken: Promise<string> | undefined;
  private bearer: Promise<string> | undefined;

  constructor(
    private readonly origin: string,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {
    if (!isZoomOrigin(origin)) throw new ExportError({ code: 'bad-request', detail: 'not a Zoom address' });
  }

  async listPage(query: ZoomListQuery): Promise<ReturnType<typeof parseHostList>> {
    const form = new URLSearchParams({
      from: query.from,
      to: query.to,
      search_value: query.search ?? '',
      transcript_keyword: '',
      search_type: 'mixed',
      p: String(query.page),
      search_status: '0',
      assistant_host_id: '',
    });
    const answer = await this.json(ZOOM.endpoints.hostList, { method: 'POST', body: form });
    return parseHostList(answer);
  }

  /**
   * Every recording the list shows for a search, over all its pages. A date range longer than one call may
   * span is asked for in parts; a recording seen twice counts once.
   */
  async listAll(query: Omit<ZoomListQuery, 'page'>): Promise<Recording[]> {
    const found = new Map<string, Recording>();
    for (const range of splitRange(query, ZOOM.maxListDays)) {
      for (let page = 1; page <= MAX_PAGES_PER_RANGE; page++) {
        const { total, recordings } = await this.listPage({ ...query, ...range, page });
        for (const recording of recordings) if (!found.has(recording.id)) found.set(recording.id, recording);
        if (recordings.length === 0 || page * ZOOM.pageSize >= total) break;
      }
    }
    return [...found.values()];
  }

  async files(recording: Recording): Promise<RecordingFile[]> {
    return parseDetail(await this.detail(recording.id), this.baseUrlOf(recording));
  }

  /** The recording's share link (on its own portal host) and passcode (zoom-share.ts). */
  async shareInfo(recording: Recording): Promise<ShareInfo> {
    const form = new URLSearchParams({ meeting_id: recording.id });
    const answer = await this.json(ZOOM.endpoints.shareInfo, { method: 'POST', body: form });
    return parseShareInfo(answer, this.baseUrlOf(recording));
  }

  /** The portal host a recording lives on (a vanity host), as the listing says; else the one we talk to. */
  private baseUrlOf(recording: Recording): string {
    return isZoomOrigin(recording.columns.baseUrl ?? '') ? (recording.columns.baseUrl as string) : this.origin;
  }

  /** One meeting as its detail page shows it. */
  async recording(meetingId: string): Promise<Recording | null> {
    return parseDetailRecording(await this.detail(meetingId));
  }

  /** The detail answer wants the short-lived bearer besides the CSRF token (SITES.md, "Session and tokens"). */
  private async detail(meetingId: string): Promise<unknown> {
    const path = `${ZOOM.endpoints.detail}?meeting_id=${encodeURIComponent(meetingId)}`;
    return this.json(path, { method: 'GET' }, { bearer: true });
  }

  /**
   * A JSON endpoint, with the CSRF token the portal asks for (and the bearer when wanted); on 401 or 403 both
   * are fetched again, once.
   */
  private async json(
    path: string,
    init: RequestInit,
    options: { bearer?: boolean; retried?: boolean } = {},
  ): Promise<unknown> {
    const headers: Record<string, string> = { ...csrfHeaders(await this.token()), Accept: 'application/json' };
    if (options.bearer) headers.Authorization = `Bearer ${await this.nak()}`;
    const response = await this.fetchImpl(`${this.origin}${path}`, { ...init, credentials: 'include', headers });
    if ((response.status === 401 || response.status === 403) && !options.retried) {
      this.csrfToken = undefined;
      this.bearer = undefined;
      return this.json(path, init, { ...options, retried: true });
    }
    if (response.status === 401) throw new ExportError({ code: 'session-expired', site: 'zoom' });
    if (!response.ok) throw httpError(response, 'zoom');
    if (ZOOM.signIn.test(new URL(response.url || this.origin).pathname)) {
      throw new ExportError({ code: 'session-expired', site: 'zoom' });
    }
    try {
      return await response.json();
    } catch {
      throw new ExportError({ code: 'listing-failed', site: 'zoom', detail: 'not JSON' });
    }
  }

  /**
   * True only when Zoom says plainly that nobody is signed in: its logged-out JSON, or a way to its sign-in page.
   * A busy or failing Zoom (an error status, a maintenance page) is no sign-out.
   */
  async signedOut(): Promise<boolean> {
    const response = await this.askNak();
    if (ZOOM.signIn.test(new URL(response.url || this.origin).pathname)) return true;
    if (!response.ok) return false;
    const text = (await response.text()).trim();
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      return false;
    }
    return asObject(answer).errorCode === ZOOM.notSignedInCode;
  }

  private async askNak(): Promise<Response> {
    const headers = csrfHeaders(await this.token());
    return this.fetchImpl(`${this.origin}${ZOOM.endpoints.nak}`, { method: 'POST', credentials: 'include', headers });
  }

  /** Zoom's "nak": a JWT as plain text; signed out, the logged-out JSON instead. */
  private nak(): Promise<string> {
    this.bearer ??= this.askNak()
      .then((response) => response.text())
      .then((text) => {
        const jwt = text.trim();
        if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(jwt)) return jwt;
        this.bearer = undefined;
        throw new ExportError({ code: 'session-expired', site: 'zoom' });
      });
    return this.bearer;
  }

  private token(): Promise<string> {
    this.csrfToken ??= this.fetchImpl(`${this.origin}${ZOOM.endpoints.csrf}`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'FETCH-CSRF-TOKEN': '1' },
    })
      .then((response) => response.text())
      .then((text) => /ZOOM-CSRFTOKEN:\s*(\S+)/.exec(text)?.[1] ?? '');
    return this.csrfToken;
  }
}

/**
 * Whether the session behind `origin` has ended, asked of Zoom's cheapest signed-in JSON call. A question that
 * cannot be answered (offline) says "alive": the file then fails with its own reason, never a false sign-in.
 */
export function zoomSessionEnded(origin: string, fetchImpl?: typeof fetch): Promise<boolean> {
  return new ZoomClient(origin, fetchImpl).signedOut().catch(() => false);
}

const MEDIA_KINDS = new Set(['video', 'audio']);
// Zoom's JSON errors are a few hundred bytes; a timeline or summary this big is the file, not an error.
const MAX_ERROR_BYTES = 16 * 1024;

/**
 * An expired session answers a download with the sign-in page, a recording still converting with a small JSON
 * error: neither may ever be saved as the recording.
 */
export async function checkZoomFileResponse(response: Response, file: Pick<RecordingFile, 'kind'>): Promise<void> {
  const finalPath = response.url ? new URL(response.url).pathname : '';
  if (ZOOM.signIn.test(finalPath)) throw new ExportError({ code: 'session-expired', site: 'zoom' });
  if (!response.ok) throw httpError(response, 'zoom');
  const type = (response.headers.get('Content-Type') ?? '').toLowerCase();
  if (type.includes('html')) throw new ExportError({ code: 'not-media', site: 'zoom', detail: type });
  const jsonExpected = file.kind === 'timeline' || file.kind === 'summary';
  if (type.includes('json') && jsonExpected) {
    // Zoom's errors come as JSON too: a small answer is read from a copy, so the file itself stays unread.
    const size = Number(response.headers.get('Content-Length') ?? Number.NaN);
    if (!(size > MAX_ERROR_BYTES)) {
      const answer = asObject(
        await response
          .clone()
          .json()
          .catch(() => ({})),
      );
      if (typeof answer.errorCode === 'number' && answer.status === false) {
        if (answer.errorCode === ZOOM.notSignedInCode) throw new ExportError({ code: 'session-expired', site: 'zoom' });
        throw new ExportError({ code: 'not-media', site: 'zoom', detail: asText(answer.errorMessage) || type });
      }
    }
  }
  if (type.includes('json') && !jsonExpected) {
    const answer = asObject(await response.json().catch(() => ({})));
    const message = asText(answer.errorMessage);
    if (answer.errorCode === ZOOM.notSignedInCode) throw new ExportError({ code: 'session-expired', site: 'zoom' });
    if (/process/i.test(message)) throw new ExportError({ code: 'processing', site: 'zoom' });
    throw new ExportError({ code: 'not-media', site: 'zoom', detail: message || type });
  }
  if (MEDIA_KINDS.has(file.kind) && type.startsWith('text/')) {
    throw new ExportError({ code: 'not-media', site: 'zoom', detail: type });
  }
}

// One client per portal while an export plans: its CSRF token and bearer serve every recording (fetched again on
// 401/403), instead of two extra requests before each one's detail. Dropped after a while, as Zoom's tokens are.
const CLIENT_KEPT_MS = 10 * 60_000;
const clients = new Map<string, { client: ZoomClient; at: number }>();

function clientFor(origin: string): ZoomClient {
  const now = Date.now();
  const kept = clients.get(origin);
  if (kept && now - kept.at < CLIENT_KEPT_MS) return kept.client;
  const client = new ZoomClient(origin);
  clients.set(origin, { client, at: now });
  return client;
}

export const zoomAdapter: SiteAdapter = {
  signInAgain: 'errorSessionExpiredZoom',
  // Zoom has every kind there is: several video views, audio, transcript, captions, chat, timeline, summary.
  fileChoices: FILE_CHOICES,
  site: 'zoom',
  displayName: 'Zoom',
  menu: ZOOM.menu,
  detectPage: detectZoomPage,
  isPlatformOrigin: isZoomOrigin,
  // The portal hosts and the signed media host ssrweb.zoom.us are all under zoom.us.
  isFileHost: (url) => isHttpsUrlOn(ZOOM.host, url),
  listFiles: (origin, recording) =>
    clientFor(origin)
      .files(recording)
      .catch((error: unknown) => {
        // After the user signs in again, a new client asks for the new session's tokens.
        if (error instanceof ExportError && error.info.code === 'session-expired') clients.delete(origin);
        throw error;
      }),
  prepareDownloads: keepZoomMediaReferer,
  releaseDownloads: releaseZoomMediaReferer,
  sessionEnded: (origin) => zoomSessionEnded(origin),
  checkFileResponse: checkZoomFileResponse,
  reportColumns: zoomReportColumns,
  logName: 'Zoom',
};
