import { mountRecordingPage, type RecordingPage } from '@/components/recording-page';
import { detectPage } from '@/utils/sites/registry';
import { zoomPage } from '@/utils/sites/zoom-page';

export default defineContentScript({
  matches: ['https://*.zoom.us/*'],
  runAt: 'document_idle',
  main(ctx) {
    let page: RecordingPage | undefined;
    // Zoom's portal is a single-page app: follow its address, mount on list pages, leave everything else clean.
    // The change event comes before the address is committed: use the address it names, not location.href.
    const follow = (url: string) => {
      const kind = detectPage(url)?.kind;
      const onList = kind === 'list' || kind === 'admin-list';
      if (onList && page) page.addressChanged(url);
      else if (onList) page = mountRecordingPage(zoomPage, url);
      else {
        page?.unmount();
        page = undefined;
      }
    };
    follow(location.href);
    ctx.addEventListener(window, 'wxt:locationchange', (event) => follow(event.newUrl.href));
    ctx.onInvalidated(() => page?.unmount());
  },
});
