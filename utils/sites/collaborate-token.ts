// The Collaborate LTI token in the background: handed over by our own content script on the scheduler page (from
// its address or the page's own API calls), kept in memory and in `storage.session` (gone when the browser
// closes, never written to disk or the history, never readable by content scripts), one per API host.
import { browser } from 'wxt/browser';
import { apiOriginOf, isCollaborateOrigin } from './collaborate';

const KEY_PREFIX = 'collaborate-token:';
const inMemory = new Map<string, string>();

/** A JWT's shape: three base64url parts. Anything else is not a token and is never sent anywhere. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 8192 && /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value);
}

export async function rememberToken(origin: string, token: string): Promise<void> {
  if (!isCollaborateOrigin(origin) || !looksLikeToken(token)) return;
  const key = KEY_PREFIX + apiOriginOf(origin);
  inMemory.set(key, token);
  await browser.storage.session?.set({ [key]: token }).catch(() => undefined);
}

/** The newest token for the API host of a page or API origin. */
export async function tokenFor(origin: string): Promise<string | undefined> {
  if (!isCollaborateOrigin(origin)) return undefined;
  const key = KEY_PREFIX + apiOriginOf(origin);
  // Memory has the newest; a restarted worker has lost its memory but not the session storage.
  const remembered = inMemory.get(key);
  if (remembered) return remembered;
  const stored = await browser.storage.session
    ?.get(key)
    .then((found) => found[key])
    .catch(() => undefined);
  return looksLikeToken(stored) ? stored : undefined;
}
