import { mountRecordingPage, type RecordingPage } from '@/components/recording-page';
import { collaboratePage } from '@/utils/sites/collaborate-page';
import { pageToken } from '@/utils/sites/collaborate-token-page';
import { detectPage } from '@/utils/sites/registry';

export default defineContentScript({
  // Every region's app and LTI host (`eu.bbcollab.com`, `eu-lti.bbcollab.com`, ...).
  matches: ['https://*.bbcollab.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    if (detectPage(location.href)?.kind !== 'scheduler') return;
    const source = collaboratePage(location.origin, pageToken(location.href, ctx));
    let page: RecordingPage | undefined = mountRecordingPage(source, location.href);
    const stopFollowing = source.followListings((url) => page?.addressChanged(url));
    ctx.onInvalidated(() => {
      stopFollowing();
      page?.unmount();
      page = undefined;
    });
  },
});
