// The LTI token as our content script finds it on the scheduler page: in the page's address (`?token=`), or else
// in the page's own API calls. Those are seen through a tiny script in the page that reports the bearer of
// requests to the CSA API; its reports are page data, never orders: only a token's shape is accepted, and it is
// only ever sent to Collaborate's own API.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { looksLikeToken } from './collaborate-token';
import { TOKEN_ASK_EVENT, TOKEN_EVENT } from './collaborate-token-events';

export function tokenFromAddress(url: string): string | undefined {
  try {
    const token = new URL(url).searchParams.get('token') ?? undefined;
    return looksLikeToken(token) ? token : undefined;
  } catch {
    return undefined;
  }
}

export function pageToken(url: string, ctx: ContentScriptContext) {
  let current = tokenFromAddress(url);
  const listeners = new Set<() => void>();
  ctx.addEventListener(document, TOKEN_EVENT as keyof DocumentEventMap, (event) => {
    const seen = (event as CustomEvent<unknown>).detail;
    // The address's token is the one the platform launched the page with: it wins while it lasts.
    if (!looksLikeToken(seen) || seen === current || tokenFromAddress(location.href)) return;
    current = seen;
    for (const listener of listeners) listener();
  });
  document.dispatchEvent(new CustomEvent(TOKEN_ASK_EVENT));
  return {
    current: () => current,
    onChange(listener: () => void) {
      listeners.add(listener);
    },
  };
}
