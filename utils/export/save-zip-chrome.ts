// Chrome: the service worker answers a navigation to its own URL with the ZIP stream, and the browser saves
// it as a download. `downloads.download()` of that URL would fail (TOOLCHAIN.md, "Saving a stream"), so an
// iframe in the offscreen document does the navigation.
import type { Browser } from '@wxt-dev/browser';
import { browser } from 'wxt/browser';
import type { OffscreenCommand } from '../protocol';

const chromeApi = (globalThis as unknown as { chrome: typeof Browser }).chrome;
const OFFSCREEN_PAGE = 'offscreen.html';
const ZIP_PATH = /^\/export\/(\d+)\/(\d+)\.zip$/;

// The background's own origin: `chrome-extension://<id>` (or `moz-extension://<uuid>`).
const ownOrigin = () => globalThis.location.origin;

export interface VolumeRef {
  jobId: number;
  volume: number;
}

export function volumeUrl({ jobId, volume }: VolumeRef): string {
  return `${ownOrigin()}/export/${jobId}/${volume}.zip`;
}

/** The volume a worker-served ZIP address belongs to, or null for any other address. */
export function volumeOfUrl(url: string): VolumeRef | null {
  try {
    const parsed = new URL(url);
    if (parsed.origin !== ownOrigin()) return null;
    const match = ZIP_PATH.exec(parsed.pathname);
    return match ? { jobId: Number(match[1]), volume: Number(match[2]) } : null;
  } catch {
    return null;
  }
}

let creating: Promise<void> | undefined;

async function ensureOffscreenDocument(): Promise<void> {
  const contexts = await chromeApi.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  if (contexts.length > 0) return;
  creating ??= chromeApi.offscreen
    .createDocument({
      url: OFFSCREEN_PAGE,
      reasons: ['BLOBS'],
      justification: 'Saves the streamed ZIP of an export as a download.',
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

/** Makes the browser save what the worker answers at one of its own addresses (a ZIP volume, a relayed file). */
export async function startSavingUrl(url: string): Promise<void> {
  await ensureOffscreenDocument();
  const command: OffscreenCommand = { target: 'offscreen', type: 'save-url', url };
  await browser.runtime.sendMessage(command);
}

export function startVolumeDownload(ref: VolumeRef): Promise<void> {
  return startSavingUrl(volumeUrl(ref));
}
