// axe-core on the bar as the tests run it: only what it calls serious or critical counts as a finding.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

/** axe-core's serious and critical findings on the bar (its host; axe walks into the open shadow root). */
export async function axeOnBar(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: resolve('node_modules/axe-core/axe.min.js') });
  }
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(el: Element): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> };
      }
    ).axe;
    const host = document.querySelector('reclaim-bar');
    if (!host) return ['no bar'];
    const { violations } = await axe.run(host);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
  });
}
