// Steering the media rate so that one export lasts the minutes asked: every few seconds, compare how fast the
// export fetched lately with how fast it must go to end on time, and move the rate towards that (at most
// halved or doubled at a time, since faults, pauses and restarts make any one window noisy).

const WINDOW_MS = 30_000;
/** A new rate only applies to answers that start after it: give each one time to show its effect. */
const STEP_MS = 10_000;

export class Pace {
  private readonly seen: { at: number; fetched: number }[] = [];
  private steppedAt = 0;

  constructor(
    private readonly totalBytes: number,
    private readonly endAt: number,
  ) {}

  /** The rate to use from now on, given the current one and how many bytes the export has fetched so far. */
  next(rate: number, fetched: number, now = Date.now()): number {
    if (now - this.steppedAt < STEP_MS) return rate;
    this.steppedAt = now;
    this.seen.push({ at: now, fetched });
    while (this.seen.length > 2 && (this.seen[0] as { at: number }).at < now - WINDOW_MS) this.seen.shift();
    const first = this.seen[0] as { at: number; fetched: number };
    const seconds = (now - first.at) / 1000;
    const lately = seconds > 5 ? (fetched - first.fetched) / seconds : 0;
    // Nothing fetched lately: paused, stalled or restarting; the rate is not what holds it back.
    if (lately <= 0) return rate;
    const left = Math.max(0, this.totalBytes - fetched);
    const needed = left / Math.max(15, (this.endAt - now) / 1000);
    return rate * Math.min(2, Math.max(0.5, needed / lately));
  }
}
