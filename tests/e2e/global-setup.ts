// Builds the Chrome extension once for every browser test in this run.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
}
