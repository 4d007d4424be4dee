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
 * rows and its pager show above the bar, never under it. The room goes where the list scrolls: the page's body,
 * or the platform's own scrolling container (a single-page app whose body never scrolls, where padding on the
 * body would be out of reach). `update` looks again (the app may have redrawn its layout); `stop` gives every
 * element its padding back.
 */
export function reserveSpaceBelow(
  host: HTMLElement,
  bar: HTMLElement,
  /** An element of the platform's list (a row), whose scrolling ancestor gets the room. */
  listElement: () => Element | undefined,
): { update(): void; stop(): void } {
  let padded: { element: HTMLElement; before: string; base: number } | undefined;
  const release = () => {
    if (padded) padded.element.style.paddingBottom = padded.before;
    padded = undefined;
  };
  // What we added to an element's own padding: its content without our room is what decides whether it scrolls.
  const added = (element: HTMLElement) =>
    padded?.element === element ? (Number.parseFloat(element.style.paddingBottom) || 0) - padded.base : 0;
  const fitPadding = () => {
    const target = scrollerOf(listElement(), added) ?? document.body;
    if (!target) return;
    if (padded?.element !== target) {
      release();
      const base = Number.parseFloat(getComputedStyle(target).paddingBottom) || 0;
      padded = { element: target, before: target.style.paddingBottom, base };
    }
    const height = host.isConnected ? bar.getBoundingClientRect().height : 0;
    target.style.paddingBottom = height > 0 ? `${padded.base + height + 2 * BAR_OFFSET_PX}px` : padded.before;
  };
  const observer = new ResizeObserver(fitPadding);
  observer.observe(bar);
  fitPadding();
  return {
    update: fitPadding,
    stop() {
      observer.disconnect();
      release();
    },
  };
}

/**
 * The nearest ancestor that scrolls its content up and down on its own; none when the page itself scrolls. A box
 * whose content does not overflow it is passed over: `overflow-x: auto` (a table scrolled sideways) makes
 * `overflow-y` auto too, but such a box grows with its rows and the page scrolls it.
 */
export function scrollerOf(
  element: Element | undefined,
  added: (element: HTMLElement) => number = () => 0,
): HTMLElement | undefined {
  for (let node = element?.parentElement; node && node !== document.body; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    const overflows = node.scrollHeight - added(node) > node.clientHeight + 1;
    if ((overflowY === 'auto' || overflowY === 'scroll') && overflows) return node;
  }
  return undefined;
}

/** An error from the platform as a sentence, or `fallback` for one we cannot name. */
export function errorText(error: unknown, fallback: string): string {
  const info = (error as { info?: Parameters<typeof describeError>[0] }).info;
  return info ? describeError(info) : fallback;
}
