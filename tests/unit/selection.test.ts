import { describe, expect, it } from 'vitest';
import type { Recording } from '@/utils/model';
import { clickedRange, Selection } from '@/utils/selection';

const recording = (id: string, extra: Partial<Recording> = {}): Recording => ({
  site: 'zoom',
  id,
  title: id,
  startedAt: '',
  status: 'ready',
  columns: {},
  ...extra,
});

describe('the selection', () => {
  it('counts and sizes what is ticked, across pages', () => {
    const selection = new Selection();
    selection.set([recording('a', { sizeBytes: 10 }), recording('b', { sizeBytes: 5 })], true);
    selection.set([recording('c')], true);
    expect(selection.size).toBe(3);
    expect(selection.totalBytes).toBe(15);
    selection.set([recording('a')], false);
    expect(selection.size).toBe(2);
  });

  it('never holds a recording that is still processing', () => {
    const selection = new Selection();
    selection.set([recording('a', { status: 'processing' })], true);
    expect(selection.size).toBe(0);
  });

  it('takes the listing’s facts for a row ticked before the listing arrived', () => {
    const selection = new Selection();
    let told = 0;
    selection.subscribe(() => told++);
    selection.set([recording('a')], true);
    selection.refresh([recording('a', { sizeBytes: 42 }), recording('z', { sizeBytes: 1 })]);
    expect(selection.totalBytes).toBe(42);
    expect(selection.has('z')).toBe(false);
    selection.refresh([recording('a', { status: 'processing' })]);
    expect(selection.size).toBe(0);
    expect(told).toBe(3);
  });
});

describe('a whole search', () => {
  it('replaces the selection and keeps recordings still processing, counted apart', () => {
    const selection = new Selection();
    selection.set([recording('old')], true);
    selection.replaceWithSearch([recording('a', { sizeBytes: 3 }), recording('p', { status: 'processing' })]);
    expect(selection.recordings().map((r) => r.id)).toEqual(['a', 'p']);
    expect([selection.size, selection.processing, selection.totalBytes]).toEqual([2, 1, 3]);
    // The listing's newer facts do not drop it either.
    selection.refresh([recording('p', { status: 'processing', sizeBytes: 7 })]);
    expect(selection.has('p')).toBe(true);
  });
});

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
