// Where the bar lives: its own element with a shadow root, so the platform's styles cannot reach it and ours
// cannot leak into the page.
import { describeError } from '@/utils/i18n';
import barStyles from './bulk-bar.css?inline';

// The gap the bar floats above the window's bottom edge (bulk-bar.css: `bottom`).
const BAR_OFFSET_PX = 12;

export function barHost(): { host: HTMLElement; shadow: ShadowRoot; container: HTMLElement } {
  const host = document.createElement('reclaim-bar');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = barStyles;
  // The dock is what floats at the window's bottom (bulk-bar.css); its size is the bar's, for reserveSpaceBelow.
  const container = document.createElement('div');
  container.className = 'dock';
  shadow.append(style, container);
  // First in the document, outside the body the platform's app may redraw: the bar comes early in the tab
  // order, not after every link of the page.
  document.documentElement.prepend(host);
  return { host, shadow, container };
}

/**
 * Keeps as much room free below the page as the bar takes, so that scrolled to the end the platform's last
 * rows and its pager show above the bar, never under it. Returns a function that gives the page its padding back.
 */
export function reserveSpaceBelow(host: HTMLElement, bar: HTMLElement): () => void {
  const body = document.body;
  if (!body) return () => undefined;
  const before = body.style.paddingBottom;
  const base = Number.parseFloat(getComputedStyle(body).paddingBottom) || 0;
  const fitPadding = () => {
    const height = host.isConnected ? bar.getBoundingClientRect().height : 0;
    body.style.paddingBottom = height > 0 ? `${base + height + 2 * BAR_OFFSET_PX}px` : before;
  };
  const observer = new ResizeObserver(fitPadding);
  observer.observe(bar);
  fitPadding();
  return () => {
    observer.disconnect();
    body.style.paddingBottom = before;
  };
}

/** An error from the platform as a sentence, or `fallback` for one we cannot name. */
export function errorText(error: unknown, fallback: string): string {
  const info = (error as { info?: Parameters<typeof describeError>[0] }).info;
  return info ? describeError(info) : fallback;
}
