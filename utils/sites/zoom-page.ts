// The Zoom pages as the bulk bar sees them: rows in the page, the page's own search, and the same recordings
// from Zoom's listing.
import { inBatches, RECORDINGS_AT_ONCE } from '../export/listing';
import type { Recording } from '../model';
import type { RecordingPageSource } from './site';
import { findZoomRows, ZOOM } from './zoom';
import { ZoomClient } from './zoom-client';
import { DAY_MS, parseUsDate, usDate } from './zoom-time';

function fieldValue(root: ParentNode | undefined, selector: string): string | undefined {
  const field = root?.querySelector<HTMLInputElement>(selector);
  return field ? field.value.trim() : undefined;
}

/**
 * The listing query the page itself shows: its search and date range from its own search form (as the user
 * last set them), else from the address, else everything up to tomorrow; the page number from the address.
 */
export function listQueryOf(pageUrl: string, root?: ParentNode, today = new Date()) {
  const params = new URL(pageUrl).searchParams;
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const pick = (selector: string, param: string) => {
    const value = fieldValue(root, selector) ?? params.get(param) ?? '';
    return parseUsDate(value) === null ? undefined : value;
  };
  return {
    from: pick(ZOOM.selectors.dateFrom, 'from') ?? usDate(Date.UTC(today.getFullYear() - 15, 0, 1)),
    to: pick(ZOOM.selectors.dateTo, 'to') ?? usDate(todayUtc + DAY_MS),
    search: fieldValue(root, ZOOM.selectors.search) ?? params.get('search_value') ?? '',
    page: Math.max(1, Number(params.get('p')) || 1),
  };
}

const clientOf = (pageUrl: string) => new ZoomClient(new URL(pageUrl).origin);
const pageDocument = () => (typeof document === 'undefined' ? undefined : document);

export const zoomPage: RecordingPageSource = {
  site: 'zoom',
  findRows: (root) =>
    findZoomRows(root).map(({ row, meetingId, topic }) => ({ row, recordingId: meetingId, title: topic })),
  async loadShown(pageUrl) {
    return (await clientOf(pageUrl).listPage(listQueryOf(pageUrl, pageDocument()))).recordings;
  },
  async loadAllMatching(pageUrl) {
    const { page: _page, ...query } = listQueryOf(pageUrl, pageDocument());
    return clientOf(pageUrl).listAll(query);
  },
  async loadOne(pageUrl): Promise<Recording | null> {
    const meetingId = new URL(pageUrl).searchParams.get('meeting_id');
    return meetingId ? clientOf(pageUrl).recording(meetingId) : null;
  },
  listFiles: (pageUrl, recording) => clientOf(pageUrl).files(recording),
  shareLinks(pageUrl, recordings) {
    // One client, so one CSRF token serves every recording.
    const client = clientOf(pageUrl);
    return inBatches(recordings, RECORDINGS_AT_ONCE, (recording) => client.shareInfo(recording));
  },
  searchOf: (pageUrl) => listQueryOf(pageUrl, pageDocument()).search,
};
