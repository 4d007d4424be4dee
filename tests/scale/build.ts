// The extension the scale run loads, built from a snapshot of the working tree in a folder of its own: other
// people change the engine while this runs, and a build that fails half-way must not empty the `.output` their
// tests are using (WXT clears its output folder first). When the tree does not build (someone is mid-edit), the
// last commit is built instead, and the run says which.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve('.');
// One per run: a browser reads the extension's pages from this folder for as long as it runs.
const SNAPSHOT = join(process.env.TMPDIR ?? '/tmp', `reclaim-scale-build-${process.pid}`);

function copyIn(from: 'tree' | 'head'): void {
  rmSync(SNAPSHOT, { recursive: true, force: true });
  mkdirSync(SNAPSHOT, { recursive: true });
  if (from === 'head') {
    execFileSync('bash', ['-c', `git archive HEAD | tar -x -C '${SNAPSHOT}'`], { cwd: ROOT });
  } else {
    // Tracked and new files as they are on disk now (ignored ones such as .output and node_modules left out;
    // a tracked file deleted meanwhile is skipped).
    const copy = `git ls-files -co --exclude-standard -z | tar --null --ignore-failed-read -T - -cf - | tar -x -C '${SNAPSHOT}'`;
    execFileSync('bash', ['-c', `set -o pipefail; ${copy}`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'] });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(SNAPSHOT, 'node_modules'));
}

function build(): void {
  execFileSync('npx', ['wxt', 'build'], { cwd: SNAPSHOT, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Removes this run's snapshot once its browser has closed. */
export function removeSnapshot(): void {
  rmSync(SNAPSHOT, { recursive: true, force: true });
}

/** Builds the Chrome extension; returns its folder and what it was built from. */
export function buildSnapshot(): { dir: string; from: 'working tree' | 'last commit' } {
  const dir = join(SNAPSHOT, '.output', 'chrome-mv3');
  try {
    copyIn('tree');
    build();
    return { dir, from: 'working tree' };
  } catch {
    copyIn('head');
    build();
    return { dir, from: 'last commit' };
  }
}
