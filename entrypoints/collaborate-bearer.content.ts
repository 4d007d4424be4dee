// In the scheduler page's own world, before its scripts run: tells our content script (collaborate.content.ts)
// the bearer of the page's own requests to Collaborate's API, for scheduler pages opened without `?token=`.
// Chrome only: Firefox's MV2 content scripts cannot run in the page's world; there the address's token is used.
import { TOKEN_ASK_EVENT, TOKEN_EVENT } from '@/utils/sites/collaborate-token-events';

const API = '/collab/api/csa/';

export default defineContentScript({
  matches: ['https://*.bbcollab.com/*'],
  runAt: 'document_start',
  world: 'MAIN',
  include: ['chrome'],
  main() {
    let last: string | undefined;
    const announce = () => {
      if (last) document.dispatchEvent(new CustomEvent(TOKEN_EVENT, { detail: last }));
    };
    const tell = (url: string, authorization: string | null | undefined) => {
      const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token || !url.includes(API)) return;
      last = token;
      announce();
    };
    // Our content script starts after the page's first requests: it asks for the bearer seen so far.
    document.addEventListener(TOKEN_ASK_EVENT, announce);
    const pageFetch = window.fetch;
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      try {
        const url = input instanceof Request ? input.url : String(input);
        const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
        tell(url, headers.get('Authorization'));
      } catch {
        // Never break the page's own request.
      }
      return pageFetch.call(this, input, init);
    };
    const open = XMLHttpRequest.prototype.open;
    const setHeader = XMLHttpRequest.prototype.setRequestHeader;
    const urls = new WeakMap<XMLHttpRequest, string>();
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: Parameters<typeof open>) {
      urls.set(this, String(args[1]));
      return open.apply(this, args);
    } as typeof open;
    XMLHttpRequest.prototype.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
      if (name.toLowerCase() === 'authorization') tell(urls.get(this) ?? '', value);
      return setHeader.call(this, name, value);
    };
  },
});
