import { browser } from 'wxt/browser';
import { mountRecordingPage, type RecordingPage } from '@/components/recording-page';
import type { Command } from '@/utils/protocol';
import { collaboratePage } from '@/utils/sites/collaborate-page';
import { pageToken } from '@/utils/sites/collaborate-token-page';
import { detectPage } from '@/utils/sites/registry';

export default defineContentScript({
  // Every region's app and LTI host (`eu.bbcollab.com`, `eu-lti.bbcollab.com`, ...).
  matches: ['https://*.bbcollab.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    if (detectPage(location.href)?.kind !== 'scheduler') return;
    const token = pageToken(location.href, ctx);
    const handOver = async () => {
      const current = token.current();
      if (!current) return;
      const message: Command = { type: 'site-token', site: 'collaborate', origin: location.origin, token: current };
      await browser.runtime.sendMessage(message);
    };
    const source = collaboratePage(location.origin, token.current, handOver);
    void handOver();
    let page: RecordingPage | undefined = mountRecordingPage(source, location.href);
    // The scheduler lists through the API itself: each new listing of its own (a filter, a search) is followed.
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (source.pageListed(entry.name)) page?.addressChanged(entry.name);
    });
    observer.observe({ type: 'resource', buffered: true });
    token.onChange(() => void handOver());
    ctx.onInvalidated(() => {
      observer.disconnect();
      page?.unmount();
      page = undefined;
    });
  },
});
