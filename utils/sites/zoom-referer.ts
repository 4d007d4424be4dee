// The signed media links on ssrweb.zoom.us may refuse a request without a Zoom page as its Referer (SITES.md,
// "Files"), and a fetch from the background cannot set Referer itself. One session rule sets it: only on
// requests this extension makes from no tab to that one host, so the user's own browsing (and other extensions)
// is never touched; and only while an export of Zoom is left to run.
import { browser } from 'wxt/browser';
import { isZoomOrigin, ZOOM } from './zoom';

const RULE_ID = 5_001;

type Rule = Parameters<typeof browser.declarativeNetRequest.updateSessionRules>[0]['addRules'] & object;

export function zoomRefererRule(origin: string): Rule[number] {
  return {
    id: RULE_ID,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [{ header: 'Referer', operation: 'set', value: `${origin}/` }],
    },
    condition: {
      requestDomains: [ZOOM.mediaHost],
      // Chrome: the extension's own requests only (its id is their initiator's host). Firefox gives the download
      // manager's requests (folder mode) no initiator, so there no-tab requests to the media host are all it has.
      ...(import.meta.env.FIREFOX ? {} : { initiatorDomains: [new URL(browser.runtime.getURL('/')).host] }),
      tabIds: [-1],
      resourceTypes: ['xmlhttprequest', 'media', 'other'],
    },
  };
}

/** Before an export downloads from Zoom: the media host gets the export's portal page as Referer. */
export async function keepZoomMediaReferer(origin: string): Promise<void> {
  if (!isZoomOrigin(origin)) return;
  // Browsers without the API (older Firefox) send no Referer: the media host may then refuse, file by file.
  await browser.declarativeNetRequest?.updateSessionRules({
    removeRuleIds: [RULE_ID],
    addRules: [zoomRefererRule(origin)],
  });
}

/** Once no export of Zoom runs: the rule goes, so nothing is changed on any request while none needs it. */
export async function releaseZoomMediaReferer(): Promise<void> {
  await browser.declarativeNetRequest?.updateSessionRules({ removeRuleIds: [RULE_ID] });
}
