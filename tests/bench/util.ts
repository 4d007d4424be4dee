// Small helpers the benchmark's steps share: waiting with a deadline, sizes on disk, log lines, unzip's verdict.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';

export const MB = 1_000_000;
export const GB = 1_000_000_000;

const started = Date.now();

/** A progress line with the time since the benchmark began, so slow phases stand out in the log. */
export function log(message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[${seconds}s] ${message}`);
}

export function elapsedSeconds(): number {
  return (Date.now() - started) / 1000;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns a value other than undefined; throws an error naming `what` at the deadline.
 * `describe` adds what was last seen to that error, so a timeout says where things stood.
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => T | undefined | Promise<T | undefined>,
  options: { intervalMs?: number; describe?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const seen = options.describe ? ` (last seen: ${options.describe()})` : '';
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${seen}`);
    }
    await sleep(options.intervalMs ?? 200);
  }
}

/** Rejects with a clear message when `promise` takes longer than `timeoutMs`. */
export function withTimeout<T>(what: string, timeoutMs: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s: ${what}`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Every regular file under `dir` with its size (recursive). */
export function filesWithSizes(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .map((path) => ({ path, stat: statSync(path, { throwIfNoEntry: false }) }))
    .filter(({ stat }) => stat?.isFile())
    .map(({ path, stat }) => ({ path, size: stat?.size ?? 0 }));
}

export const mbps = (bytes: number, ms: number) => bytes / MB / (ms / 1000);
export const fmtMB = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
export const fmtGB = (bytes: number) => `${(bytes / GB).toFixed(3)} GB`;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * `unzip -t`, asynchronously: it reads and checks every byte (minutes for 8 GB), and the event loop must stay
 * free meanwhile. The verdict is its last line ("No errors detected in compressed data of ...").
 */
export function unzipTest(path: string, timeoutMs: number): Promise<{ ok: boolean; verdict: string; ms: number }> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('unzip', ['-t', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      // Keep only the tail: one line per entry is of no interest, the verdict comes last.
      output = (output + chunk.toString('utf8')).slice(-4000);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`unzip -t ${path} took longer than ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = output.trim().split('\n');
      const verdict = (lines[lines.length - 1] ?? '').trim();
      resolve({
        ok: code === 0 && /No errors detected/.test(output),
        verdict: `${verdict} (exit ${code})`,
        ms: Date.now() - start,
      });
    });
  });
}

/**
 * tsx compiles this file with esbuild's keepNames, which wraps inner functions in `__name(...)`; Playwright sends
 * a function's source to the worker, where no `__name` exists. A pass-through stand-in makes that source run.
 */
export async function shimNames(worker: Worker): Promise<Worker> {
  await worker.evaluate('globalThis.__name ??= (fn) => fn');
  return worker;
}

/**
 * Runs a benchmark's `main` as a script: a watchdog, Ctrl-C and failures all end with `cleanUp` (browsers,
 * servers, temp files) and an exit code; the portal's keep-alive sockets must not hold the process open.
 */
export function runBench(name: string, main: () => Promise<void>, cleanUp: () => Promise<void>, watchdogMs: number) {
  // Playwright watches every request of the extension's service worker through DevTools' Network domain unless
  // this is set (crServiceWorker.ts in playwright-core). No user's browser does that, and it cost 4x: a copy of
  // 400 MB to S3 went from 10 to 40 MB/s without it, the browser process from 15.6 to 1.1 CPU seconds.
  process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';
  const watchdog = setTimeout(() => {
    console.error(`${name}: still running after ${watchdogMs / 60_000} minutes; giving up`);
    void cleanUp().finally(() => process.exit(1));
  }, watchdogMs);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`${name}: ${signal}, cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  main()
    .then(() => {
      process.exitCode = 0;
    })
    .catch((error: unknown) => {
      console.error(`${name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    })
    .finally(async () => {
      clearTimeout(watchdog);
      await cleanUp();
      process.exit(process.exitCode ?? 1);
    });
}
