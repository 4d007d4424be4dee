// Chrome only: a frame navigated to a worker-served ZIP address makes the browser save the stream. The frame
// stays: the download belongs to the download manager from then on, and frames cost next to nothing.
import { browser } from 'wxt/browser';
import { volumeOfUrl } from '@/utils/export/save-zip-chrome';
import { isOffscreenCommand } from '@/utils/protocol';

browser.runtime.onMessage.addListener((message, sender) => {
  // Only the worker may send it (a content script's messages reach every extension page too), and only for a
  // volume address the worker serves.
  const fromWorker = sender.id === browser.runtime.id && sender.tab === undefined && !sender.url?.endsWith('.html');
  if (!isOffscreenCommand(message) || !fromWorker || !volumeOfUrl(message.url)) return undefined;
  const frame = document.createElement('iframe');
  frame.src = message.url;
  document.body.append(frame);
  return Promise.resolve(true);
});
