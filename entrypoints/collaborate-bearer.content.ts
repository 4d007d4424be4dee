// In the scheduler page's own world, before its scripts run: tells our content script (collaborate.content.ts)
// the bearer of the page's own requests to Collaborate's API, for scheduler pages opened without `?token=`.
// Chrome only: Firefox's MV2 content scripts cannot run in the page's world; there the address's token is used.
import { reportPageBearer } from '@/utils/sites/collaborate-bearer';

export default defineContentScript({
  // The scheduler only: never live sessions or any other Collaborate page.
  matches: ['https://*.bbcollab.com/collab/ui/scheduler/*'],
  runAt: 'document_start',
  world: 'MAIN',
  include: ['chrome'],
  main: reportPageBearer,
});
