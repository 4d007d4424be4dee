// Where the bar lives: its own element with a shadow root, so the platform's styles cannot reach it and ours
// cannot leak into the page.
import { describeError } from '@/utils/i18n';
import barStyles from './bulk-bar.css?inline';

export function barHost(): { host: HTMLElement; shadow: ShadowRoot; container: HTMLElement } {
  const host = document.createElement('reclaim-bar');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = barStyles;
  const container = document.createElement('div');
  shadow.append(style, container);
  document.documentElement.append(host);
  return { host, shadow, container };
}

/** An error from the platform as a sentence, or `fallback` for one we cannot name. */
export function errorText(error: unknown, fallback: string): string {
  const info = (error as { info?: Parameters<typeof describeError>[0] }).info;
  return info ? describeError(info) : fallback;
}
