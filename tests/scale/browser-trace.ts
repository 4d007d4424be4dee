// Opt-in (SCALE_TRACE=1): where the *browser's* time goes while files are saved, for when the worker's own
// profile is mostly idle. A Chrome trace of the top-level tasks of every process for a while; each task is
// summed under its process, thread and the code that posted it (Chrome's own file and function names).
import type { CDPSession, Page } from 'playwright-core';
import type { Harness } from '../e2e/harness.ts';

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: Record<string, unknown>;
}

/** "file:function" of the code that posted a task, in any of the shapes Chrome's JSON traces use. */
function postedFrom(args: Record<string, unknown> | undefined): string {
  const task = (args?.task ?? {}) as { posted_from?: { file_name?: string; function_name?: string } };
  const file = (args?.src_file as string | undefined) ?? task.posted_from?.file_name ?? '?';
  const fn = (args?.src_func as string | undefined) ?? task.posted_from?.function_name ?? '?';
  return `${file.split('/').slice(-2).join('/')}:${fn}`;
}

export async function traceBrowser(harness: Harness, page: Page, ms: number, top = 15): Promise<string[]> {
  const cdp: CDPSession = await harness.context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', '__metadata'] } });
  await new Promise((resolve) => setTimeout(resolve, ms));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach().catch(() => undefined);

  const names = new Map<string, string>();
  for (const event of events.filter((e) => e.ph === 'M')) {
    const name = String((event.args as { name?: string } | undefined)?.name ?? '');
    if (event.name === 'process_name') names.set(`${event.pid}`, name);
    if (event.name === 'thread_name') names.set(`${event.pid}/${event.tid}`, name);
  }
  const spent = new Map<string, number>();
  let total = 0;
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const where = `${names.get(`${event.pid}`) ?? event.pid} / ${names.get(`${event.pid}/${event.tid}`) ?? event.tid}`;
    const key = `${where} / ${event.name} ${postedFrom(event.args)}`;
    spent.set(key, (spent.get(key) ?? 0) + event.dur / 1000);
    total += event.dur / 1000;
  }
  const lines = [`browser trace: ${(ms / 1000).toFixed(0)} s, ${(total / 1000).toFixed(1)} s in top-level tasks`];
  for (const [key, taskMs] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`  ${(taskMs / 1000).toFixed(2).padStart(6)} s ${key}`);
  }
  return lines;
}
