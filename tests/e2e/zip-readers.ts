// What real ZIP readers say about an archive we produced: `unzip -t` and Python's zipfile.
import { execFileSync, spawnSync } from 'node:child_process';

export interface ZipEntry {
  name: string;
  size: number;
  sha256: string;
  /** The entry's CRC-32 as the ZIP's central directory records it (8 lowercase hex digits). */
  crc: string;
}

/** `unzip -t`'s verdict: exit code 0 and "No errors detected". */
export function unzipTest(path: string): { ok: boolean; output: string } {
  const run = spawnSync('unzip', ['-tq', path], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ok: run.status === 0 && /No errors detected/.test(run.stdout), output: run.stdout + run.stderr };
}

export interface ZipReading {
  firstBadEntry: string | null;
  entries: ZipEntry[];
}

export function pythonZipEntries(path: string): ZipReading {
  return pythonZipsEntries([path])[0] as ZipReading;
}

/** Several ZIPs read by one Python process, in their order. */
export function pythonZipsEntries(paths: string[]): ZipReading[] {
  return execFileSync('python3', ['tests/e2e/zip-check.py', ...paths], { encoding: 'utf8', maxBuffer: 1 << 26 })
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** One entry's text, read by `unzip -p`. */
export function readZipEntry(path: string, name: string): string {
  return execFileSync('unzip', ['-p', path, name], { encoding: 'utf8', maxBuffer: 1 << 26 });
}
