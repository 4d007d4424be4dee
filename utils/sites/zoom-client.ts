// Talking to Zoom's portal with the user's own signed-in session (cookies), as the portal's own pages do.
import { ExportError, httpError } from '../errors';
import type { Recording, RecordingFile } from '../model';
import { asObject, asText } from './json';
import type { SiteAdapter } from './site';
import { detectZoomPage, isZoomOrigin, parseDetail, parseHostList, ZOOM, zoomReportColumns } from './zoom';

export interface ZoomListQuery {
  /** MM/DD/YYYY, as the portal's own search form sends it. */
  from: string;
  to: string;
  search?: string;
  page: number;
}

export class ZoomClient {
  private csrfToken: Promise<string> | undefined;

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

  async files(recording: Recording): Promise<RecordingFile[]> {
    const path = `${ZOOM.endpoints.detail}?meeting_id=${encodeURIComponent(recording.id)}`;
    const baseUrl = isZoomOrigin(recording.columns.baseUrl ?? '') ? (recording.columns.baseUrl as string) : this.origin;
    return parseDetail(await this.json(path, { method: 'GET' }), baseUrl);
  }

  /** A JSON endpoint, with the CSRF token the portal asks for; a stale token is fetched again once. */
  private async json(path: string, init: RequestInit, retried = false): Promise<unknown> {
    const token = await this.token();
    const response = await this.fetchImpl(`${this.origin}${path}`, {
      ...init,
      credentials: 'include',
      headers: {
        'Zoom-Csrftoken': token,
        'X-Requested-With': 'XMLHttpRequest, OWASP CSRFGuard Project',
        Accept: 'application/json',
      },
    });
    if ((response.status === 401 || response.status === 403) && !retried) {
      this.csrfToken = undefined;
      return this.json(path, init, true);
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

const MEDIA_KINDS = new Set(['video', 'audio']);

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

export const zoomAdapter: SiteAdapter = {
  site: 'zoom',
  displayName: 'Zoom',
  detectPage: detectZoomPage,
  isPlatformOrigin: isZoomOrigin,
  listFiles: (origin, recording) => new ZoomClient(origin).files(recording),
  checkFileResponse: checkZoomFileResponse,
  reportColumns: zoomReportColumns,
  logName: 'Zoom',
};
