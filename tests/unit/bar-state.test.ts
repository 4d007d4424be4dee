// The bar's state (components/bar-state.ts): what is selected and what the bar says about it stay true to each
// other whatever the user does: untick one of a whole search, leave kinds of file out, select processing ones.
import { describe, expect, it } from 'vitest';
import {
  type BarAction,
  type BarState,
  barReducer,
  initialBarState,
  pageSelection,
  selectionSummary,
  suggestedExportName,
} from '@/components/bar-state';
import { exportName } from '@/utils/export/naming';
import type { FileChoice } from '@/utils/file-choices';
import type { Recording } from '@/utils/model';
import type { JobSnapshot } from '@/utils/protocol';

const recording = (id: string, extra: Partial<Recording> = {}): Recording => ({
  site: 'zoom',
  id,
  title: id,
  startedAt: '',
  status: 'ready',
  columns: {},
  ...extra,
});

const run = (...actions: BarAction[]): BarState => actions.reduce(barReducer, initialBarState);
const ids = (state: BarState) => [...state.chosen.keys()];
const ZOOM_CHOICES: FileChoice[] = ['video:speaker', 'video:gallery', 'audio', 'chat'];

describe('ticking rows', () => {
  it('counts and sizes what is ticked, across pages, and unticks', () => {
    const state = run(
      { type: 'tick', recordings: [recording('a', { sizeBytes: 10 }), recording('b', { sizeBytes: 5 })], chosen: true },
      { type: 'tick', recordings: [recording('c')], chosen: true },
      { type: 'tick', recordings: [recording('b')], chosen: false },
    );
    expect(ids(state)).toEqual(['a', 'c']);
    expect(selectionSummary(state, ZOOM_CHOICES)).toMatchObject({ count: 2, totalBytes: 10, processing: 0 });
  });

  it('never ticks a recording that is still processing', () => {
    expect(ids(run({ type: 'tick', recordings: [recording('a', { status: 'processing' })], chosen: true }))).toEqual(
      [],
    );
  });

  it('remembers the row clicked last, where a Shift-click range starts', () => {
    expect(run({ type: 'tick', recordings: [recording('a')], chosen: true, anchor: 'a' }).anchor).toBe('a');
  });

  it('takes the listing’s facts for a row ticked before the listing arrived, never adding rows', () => {
    const ticked = run({ type: 'tick', recordings: [recording('a')], chosen: true });
    const listed = barReducer(ticked, {
      type: 'listed',
      recordings: [recording('a', { sizeBytes: 42 }), recording('z', { sizeBytes: 1 })],
    });
    expect(ids(listed)).toEqual(['a']);
    expect(selectionSummary(listed, []).totalBytes).toBe(42);
    // A ticked one that turns out to be processing leaves; a listing about others changes nothing at all.
    expect(ids(barReducer(listed, { type: 'listed', recordings: [recording('a', { status: 'processing' })] }))).toEqual(
      [],
    );
    expect(barReducer(listed, { type: 'listed', recordings: [recording('q')] })).toBe(listed);
  });

  it('says how much of the page is ticked, for the page’s own box', () => {
    const shown = [recording('a'), recording('b'), recording('p', { status: 'processing' })];
    expect(pageSelection(initialBarState, shown)).toBe('none');
    expect(pageSelection(run({ type: 'tick', recordings: [shown[0] as Recording], chosen: true }), shown)).toBe('some');
    // Every ready row ticked is the whole page: the processing one cannot be.
    expect(pageSelection(run({ type: 'tick', recordings: shown, chosen: true }), shown)).toBe('all');
  });
});

describe('all recordings matching a search', () => {
  const found = [
    recording('a', { sizeBytes: 3 }),
    recording('b', { sizeBytes: 4 }),
    recording('p', { status: 'processing' }),
  ];
  const matching = run(
    { type: 'tick', recordings: [recording('old')], chosen: true },
    { type: 'selectedMatching', recordings: found, status: 'All 3 recordings matching this search are selected.' },
  );

  it('replaces the selection, keeps processing ones and shows them as skipped, not in the size', () => {
    expect(ids(matching)).toEqual(['a', 'b', 'p']);
    expect(selectionSummary(matching, [])).toMatchObject({ count: 3, processing: 1, totalBytes: 7, allMatching: 3 });
    // The listing's newer facts do not drop a processing one either.
    const listed = barReducer(matching, { type: 'listed', recordings: [recording('p', { status: 'processing' })] });
    expect(ids(listed)).toContain('p');
  });

  it('ends when a row is unticked: no longer "all 3", and its sentence goes', () => {
    const unticked = barReducer(matching, { type: 'tick', recordings: [recording('a')], chosen: false });
    expect(selectionSummary(unticked, []).allMatching).toBeUndefined();
    expect(unticked.status).toBe('');
    expect(selectionSummary(unticked, []).count).toBe(2);
  });

  it('stays when another row is ticked, and ends with Clear', () => {
    const more = barReducer(matching, { type: 'tick', recordings: [recording('a')], chosen: true });
    expect(more.allMatching).toBe(3);
    const cleared = barReducer(matching, { type: 'clear' });
    expect([cleared.chosen.size, cleared.allMatching, cleared.status]).toEqual([0, undefined, '']);
  });
});

