// The Zoom list pages as the bulk bar sees them: rows in the page, and the same rows from Zoom's listing.
import type { Recording } from '../model';
import type { RecordingPageSource } from './site';
import { findZoomRows } from './zoom';
import { ZoomClient } from './zoom-client';

function mmddyyyy(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getMonth() + 1)}/${two(date.getDate())}/${date.getFullYear()}`;
}

/** The listing query the page itself shows: its page number and search from the address when present. */
export function listQueryOf(pageUrl: string, today = new Date()) {
  const params = new URL(pageUrl).searchParams;
  const longAgo = new Date(today.getFullYear() - 15, 0, 1);
  const tomorrow = new Date(today.getTime() + 86_400_000);
  return {
    from: params.get('from') ?? mmddyyyy(longAgo),
    to: params.get('to') ?? mmddyyyy(tomorrow),
    search: params.get('search_value') ?? '',
    page: Math.max(1, Number(params.get('p')) || 1),
  };
}

export const zoomPage: RecordingPageSource = {
  site: 'zoom',
  findRows: (root) =>
    findZoomRows(root).map(({ row, meetingId, topic }) => ({ row, recordingId: meetingId, title: topic })),
  async loadShown(pageUrl: string): Promise<Recording[]> {
    const client = new ZoomClient(new URL(pageUrl).origin);
    return (await client.listPage(listQueryOf(pageUrl))).recordings;
  },
};
