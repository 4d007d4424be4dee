// The platform misbehaving the whole run: every media answer is slowed to a rate steered so the export lasts
// the minutes asked, and every `faultEverySec` one more thing goes wrong, in turn — a connection reset
// mid-body, a burst of 503, a 429 with Retry-After — and now and then a body that stalls (each stall costs the
// extension its idle minute, utils/export/source.ts IDLE_TIMEOUT_MS, so they are few).

import { makeRandom, type Random } from '../portal/random.ts';
import type { Fault, Hit, Portal, RouteName } from '../portal/server.ts';

export type FaultKind = 'reset' | 'stall' | '503' | '429';

const TURNS: readonly { kind: FaultKind; route: RouteName }[] = [
  { kind: 'reset', route: 'zoom.media' },
  { kind: '503', route: 'zoom.download' },
  { kind: 'reset', route: 'zoom.media' },
  { kind: '429', route: 'zoom.download' },
  { kind: 'reset', route: 'zoom.media' },
  { kind: '503', route: 'zoom.media' },
];

/** Slower than this and a file of a few hundred KB takes minutes; faster and a short soak is over in seconds. */
const SLOWEST = 3_000;
const FASTEST = 20_000_000;

export interface FaultPlan {
  faultEverySec: number;
  /** When the first stall comes (seconds into the run), and how far apart the next ones are. */
  firstStallSec: number;
  stallEverySec: number;
  seed: number;
}

/** A fault injected once is "used up" when the portal has applied it `times` times; until then none follows. */
interface Pending {
  route: RouteName;
  times: number;
  hitsBefore: number;
}

const isInjected = (hit: Hit) =>
  hit.fault !== undefined &&
  (hit.fault.status !== undefined ||
    hit.fault.resetAfterBytes !== undefined ||
    hit.fault.stallAfterBytes !== undefined);

export class PlatformFaults {
  /** Bytes per second of each media answer. */
  rate: number;
  private readonly random: Random;
  private turn = 0;
  private nextFaultAt: number;
  private nextStallAt: number;
  private readonly pending = new Map<RouteName, Pending>();

  constructor(
    private readonly portal: Portal,
    private readonly plan: FaultPlan,
    startRate: number,
    private readonly startedAt = Date.now(),
  ) {
    this.random = makeRandom(plan.seed);
    this.rate = clamp(startRate);
    this.nextFaultAt = startedAt + plan.faultEverySec * 1000;
    this.nextStallAt = startedAt + plan.firstStallSec * 1000;
    portal.setFault('zoom.media', this.throttle());
  }

  /** Called every second or so: injects what is due, unless the fault before it on that route is still waiting. */
  tick(now = Date.now()): void {
    if (now >= this.nextStallAt && this.inject('stall', 'zoom.media')) {
      this.nextStallAt = now + this.plan.stallEverySec * 1000;
      this.nextFaultAt = Math.max(this.nextFaultAt, now + this.plan.faultEverySec * 1000);
      return;
    }
    if (now < this.nextFaultAt) return;
    const { kind, route } = TURNS[this.turn % TURNS.length] as (typeof TURNS)[number];
    if (this.inject(kind, route)) {
      this.turn += 1;
      this.nextFaultAt = now + this.plan.faultEverySec * 1000;
    }
  }

  /** A new rate for media answers from now on (the one-off fault waiting on top of it keeps the old one). */
  setRate(rate: number): void {
    this.rate = clamp(rate);
    if (!this.isPending('zoom.media')) this.portal.setFault('zoom.media', this.throttle());
  }

  /** Every fault the portal applied so far, by kind (the 503 and 429 of both routes, resets, stalls). */
  applied(): Record<FaultKind, number> {
    const counts: Record<FaultKind, number> = { reset: 0, stall: 0, '503': 0, '429': 0 };
    for (const hit of [...this.portal.hits('zoom.media'), ...this.portal.hits('zoom.download')]) {
      if (!isInjected(hit) || hit.at < this.startedAt) continue;
      const fault = hit.fault as Fault;
      if (fault.status === 503) counts['503'] += 1;
      else if (fault.status === 429) counts['429'] += 1;
      else if (fault.stallAfterBytes !== undefined) counts.stall += 1;
      else if (fault.resetAfterBytes !== undefined) counts.reset += 1;
    }
    return counts;
  }

  /** Takes every fault off: the check at the end reads the platform as it is. */
  stop(): void {
    this.portal.setFault('zoom.media', null);
    this.portal.setFault('zoom.download', null);
  }

  private inject(kind: FaultKind, route: RouteName): boolean {
    if (this.isPending(route)) return false;
    const fault = this.faultFor(kind);
    const times = fault.times ?? 1;
    this.pending.set(route, { route, times, hitsBefore: this.injectedHits(route) });
    // Media answers stay slow once the fault is used up; the download address is fast anyway (a redirect).
    this.portal.setFault(route, route === 'zoom.media' ? { ...fault, afterwards: this.throttle() } : fault);
    return true;
  }

  private faultFor(kind: FaultKind): Fault {
    const slow = { bytesPerSecond: this.rate };
    switch (kind) {
      case 'reset':
        return { ...slow, resetAfterBytes: this.random.int(2_000, 120_000), times: 1 };
      case 'stall':
        return { ...slow, stallAfterBytes: this.random.int(1_000, 60_000), times: 1 };
      case '503':
        return { ...slow, status: 503, times: this.random.int(2, 3) };
      case '429':
        return { status: 429, retryAfter: this.random.int(2, 5), times: 1 };
    }
  }

  private isPending(route: RouteName): boolean {
    const waiting = this.pending.get(route);
    if (!waiting) return false;
    if (this.injectedHits(route) - waiting.hitsBefore < waiting.times) return true;
    this.pending.delete(route);
    return false;
  }

  private injectedHits(route: RouteName): number {
    return this.portal.hits(route).filter(isInjected).length;
  }

  private throttle(): Fault {
    return { bytesPerSecond: this.rate };
  }
}

function clamp(rate: number): number {
  return Math.round(Math.min(FASTEST, Math.max(SLOWEST, rate)));
}