describe('the size follows the file choices', () => {
  const ticked = run({ type: 'tick', recordings: [recording('a', { sizeBytes: 100 })], chosen: true });

  it('is the whole size with every kind of file included', () => {
    expect(selectionSummary(ticked, ZOOM_CHOICES)).toMatchObject({
      sizeAtMost: false,
      filesIncluded: { included: 4, of: 4 },
    });
  });

  it('is "at most" the size, with how many kinds are included, when kinds are left out', () => {
    const fewer = barReducer(ticked, { type: 'skippedFiles', skipped: ['video:gallery', 'chat'] });
    expect(selectionSummary(fewer, ZOOM_CHOICES)).toMatchObject({
      totalBytes: 100,
      sizeAtMost: true,
      filesIncluded: { included: 2, of: 4 },
    });
  });

  it('ignores a skipped kind this platform does not have', () => {
    const other = barReducer(ticked, { type: 'skippedFiles', skipped: ['timeline'] });
    expect(selectionSummary(other, ZOOM_CHOICES).sizeAtMost).toBe(false);
  });
});

describe('the export this page follows', () => {
  const job = (state: JobSnapshot['state']) => ({ id: 7, state }) as JobSnapshot;

  it('is busy while it runs, offers Resume when paused, and lets go when it ends', () => {
    const running = run({ type: 'job', job: job('running'), status: '3 of 9' });
    expect([running.busy, running.job?.state, running.status]).toEqual([true, 'running', '3 of 9']);
    const paused = barReducer(running, { type: 'job', job: job('paused'), status: 'Paused' });
    expect([paused.busy, paused.job?.state]).toEqual([false, 'paused']);
    const done = barReducer(paused, { type: 'job', job: job('completed'), status: 'Done' });
    expect([done.busy, done.job]).toEqual([false, undefined]);
  });

  it('keeps the way to the history of an export whose files failed, also once it ended', () => {
    const failing = { ...job('running'), filesFailed: 2 };
    expect(run({ type: 'job', job: job('running'), status: '' }).historyJob).toBeUndefined();
    const running = run({ type: 'job', job: failing, status: '' });
    expect(running.historyJob).toBe(7);
    const ended = barReducer(running, {
      type: 'job',
      job: { ...failing, state: 'completed-with-failures' },
      status: '',
    });
    expect(ended.historyJob).toBe(7);
  });
});

it('minimises and comes back', () => {
  expect(run({ type: 'minimise', minimised: true }).minimised).toBe(true);
  expect(run({ type: 'minimise', minimised: true }, { type: 'minimise', minimised: false }).minimised).toBe(false);
});

describe('the export’s suggested name', () => {
  it('says the platform, the search and how many, or the one recording’s title, and the day', () => {
    const day = new Date(2026, 11, 6, 15, 40);
    const two = run({ type: 'tick', recordings: [recording('a'), recording('b')], chosen: true });
    expect(suggestedExportName('Zoom', 'Biology', two.chosen, day)).toBe(
      'Zoom · search ‘Biology’ · 2 recordings · 2026-12-06',
    );
    expect(suggestedExportName('Zoom', '', two.chosen, day)).toBe('Zoom · 2 recordings · 2026-12-06');
    const one = run({ type: 'tick', recordings: [recording('a', { title: 'Lecture 3' })], chosen: true });
    expect(suggestedExportName('Zoom', 'Biology', one.chosen, day)).toBe('Zoom · Lecture 3 · 2026-12-06');
  });

  it('stays a safe file name of at most 120 characters whatever was searched or titled', () => {
    const day = new Date(2026, 11, 6);
    const two = run({ type: 'tick', recordings: [recording('a'), recording('b')], chosen: true });
    const searched = suggestedExportName('Zoom', `a/b: "c" ${'Biologie '.repeat(20)}`, two.chosen, day);
    expect(Array.from(searched).length).toBeLessThanOrEqual(120);
    expect(searched).toMatch(/…’ · 2 recordings · 2026-12-06$/);
    const long = run({ type: 'tick', recordings: [recording('a', { title: 'Lecture '.repeat(40) })], chosen: true });
    expect(Array.from(suggestedExportName('Collaborate', '', long.chosen, day)).length).toBeLessThanOrEqual(120);
    // As a ZIP's or folder's name: the quotes and middle dots stay, what Windows forbids goes.
    expect(exportName('Zoom', day, new Set(), searched)).toMatch(
      /^Zoom · search ‘a_b_ _c_ Biologie .*’ · 2 recordings/,
    );
    expect(
      exportName('Zoom', day, new Set(['Zoom · 2 recordings · 2026-12-06']), 'Zoom · 2 recordings · 2026-12-06'),
    ).toBe('Zoom · 2 recordings · 2026-12-06 (2)');
  });

  it('is forgotten, as typed, once the export it named has ended', () => {
    const typed = run({ type: 'exportName', name: 'Term 1' });
    const job = (state: JobSnapshot['state']) =>
      ({ type: 'job', job: { id: 1, state } as JobSnapshot, status: '' }) as const;
    expect(barReducer(typed, job('running')).exportName).toBe('Term 1');
    expect(barReducer(typed, job('completed')).exportName).toBe('');
  });
});
