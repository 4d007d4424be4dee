// How long a test may wait for a browser, a download or a portal: the budgets in the tests are for a quiet 2-core
// machine, and they stretch with the machine's load (CI may share its two cores with other runs), so a test that
// passes quietly passes loaded too, only slower. Budgets are upper bounds on waits for a state, never sleeps.
import { availableParallelism, loadavg } from 'node:os';

/** `ms` stretched by the load on this machine now: ×1 when idle, up to ×5 when every core is busy several times over. */
export function patience(ms: number): number {
  const [oneMinute = 0] = loadavg();
  const busy = oneMinute / availableParallelism();
  return Math.round(ms * Math.min(5, 1 + busy));
}
