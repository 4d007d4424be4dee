// Chrome only: a frame navigated to a worker-served ZIP address makes the browser save the stream. The frame
// stays: the download belongs to the download manager from then on, and frames cost next to nothing.
import { browser } from 'wxt/browser';
import { isOffscreenCommand } from '@/utils/protocol';

browser.runtime.onMessage.addListener((message) => {
  if (!isOffscreenCommand(message)) return undefined;
  const frame = document.createElement('iframe');
  frame.src = message.url;
  document.body.append(frame);
  return Promise.resolve(true);
});
