// Resident memory (and CPU time) of a whole Chromium: the browser process found by its profile folder, plus
// every process below it (zygotes, renderers, the extension's worker, the network and storage services). Read
// from /proc in this process rather than by running `ps` four times a second, which would itself load 2 cores.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const getconf = (name: string, fallback: number) =>
  Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim()) || fallback;
const PAGE_BYTES = getconf('PAGESIZE', 4096);
const TICKS_PER_SECOND = getconf('CLK_TCK', 100);

interface ProcessInfo {
  pid: number;
  ppid: number;
  rssBytes: number;
  /** User + system CPU time so far, in clock ticks. */
  cpuTicks: number;
}

function readStat(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may hold spaces: count fields after the last ')'.
    // Fields from there: state, ppid, ... utime (14th of the line), stime (15th), ... rss (24th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      ppid: Number(fields[1]),
      rssBytes: Number(fields[21]) * PAGE_BYTES,
      cpuTicks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return undefined; // the process ended between the listing and the read
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The browser process of the profile: the one with `--user-data-dir=<profile>` and no `--type=` (a child). */
export function findBrowserPid(profileDir: string): number {
  const found = allPids().filter((pid) => {
    const line = cmdline(pid);
    return line.includes(`--user-data-dir=${profileDir}`) && !line.includes('--type=');
  });
  if (found.length !== 1) throw new Error(`expected one browser process for ${profileDir}, found ${found.length}`);
  return found[0] as number;
}

const labels = new Map<number, string>();

/** "browser", "renderer (extension)", "utility (network.mojom.NetworkService)", ...: what a process is. */
function label(pid: number, root: number): string {
  let known = labels.get(pid);
  if (!known) {
    const line = cmdline(pid);
    const type = /--type=(\S+)/.exec(line)?.[1] ?? (pid === root ? 'browser' : 'other');
    const extra =
      /--utility-sub-type=(\S+)/.exec(line)?.[1] ?? (line.includes('--extension-process') ? 'extension' : '');
    known = extra ? `${type} (${extra})` : type;
    labels.set(pid, known);
  }
  return known;
}

/** Every process of the tree under `root`, root included. */
function tree(root: number): ProcessInfo[] {
  const infos = allPids()
    .map(readStat)
    .filter((info) => info !== undefined);
  const children = new Map<number, ProcessInfo[]>();
  for (const info of infos) children.set(info.ppid, [...(children.get(info.ppid) ?? []), info]);
  const rootInfo = infos.find((info) => info.pid === root);
  if (!rootInfo) throw new Error(`browser process ${root} is gone`);
  const found: ProcessInfo[] = [];
  const queue = [rootInfo];
  while (queue.length > 0) {
    const info = queue.pop() as ProcessInfo;
    found.push(info);
    queue.push(...(children.get(info.pid) ?? []));
  }
  return found;
}

/** RSS summed by kind of process ("renderer (extension)": the worker's process). */
function rssByKind(infos: ProcessInfo[], root: number): Record<string, number> {
  const byKind: Record<string, number> = {};
  for (const info of infos) byKind[label(info.pid, root)] = (byKind[label(info.pid, root)] ?? 0) + info.rssBytes;
  return byKind;
}

/** One reading: the sum over the tree, its largest process, and the sums by kind. */
export function sampleTree(root: number) {
  const infos = tree(root);
  const largest = infos.reduce((a, b) => (b.rssBytes > a.rssBytes ? b : a));
  const total = infos.reduce((sum, info) => sum + info.rssBytes, 0);
  return {
    total,
    largest: largest.rssBytes,
    largestLabel: label(largest.pid, root),
    count: infos.length,
    byKind: rssByKind(infos, root),
  };
}

/** This process (the portal and the benchmark) in `RssPeak.cpuSeconds`. */
export const NODE_KIND = 'node (portal + bench)';

export interface RssPeak {
  /** Highest sum over the tree at one sampling moment. */
  total: number;
  /** Highest single process seen, and what it was. */
  largest: number;
  largestLabel: string;
  samples: number;
  /** The highest RSS each kind of process reached (summed over processes of that kind). */
  byKind: Record<string, number>;
  /** CPU seconds spent while sampling, by kind of process; "node (portal + bench)" is this process. */
  cpuSeconds: Record<string, number>;
  /** Share of the whole machine's CPU time that was busy (all processes, all cores). */
  machineBusy: number;
  /** CPU seconds of everything else on the machine (other people's tests, unzip, ...): noise in the numbers. */
  otherSeconds: number;
}

/** Busy and total jiffies of all cores, from the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const values = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** Samples every `everyMs` until stopped; `stop()` returns the peaks and where the CPU time went. */
export function startSampling(root: number, everyMs = 250): { stop(): RssPeak } {
  const peak: RssPeak = {
    total: 0,
    largest: 0,
    largestLabel: '',
    samples: 0,
    byKind: {},
    cpuSeconds: {},
    machineBusy: 0,
    otherSeconds: 0,
  };
  // CPU ticks per process: at first sight (0 for a process born while sampling) and at the latest sample.
  const firstTicks = new Map<number, number>();
  const lastTicks = new Map<number, number>();
  let firstSample = true;
  const take = () => {
    const infos = tree(root);
    let total = 0;
    for (const info of infos) {
      total += info.rssBytes;
      if (info.rssBytes > peak.largest) {
        peak.largest = info.rssBytes;
        peak.largestLabel = label(info.pid, root);
      }
      if (!firstTicks.has(info.pid)) firstTicks.set(info.pid, firstSample ? info.cpuTicks : 0);
      lastTicks.set(info.pid, info.cpuTicks);
    }
    firstSample = false;
    for (const [kind, bytes] of Object.entries(rssByKind(infos, root))) {
      peak.byKind[kind] = Math.max(peak.byKind[kind] ?? 0, bytes);
    }
    peak.samples += 1;
    peak.total = Math.max(peak.total, total);
  };
  const nodeCpu = process.cpuUsage();
  const machine = machineTicks();
  take();
  const timer = setInterval(() => {
    try {
      take();
    } catch {
      // The browser closing mid-sample is reported by the step that waits for it, not here.
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      for (const [pid, last] of lastTicks) {
        const kind = label(pid, root);
        const seconds = (last - (firstTicks.get(pid) ?? 0)) / TICKS_PER_SECOND;
        peak.cpuSeconds[kind] = (peak.cpuSeconds[kind] ?? 0) + seconds;
      }
      const node = process.cpuUsage(nodeCpu);
      peak.cpuSeconds[NODE_KIND] = (node.user + node.system) / 1e6;
      const now = machineTicks();
      peak.machineBusy = (now.busy - machine.busy) / Math.max(1, now.total - machine.total);
      const ours = Object.values(peak.cpuSeconds).reduce((sum, seconds) => sum + seconds, 0);
      peak.otherSeconds = Math.max(0, (now.busy - machine.busy) / TICKS_PER_SECOND - ours);
      return peak;
    },
  };
}

/** "renderer (extension) 21.3 s, browser 7.9 s, ..." — the biggest first, the small ones left out. */
export function formatCpu(cpu: Record<string, number>, wallSeconds: number): string {
  return Object.entries(cpu)
    .filter(([, seconds]) => seconds >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, seconds]) => `${kind} ${seconds.toFixed(1)} s (${Math.round((100 * seconds) / wallSeconds)}%)`)
    .join(', ');
}
