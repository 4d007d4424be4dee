// Where a ZIP export's wall time goes between files. Reclaim asks for one file after the other (client-zip pulls
// the next entry only when the previous one is written), so the portal's request times give each file's time
// from its request to the next request: for small text files that is almost all per-file overhead (database
// writes, the /rec/download redirect, the ZIP headers), for the big ones it is mostly streaming.
import type { Harness } from '../e2e/harness.ts';
import { zoomFiles } from '../portal/dataset.ts';
import { median } from './util.ts';

/** Below this a file's bytes take well under a millisecond to stream: its interval is overhead. */
const SMALL_FILE = 200_000;

export interface Timeline {
  files: number;
  /** From the click to the first file's request: planning (listing every recording's files). */
  startupMs: number;
  /** Median interval of the small files: the fixed cost of one file. */
  perFileMs: number;
  /** That cost times the number of files. */
  overheadMs: number;
  /** Bytes of the big files over their intervals less the fixed cost: the streaming speed within a file. */
  streamMBps: number;
}

export function fileTimeline(harness: Harness, startMs: number, endMs: number): Timeline | undefined {
  const sizes = new Map(harness.portal.dataset.zoomMeetings.flatMap(zoomFiles).map((f) => [f.playId, f.sizeBytes]));
  const requests = harness.portal
    .hits('zoom.download')
    .map((hit) => ({ at: hit.at, size: sizes.get(decodeURIComponent(hit.path.split('/').pop() ?? '')) }))
    .filter((request): request is { at: number; size: number } => request.size !== undefined)
    .sort((a, b) => a.at - b.at);
  if (requests.length < 2) return undefined;
  // A file's interval runs to the next request; the last one's to the ZIP being complete (manifest included).
  const intervals = requests.map((request, i) => ({
    size: request.size,
    ms: (requests[i + 1]?.at ?? endMs) - request.at,
  }));
  const small = intervals.filter((interval) => interval.size < SMALL_FILE).map((interval) => interval.ms);
  const perFileMs = small.length > 0 ? median(small) : 0;
  const big = intervals.filter((interval) => interval.size >= SMALL_FILE);
  const bigBytes = big.reduce((sum, interval) => sum + interval.size, 0);
  const bigMs = big.reduce((sum, interval) => sum + Math.max(1, interval.ms - perFileMs), 0);
  return {
    files: requests.length,
    startupMs: (requests[0]?.at ?? startMs) - startMs,
    perFileMs,
    overheadMs: perFileMs * requests.length,
    streamMBps: bigBytes / 1000 / Math.max(1, bigMs),
  };
}
