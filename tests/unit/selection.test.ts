// The selection's own behaviour is tested with the bar's state (bar-state.test.ts).
import { describe, expect, it } from 'vitest';
import { clickedRange } from '@/utils/selection';

describe('a click with Shift', () => {
  const shown = ['a', 'b', 'c', 'd', 'e'];
  it.each([
    ['c', undefined, ['c']],
    ['d', 'b', ['b', 'c', 'd']],
    ['a', 'c', ['a', 'b', 'c']],
    ['c', 'gone', ['c']],
    ['gone', 'a', []],
  ] as const)('on %s after %s ticks %j', (clicked, anchor, expected) => {
    expect(clickedRange(shown, clicked, anchor)).toEqual(expected);
  });
});
