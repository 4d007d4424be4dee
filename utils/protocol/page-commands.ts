// Messages the background sends to pages: a context menu entry for a list page's bar, and a ZIP for the offscreen
// document to save. A page checks them as the background checks its commands.
import type { Destination } from '../model';
import { DESTINATIONS } from './fields';

/**
 * From the worker to a list page's content script: a context menu entry the user chose. The page acts through its
 * bar (the same commands as the bar's buttons), so that the export shows there.
 */
export type MenuCommand =
  | {
      target: 'page';
      type: 'menu-recording';
      destination: Destination;
      destinationId?: string;
      /** The link right-clicked; absent when it was a row that is no link (the page remembers which row). */
      linkUrl?: string;
    }
  | { target: 'page'; type: 'menu-matching' }
  | { target: 'page'; type: 'menu-ticked'; destination: Destination; destinationId?: string };

/** Checks a menu command's shape; null for anything else. */
export function parseMenuCommand(message: unknown): MenuCommand | null {
  const raw = (message ?? {}) as Record<string, unknown>;
  if (raw.target !== 'page') return null;
  if (raw.type === 'menu-matching') return { target: 'page', type: raw.type };
  if (raw.type !== 'menu-recording' && raw.type !== 'menu-ticked') return null;
  const destination = raw.destination as Destination;
  if (!DESTINATIONS.includes(destination)) return null;
  let destinationId: string | undefined;
  if (destination === 's3') {
    if (typeof raw.destinationId !== 'string' || raw.destinationId.length > 100) return null;
    destinationId = raw.destinationId;
  }
  if (raw.type === 'menu-ticked') return { target: 'page', type: raw.type, destination, destinationId };
  if (raw.linkUrl !== undefined && (typeof raw.linkUrl !== 'string' || raw.linkUrl.length > 4096)) return null;
  return { target: 'page', type: raw.type, destination, destinationId, linkUrl: raw.linkUrl as string | undefined };
}

/** From the background to the offscreen document (Chrome): navigate a frame to this extension URL to save it. */
export type OffscreenCommand = { target: 'offscreen'; type: 'save-url'; url: string };

export function isOffscreenCommand(message: unknown): message is OffscreenCommand {
  const raw = (message ?? {}) as Record<string, unknown>;
  return raw.target === 'offscreen' && raw.type === 'save-url' && typeof raw.url === 'string';
}
