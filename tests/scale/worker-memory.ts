// The extension service worker's memory over a run: its JS heap, asked of the worker through DevTools
// (Runtime.getHeapUsage), and the resident memory of the extension's process (worker and extension pages) from
// /proc. Playwright gives no CDP session for a worker, so a page's session attaches to the worker target and
// relays messages (as tests/bench/profile.ts does). A worker the browser stopped and started again is a new
// target: each sample finds the current one.
import type { CDPSession, Page } from 'playwright-core';
import { EXTENSION } from '../bench/report.ts';
import { sampleTree } from '../bench/rss.ts';
import { withTimeout } from '../bench/util.ts';
import type { Harness } from '../e2e/harness.ts';

export interface Series {
  first: number;
  peak: number;
  last: number;
  samples: number;
}

function add(series: Series | undefined, value: number): Series {
  if (!series) return { first: value, peak: value, last: value, samples: 1 };
  return { first: series.first, peak: Math.max(series.peak, value), last: value, samples: series.samples + 1 };
}

class WorkerRelay {
  private sessionId: string | undefined;
  private targetId: string | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();

  constructor(
    private readonly cdp: CDPSession,
    private readonly extensionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
      if (message.id !== undefined) this.waiting.get(message.id)?.(message);
    });
  }

  /** Attaches to the extension's worker as it is now; false when it is not running. */
  private async attach(): Promise<boolean> {
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    const target = targetInfos.find((info) => info.type === 'service_worker' && info.url.includes(this.extensionId));
    if (!target) return false;
    if (target.targetId === this.targetId && this.sessionId) return true;
    const { sessionId } = await this.cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    this.sessionId = sessionId;
    this.targetId = target.targetId;
    return true;
  }

  async send(method: string): Promise<unknown> {
    if (!(await this.attach()) || !this.sessionId) throw new Error('the worker is not running');
    this.nextId += 1;
    const id = this.nextId;
    const reply = new Promise<{ result?: unknown; error?: unknown }>((resolve) => this.waiting.set(id, resolve));
    const message = JSON.stringify({ id, method, params: {} });
    await this.cdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message });
    const answer = await withTimeout(method, 15_000, reply).finally(() => this.waiting.delete(id));
    if (answer.error) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
    return answer.result;
  }

  forget(): void {
    this.sessionId = undefined;
    this.targetId = undefined;
  }
}

export interface MemorySampler {
  stop(): { heap?: Series; rss?: Series; missed: number };
}

/** Samples every `everyMs` until stopped; bytes. `page` only lends its DevTools session to reach the worker. */
export async function sampleWorkerMemory(
  harness: Harness,
  page: Page,
  browserPid: number,
  everyMs = 5_000,
): Promise<MemorySampler> {
  const relay = new WorkerRelay(await harness.context.newCDPSession(page), harness.extensionId);
  let heap: Series | undefined;
  let rss: Series | undefined;
  let missed = 0;
  let stopped = false;
  const sample = async () => {
    try {
      const { usedSize } = (await relay.send('Runtime.getHeapUsage')) as { usedSize: number };
      heap = add(heap, usedSize);
    } catch {
      missed += 1; // a worker stopped between two samples, or too busy to answer in time
      relay.forget();
    }
    const extension = sampleTree(browserPid).byKind[EXTENSION];
    if (extension !== undefined) rss = add(rss, extension);
  };
  const loop = async () => {
    while (!stopped) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  };
  await sample();
  void loop();
  return {
    stop() {
      stopped = true;
      return { heap, rss, missed };
    },
  };
}
