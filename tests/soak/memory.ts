// The browser's memory over a whole export: the resident size of every process of the browser (found by its
// profile, so a restarted browser is followed too), sampled every few seconds. "Flat" compares the mean of the
// run's first quarter with that of its last.
import { findBrowserPid, sampleTree } from '../bench/rss.ts';

const MB = 1_000_000;

export interface MemoryVerdict {
  firstQuarterMB: number;
  lastQuarterMB: number;
  samples: number;
  flat: boolean;
}

/** Allowed growth from the first quarter to the last: a quarter more, and some room for caches settling. */
const GROWTH_FACTOR = 1.25;
const GROWTH_SLACK_MB = 40;

export class MemoryLog {
  private readonly samples: { at: number; bytes: number }[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly profile: string,
    everyMs = 5_000,
  ) {
    this.take();
    this.timer = setInterval(() => this.take(), everyMs);
  }

  /** The browser's total now, in MB (undefined while it is not running). */
  latestMB(): number | undefined {
    const last = this.samples.at(-1);
    return last ? last.bytes / MB : undefined;
  }

  stop(): MemoryVerdict {
    clearInterval(this.timer);
    this.take();
    const start = this.samples[0]?.at ?? 0;
    const end = this.samples.at(-1)?.at ?? 0;
    const quarter = (end - start) / 4;
    const mean = (from: number, to: number) => {
      const inside = this.samples.filter((sample) => sample.at >= from && sample.at <= to);
      return inside.reduce((sum, sample) => sum + sample.bytes, 0) / Math.max(1, inside.length) / MB;
    };
    const firstQuarterMB = mean(start, start + quarter);
    const lastQuarterMB = mean(end - quarter, end);
    return {
      firstQuarterMB,
      lastQuarterMB,
      samples: this.samples.length,
      flat: this.samples.length >= 4 && lastQuarterMB <= firstQuarterMB * GROWTH_FACTOR + GROWTH_SLACK_MB,
    };
  }

  private take(): void {
    try {
      this.samples.push({ at: Date.now(), bytes: sampleTree(findBrowserPid(this.profile)).total });
    } catch {
      // No browser right now (it is restarting): no sample.
    }
  }
}
