import { mountRecordingPage, type RecordingPage } from '@/components/recording-page';
import { detectPage } from '@/utils/sites/registry';
import { zoomPage } from '@/utils/sites/zoom-page';

export default defineContentScript({
  matches: ['https://*.zoom.us/*'],
  runAt: 'document_idle',
  main(ctx) {
    let page: RecordingPage | undefined;
    let mounted: 'list' | 'detail' | undefined;
    // Zoom's portal is a single-page app: follow its address, mount on the lists and on a recording's page, leave
    // everything else clean. The change event comes before the address is committed: use the address it names.
    const follow = (url: string) => {
      const kind = detectPage(url)?.kind;
      const wanted = kind === 'list' || kind === 'admin-list' ? 'list' : kind === 'detail' ? 'detail' : undefined;
      if (wanted && wanted === mounted) return page?.addressChanged(url);
      page?.unmount();
      page = wanted ? mountRecordingPage(zoomPage, url, wanted === 'detail') : undefined;
      mounted = wanted;
    };
    follow(location.href);
    // A download the page starts (our CSV's blob link) is a "navigation" too, to another scheme: not a new page.
    ctx.addEventListener(window, 'wxt:locationchange', (event) => {
      if (event.newUrl.protocol === location.protocol) follow(event.newUrl.href);
    });
    ctx.onInvalidated(() => page?.unmount());
  },
});
