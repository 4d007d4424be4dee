// Where the bar lives: its own element with a shadow root, so the platform's styles cannot reach it and ours
// cannot leak into the page.
import { describeError, t } from '@/utils/i18n';
import barStyles from './bulk-bar.css?inline';
import skipStyles from './skip-link.css?inline';

// The gap the bar floats above the window's bottom edge (bulk-bar.css: `bottom`).
const BAR_OFFSET_PX = 12;

export function barHost(): { host: HTMLElement; shadow: ShadowRoot; container: HTMLElement; skip: HTMLElement } {
  const host = document.createElement('reclaim-bar');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = barStyles;
  // The dock is what floats at the window's bottom (bulk-bar.css); its size is the bar's, for reserveSpaceBelow.
  const container = document.createElement('div');
  container.className = 'dock';
  shadow.append(style, container);
  // After the page, outside the body the platform's app may redraw: the page's own order (its skip links, its
  // header) stays as it was; a skip link first in the document brings the keyboard to the bar.
  document.documentElement.append(host);
  const skip = skipLink(shadow);
  document.documentElement.prepend(skip);
  return { host, shadow, container, skip };
}

/**
 * "Skip to the Reclaim bar": the first stop of the Tab key, shown only while it has the focus (as skip links
 * are), moving the focus to the bar's first control.
 */
function skipLink(bar: ShadowRoot): HTMLElement {
  const host = document.createElement('reclaim-skip');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = skipStyles;
  const link = document.createElement('a');
  link.href = '#';
  link.textContent = t('surfaceSkipToBar');
  link.addEventListener('click', (event) => {
    event.preventDefault();
    bar.querySelector<HTMLElement>('button:not([disabled]), input:not([disabled]), summary, select')?.focus();
  });
  shadow.append(style, link);
  return host;
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
