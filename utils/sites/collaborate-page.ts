// The Collaborate scheduler as the bulk bar sees it. Its rows are undocumented (SITES.md), so the recordings come
// from the REST API with the page's own token and filters, and a row is ticked only when its name is a recording's
// and no other recording's.
import type { Recording } from '../model';
import { COLLABORATE } from './collaborate';
import { CollaborateClient, type ListFilters } from './collaborate-client';
import { readRecordingReport, recordingReportCsv } from './collaborate-report';
import type { PageRow, RecordingPageSource } from './site';

/** The filters of a listing request (the scheduler's own, seen through the page's resource timing). */
export function filtersOf(listingUrl: string): ListFilters | undefined {
  let url: URL;
  try {
    url = new URL(listingUrl);
  } catch {
    return undefined;
  }
  if (!url.pathname.endsWith(`${COLLABORATE.api}${COLLABORATE.endpoints.recordings}`)) return undefined;
  const filters: ListFilters = {};
  for (const name of COLLABORATE.filters) {
    const value = url.searchParams.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

export interface CollaboratePage extends RecordingPageSource {
  /** The page asked the API for a listing with these filters (a filter or search changed). */
  pageListed(listingUrl: string): boolean;
}

export function collaboratePage(
  origin: string,
  token: () => string | undefined,
  handOver: () => Promise<void>,
): CollaboratePage {
  const client = new CollaborateClient(origin, async () => token());
  let filters: ListFilters = {};
  // Names that belong to exactly one recording the page listed; `null` marks a name two recordings share.
  const byName = new Map<string, string | null>();

  function learn(recordings: Recording[]): void {
    for (const recording of recordings) {
      const name = recording.title.trim();
      const known = byName.get(name);
      byName.set(name, known === undefined || known === recording.id ? recording.id : null);
    }
  }

  return {
    site: 'collaborate',
    findRows(root) {
      const rows: PageRow[] = [];
      const seen = new Set<Element>();
      for (const nameNode of Array.from(root.querySelectorAll(COLLABORATE.selectors.name))) {
        const row = nameNode.closest(COLLABORATE.selectors.row);
        const title = (nameNode.getAttribute('title') ?? nameNode.textContent ?? '').trim();
        const recordingId = byName.get(title);
        if (!row || seen.has(row) || !recordingId) continue;
        seen.add(row);
        rows.push({ row, recordingId, title });
      }
      return rows;
    },
    async loadShown() {
      const { recordings } = await client.listPage(filters, 0);
      learn(recordings);
      return recordings;
    },
    async loadAllMatching() {
      const recordings = await client.listAll(filters);
      learn(recordings);
      return recordings;
    },
    handOver,
    pageListed(listingUrl) {
      const seen = filtersOf(listingUrl);
      if (!seen || JSON.stringify(seen) === JSON.stringify(filters)) return false;
      filters = seen;
      return true;
    },
    report(recordings) {
      const day = new Date().toISOString().slice(0, 10);
      return { name: `Collaborate recording report ${day}.csv`, csv: recordingReportCsv(recordings) };
    },
    readReport: readRecordingReport,
    // "Export list as CSV" writes the recording report's row too.
    reportColumns: (recording) => recording.columns,
  };
}
