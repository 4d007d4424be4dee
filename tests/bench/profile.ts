// Opt-in (BENCH_PROFILE=1): a V8 CPU profile of the extension's service worker during one ZIP export, to see
// where the worker's time goes (client-zip's CRC-32, stream plumbing, IndexedDB, GC). Playwright gives no CDP
// session for a worker, so a page's session attaches to the worker target and relays messages to it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { EXTENSION_DIR, type Harness } from '../e2e/harness.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface WorkerProfiler {
  stop(): Promise<string[]>;
}

export async function profileWorker(harness: Harness, page: Page): Promise<WorkerProfiler> {
  const cdp: CDPSession = await harness.context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((info) => info.type === 'service_worker' && info.url.includes(harness.extensionId));
  if (!target) throw new Error('no service worker target to profile');
  // Not "flatten": Playwright's CDPSession cannot address a child session, but it can relay messages.
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 0;
  const waiting = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message);
  });
  const send = async (method: string, params: object = {}): Promise<unknown> => {
    nextId += 1;
    const id = nextId;
    const reply = new Promise<{ result?: unknown; error?: unknown }>((resolve) => waiting.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const message = await reply;
    if (message.error) throw new Error(`${method}: ${JSON.stringify(message.error)}`);
    return message.result;
  };
  await send('Profiler.enable');
  // 1 ms: fine enough to see the CRC loop, coarse enough not to slow the export much.
  await send('Profiler.setSamplingInterval', { interval: 1000 });
  await send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await send('Profiler.stop')) as { profile: CpuProfile };
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      return topFunctions(profile, 12);
    },
  };
}

/** Self time per function, the biggest first, each with a piece of the (minified) source where it starts. */
function topFunctions(profile: CpuProfile, count: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<string, { ms: number; frame: CallFrame }>();
  let totalMs = 0;
  profile.samples.forEach((nodeId, i) => {
    const frame = byId.get(nodeId)?.callFrame;
    if (!frame) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const key = `${frame.functionName}@${frame.url}:${frame.lineNumber}:${frame.columnNumber}`;
    const entry = selfMs.get(key) ?? { ms: 0, frame };
    entry.ms += ms;
    selfMs.set(key, entry);
  });
  const busyMs =
    totalMs - [...selfMs.values()].filter((e) => e.frame.functionName === '(idle)').reduce((s, e) => s + e.ms, 0);
  const lines = [`worker profile: ${(totalMs / 1000).toFixed(1)} s sampled, ${(busyMs / 1000).toFixed(1)} s not idle`];
  for (const { ms, frame } of [...selfMs.values()].sort((a, b) => b.ms - a.ms).slice(0, count)) {
    const name = frame.functionName || '(anonymous)';
    lines.push(`  ${(ms / 1000).toFixed(2).padStart(6)} s ${name} ${sourceAt(frame)}`);
  }
  return lines;
}

const sources = new Map<string, string[]>();

/** 70 characters of the built file at the function's start: names are minified, the code says what it is. */
function sourceAt(frame: CallFrame): string {
  const match = /^chrome-extension:\/\/[^/]+\/(.+)$/.exec(frame.url);
  if (!match?.[1]) return frame.url ? `(${frame.url})` : '';
  let lines = sources.get(match[1]);
  if (!lines) {
    try {
      lines = readFileSync(join(EXTENSION_DIR, match[1]), 'utf8').split('\n');
    } catch {
      lines = [];
    }
    sources.set(match[1], lines);
  }
  const text = lines[frame.lineNumber]?.slice(frame.columnNumber, frame.columnNumber + 70) ?? '';
  return `[${match[1]}:${frame.lineNumber + 1}:${frame.columnNumber + 1}] ${text}`;
}
