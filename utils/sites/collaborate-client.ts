// Talking to Collaborate's REST API (CSA) with the LTI token as bearer, as the scheduler page itself does.
import { ExportError, httpError } from '../errors';
import type { Recording } from '../model';
import {
  apiOriginOf,
  apiUrl,
  COLLABORATE,
  isCollaborateOrigin,
  parseRecordingData,
  parseRecordingList,
  type RecordingData,
} from './collaborate';

/** The listing's filters, as the scheduler's own request sends them (`startTime`, `name`, ...). */
export type ListFilters = Record<string, string>;

export class CollaborateClient {
  private readonly apiOrigin: string;

  constructor(
    origin: string,
    private readonly token: () => Promise<string | undefined>,
  ) {
    if (!isCollaborateOrigin(origin))
      throw new ExportError({ code: 'bad-request', detail: 'not a Collaborate address' });
    this.apiOrigin = apiOriginOf(origin);
  }

  /** One page of the listing. */
  async listPage(filters: ListFilters, offset: number) {
    const query = new URLSearchParams();
    for (const name of COLLABORATE.filters) if (filters[name]) query.set(name, filters[name] as string);
    if (!query.has('sort')) query.set('sort', 'endTime');
    if (!query.has('order')) query.set('order', 'desc');
    query.set('limit', String(COLLABORATE.pageSize));
    query.set('offset', String(offset));
    const answer = await this.json(`${COLLABORATE.endpoints.recordings}?${query}`);
    return parseRecordingList(answer, this.apiOrigin);
  }

  /** Every recording matching the filters, page after page (`limit` at most 1000, then `offset`). */
  async listAll(filters: ListFilters): Promise<Recording[]> {
    const all = new Map<string, Recording>();
    for (let offset = 0; ; ) {
      const page = await this.listPage(filters, offset);
      for (const recording of page.recordings) all.set(recording.id, recording);
      offset += page.recordings.length;
      if (page.recordings.length === 0 || offset >= page.size) break;
    }
    return [...all.values()];
  }

  /** What the recording has: its media, chat and first caption track, as signed links valid a few hours. */
  async data(recordingId: string): Promise<RecordingData> {
    return parseRecordingData(await this.json(COLLABORATE.endpoints.data(recordingId)));
  }

  /** A freshly signed MP4 link with `disposition=download`. */
  async downloadUrl(recordingId: string): Promise<string> {
    const answer = (await this.json(COLLABORATE.endpoints.url(recordingId))) as { url?: unknown };
    if (typeof answer?.url !== 'string' || !answer.url) {
      throw new ExportError({ code: 'listing-failed', site: 'collaborate', detail: 'no url' });
    }
    return answer.url;
  }

  /**
   * Deletes the recording for good (COLLABORATE.endpoints.recording). Every refusal throws, a 403 as an 'http'
   * error with its status, so that whoever deletes a list stops there and says why.
   */
  async deleteRecording(recordingId: string): Promise<void> {
    const response = await this.call(COLLABORATE.endpoints.recording(recordingId), 'DELETE');
    if (response.status === 401) throw new ExportError({ code: 'session-expired', site: 'collaborate' });
    if (!response.ok) throw httpError(response, 'collaborate');
  }

  private async call(path: string, method: 'GET' | 'DELETE'): Promise<Response> {
    const token = await this.token();
    // No token at all is an expired one to the user: the page has to be opened (reloaded) to give us one.
    if (!token) throw new ExportError({ code: 'session-expired', site: 'collaborate' });
    try {
      return await fetch(apiUrl(this.apiOrigin, path), {
        method,
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new ExportError({ code: 'network', detail: error instanceof Error ? error.message : String(error) });
    }
  }

  private async json(path: string): Promise<unknown> {
    const response = await this.call(path, 'GET');
    if (response.status === 401) throw new ExportError({ code: 'session-expired', site: 'collaborate' });
    // SITES.md: recordings whose public link is off answer 403 to their url and data.
    if (response.status === 403) throw new ExportError({ code: 'not-shared', site: 'collaborate' });
    if (!response.ok) throw httpError(response, 'collaborate');
    try {
      return await response.json();
    } catch {
      throw new ExportError({ code: 'listing-failed', site: 'collaborate', detail: 'not JSON' });
    }
  }
}
