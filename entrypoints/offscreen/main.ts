// Chrome only: a frame navigated to a worker-served address (a ZIP volume, a relayed folder file) makes the browser
// save the stream. Once the download has begun it belongs to the download manager, so only the newest frames are
// kept: an export of thousands of relayed files must not pile up thousands of frames.
import { browser } from 'wxt/browser';
import { relayOfUrl } from '@/utils/export/relay-address';
import { volumeOfUrl } from '@/utils/export/save-zip-chrome';
import { isOffscreenCommand } from '@/utils/protocol';

// Far more than the downloads that can be starting at once (each is waited for before the next begins).
const FRAMES_KEPT = 20;

browser.runtime.onMessage.addListener((message, sender) => {
  // Only the worker may send it (a content script's messages reach every extension page too), and only for an
  // address the worker serves.
  const fromWorker = sender.id === browser.runtime.id && sender.tab === undefined && !sender.url?.endsWith('.html');
  const served = isOffscreenCommand(message) && (volumeOfUrl(message.url) || relayOfUrl(message.url));
  if (!served || !fromWorker) return undefined;
  const frame = document.createElement('iframe');
  frame.src = message.url;
  document.body.append(frame);
  const frames = document.querySelectorAll('iframe');
  for (const old of [...frames].slice(0, Math.max(0, frames.length - FRAMES_KEPT))) old.remove();
  return Promise.resolve(true);
});
