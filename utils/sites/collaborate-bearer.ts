// Collaborate's scheduler opened without `?token=`: the bearer of the page's own requests to Collaborate's API is
// told to our content script (collaborate.content.ts) by a script in the page's own world. Runs in that world, so
// it imports only what needs no extension API.
import { COLLABORATE } from './collaborate';
import { TOKEN_ASK_EVENT, TOKEN_EVENT } from './collaborate-token-events';

const API = `${COLLABORATE.api}/`;

/** Watches the page's fetch and XMLHttpRequest for an `Authorization: Bearer` sent to the API, and announces it. */
export function reportPageBearer(): void {
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
}
