import { mountRecordingPage, type RecordingPage } from '@/components/recording-page';
import { detectPage } from '@/utils/sites/registry';
import { zoomPage } from '@/utils/sites/zoom-page';

export default defineContentScript({
  matches: ['https://*.zoom.us/*'],
  runAt: 'document_idle',
  main(ctx) {
    let page: RecordingPage | undefined;
    // Zoom's portal is a single-page app: follow its address, mount on list pages, leave everything else clean.
    const follow = () => {
      const kind = detectPage(location.href)?.kind;
      const onList = kind === 'list' || kind === 'admin-list';
      if (onList && page) page.addressChanged();
      else if (onList) page = mountRecordingPage(zoomPage);
      else {
        page?.unmount();
        page = undefined;
      }
    };
    follow();
    ctx.addEventListener(window, 'wxt:locationchange', follow);
    ctx.onInvalidated(() => page?.unmount());
  },
});
