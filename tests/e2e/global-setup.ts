// Builds the Chrome extension once for every browser test in this run. `npm test` has just built both browsers'
// extensions (tests/run-all.sh) and says so: building again would only cost CI a minute.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.RECLAIM_BUILT === '1') return;
  execFileSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
}
