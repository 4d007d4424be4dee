// Chrome stops an idle service worker after about 30 s, even in the middle of a stream it is serving.
// A cheap extension call every 20 s while an export runs keeps it awake (TOOLCHAIN.md, "Long streams").
import { browser } from 'wxt/browser';

const EVERY_MS = 20_000;
const running = new Set<number>();
let timer: ReturnType<typeof setInterval> | undefined;

export function keepAliveWhile(jobId: number, busy: boolean): void {
  if (busy) running.add(jobId);
  else running.delete(jobId);
  if (running.size > 0 && !timer) {
    timer = setInterval(() => void browser.runtime.getPlatformInfo(), EVERY_MS);
  } else if (running.size === 0 && timer) {
    clearInterval(timer);
    timer = undefined;
  }
}
