// Faults that tests switch on per route, and the record of what each route was asked. Both are keyed by
// stable route names (see ROUTE_NAMES), so a test reads like "the next two media requests answer 503".

export const ROUTE_NAMES = [
  'zoom.signin',
  'zoom.recordingPage',
  'zoom.detailPage',
  'zoom.csrf',
  'zoom.nak',
  'zoom.hostList',
  'zoom.detail',
  'zoom.shareInfo',
  'zoom.download',
  'zoom.media',
  'zoom.other',
  'collab.scheduler',
  'collab.recordings',
  'collab.recording',
  'collab.delete',
  'collab.url',
  'collab.data',
  'collab.media',
  'collab.chat',
  'collab.subtitles',
  'collab.preflight',
  'collab.other',
  'unknown',
] as const;

export type RouteName = (typeof ROUTE_NAMES)[number];

export interface Fault {
  /** Answer with this status (and a short body) instead of the real answer. */
  status?: number;
  /** Apply to the next N matching requests only; forever when absent. */
  times?: number;
  /** Send this many body bytes of the real answer, then destroy the connection. */
  resetAfterBytes?: number;
  /** Send this many body bytes of the real answer, then nothing more, the connection left open: a stall. */
  stallAfterBytes?: number;
  /** Send the body no faster than this (a link's per-connection rate when set on a route for good). */
  bytesPerSecond?: number;
  /** Answer the whole file (200) whatever the Range header asks: a server without range support. */
  ignoreRange?: boolean;
  /** Seconds, sent as Retry-After (with `status`, e.g. 429 or 503). */
  retryAfter?: number;
  /** Only requests whose path (with query) contains this text. */
  match?: string;
  /**
   * Takes this fault's place once its `times` are used up (instead of no fault): the soak keeps a slow rate on
   * all the time and puts one cut connection or burst of 503 on top of it now and then.
   */
  afterwards?: Fault;
}

export interface Hit {
  method: string;
  host: string;
  /** Path with query string. */
  path: string;
  /** The Range header, when the request had one. */
  range?: string;
  /** The status answered; undefined until the answer's head is written. */
  status?: number;
  /** The fault applied to this request, if any. */
  fault?: Fault;
  at: number;
  /** When the connection's answer ended (sent, cut or given up by the client), on the same clock as `at`. */
  closedAt?: number;
  /** Body bytes written to the connection. */
  bodyBytes?: number;
}

/** Shared by the slow bodies of one route until they are lifted: a sending body looks at it between pieces. */
export interface SlowToken {
  lifted: boolean;
}

export class FaultBook {
  private readonly faults = new Map<RouteName, Fault>();
  private readonly seen = new Map<RouteName, Hit[]>();
  private readonly slow = new Map<RouteName, SlowToken>();

  set(route: RouteName, fault: Fault | null): void {
    if (fault && (fault.times === undefined || fault.times > 0)) this.faults.set(route, { ...fault });
    else this.faults.delete(route);
  }

  /** The fault for this request, counting it against `times`; undefined when none applies. */
  take(route: RouteName, path: string): Fault | undefined {
    const fault = this.faults.get(route);
    if (!fault || (fault.match !== undefined && !path.includes(fault.match))) return undefined;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.set(route, fault.afterwards ?? null);
    }
    const { afterwards: _next, ...applied } = fault;
    if (applied.bytesPerSecond !== undefined) {
      const token = this.slow.get(route) ?? { lifted: false };
      this.slow.set(route, token);
      // Not enumerable: what a hit records of its fault stays the fault as it was set.
      Object.defineProperty(applied, 'slowToken', { value: token, enumerable: false });
    }
    return applied;
  }

  /**
   * The route's slow rate ends, for the bodies being sent too: a test that needed an export to be under way
   * (to queue another behind it, to pause it) lets it finish at full speed instead of waiting for the trickle.
   */
  liftSlowBodies(route: RouteName): void {
    this.set(route, null);
    const token = this.slow.get(route);
    if (token) token.lifted = true;
    this.slow.delete(route);
  }

  record(route: RouteName, hit: Hit): void {
    const list = this.seen.get(route) ?? [];
    list.push(hit);
    this.seen.set(route, list);
  }

  hits(route: RouteName): Hit[] {
    return [...(this.seen.get(route) ?? [])];
  }

  resetHits(route?: RouteName): void {
    if (route) this.seen.delete(route);
    else this.seen.clear();
  }
}
