// Where the room below the page goes: the box the platform's list scrolls in, else the page's body.
import { describe, expect, it } from 'vitest';
import { scrollerOf } from '@/components/bar-host';

/** Gives an element the scrolling sizes a browser would lay out (happy-dom lays nothing out). */
function sized(element: HTMLElement, scrollHeight: number, clientHeight: number): HTMLElement {
  Object.defineProperty(element, 'scrollHeight', { value: scrollHeight, configurable: true });
  Object.defineProperty(element, 'clientHeight', { value: clientHeight, configurable: true });
  return element;
}

describe('the box the list scrolls in', () => {
  it('is an app shell’s own scrolling box, passing over a sideways-scrolled table that grows with its rows', () => {
    document.body.innerHTML = `<main style="overflow-y: auto"><div class="wide" style="overflow-y: auto">
      <ul><li id="row">Lecture 1</li></ul></div></main>`;
    const main = sized(document.querySelector('main') as HTMLElement, 3000, 700);
    sized(document.querySelector('.wide') as HTMLElement, 900, 900);
    expect(scrollerOf(document.getElementById('row') ?? undefined)).toBe(main);
  });

  it('is none when the page itself scrolls, or when only our own room would make a box scroll', () => {
    document.body.innerHTML = `<main style="overflow-y: auto"><ul><li id="row">Lecture 1</li></ul></main>`;
    const main = sized(document.querySelector('main') as HTMLElement, 760, 700);
    expect(scrollerOf(document.getElementById('row') ?? undefined, (element) => (element === main ? 68 : 0))).toBe(
      undefined,
    );
    document.body.innerHTML = `<div><ul><li id="row">Lecture 1</li></ul></div>`;
    expect(scrollerOf(document.getElementById('row') ?? undefined)).toBe(undefined);
  });
});
