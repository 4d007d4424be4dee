// The Collaborate scheduler as the bulk bar sees it. Its rows are undocumented (SITES.md), so the recordings come
// from the REST API with the page's own token and filters, and a row is ticked only when its name is a recording's
// and no other recording's.
import { browser } from 'wxt/browser';
import type { Recording } from '../model';
import type { Command } from '../protocol';
import { COLLABORATE } from './collaborate';
import { CollaborateClient, type ListFilters } from './collaborate-client';
import { recordingReportCsv } from './collaborate-report';
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
  /**
   * Calls `onListing` each time the scheduler asks the API for a listing with other filters (a filter or a
   * search changed): it lists through the API itself, so its own requests are what tell. Returns the stop.
   */
  followListings(onListing: (listingUrl: string) => void): () => void;
}

/** The page's LTI token as collaborate-token-page.ts finds it. */
export interface PageToken {
  current(): string | undefined;
  onChange(listener: () => void): void;
}

export function collaboratePage(origin: string, token: PageToken): CollaboratePage {
  const client = new CollaborateClient(origin, async () => token.current());
  let filters: ListFilters = {};
  // The background downloads with the page's token: it gets it now, whenever it changes, and before an export.
  const handOver = async () => {
    const current = token.current();
    if (!current) return;
    const message: Command = { type: 'site-token', site: 'collaborate', origin, token: current };
    await browser.runtime.sendMessage(message);
  };
  void handOver().catch(() => undefined);
  token.onChange(() => void handOver().catch(() => undefined));
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
    findAmbiguousRows(root) {
      const rows = new Set<Element>();
      for (const nameNode of Array.from(root.querySelectorAll(COLLABORATE.selectors.name))) {
        const title = (nameNode.getAttribute('title') ?? nameNode.textContent ?? '').trim();
        const row = nameNode.closest(COLLABORATE.selectors.row);
        if (row && byName.get(title) === null) rows.add(row);
      }
      return [...rows];
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
    followListings(onListing) {
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const seen = filtersOf(entry.name);
          if (!seen || JSON.stringify(seen) === JSON.stringify(filters)) continue;
          filters = seen;
          onListing(entry.name);
        }
      });
      observer.observe({ type: 'resource', buffered: true });
      return () => observer.disconnect();
    },
    report(recordings) {
      const day = new Date().toISOString().slice(0, 10);
      return { name: `Collaborate recording report ${day}.csv`, csv: recordingReportCsv(recordings) };
    },
  };
}
