// The history page says which recordings an export archived were deleted from the platform since, and when.
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { HistoryPage } from '@/components/HistoryPage';
import { db } from '@/utils/db';
import { patience } from '../patience';
import { jobRow } from './engine/rows';

let root: HTMLElement;

beforeEach(async () => {
  await db.delete();
  await db.open();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  location.hash = '';
});

it('lists the recordings deleted from the platform since the export, with the time', async () => {
  const jobId = await db.jobs.add(jobRow({ destination: 's3', site: 'collaborate', state: 'completed' }));
  const recording = (id: string, columns: Record<string, string>) => ({
    jobId,
    recording: {
      site: 'collaborate' as const,
      id,
      title: `Lecture ${id}`,
      startedAt: '',
      status: 'ready' as const,
      columns,
    },
  });
  await db.recordings.bulkAdd([recording('a', { Deleted: '2026-12-06 15:40:12' }), recording('b', {})]);
  location.hash = `#job=${jobId}`;
  await act(() => render(<HistoryPage />, root));
  const section = () => root.querySelector('[data-testid="history-deleted"]');
  // The page reads the database after it is drawn: wait for the section (a state), with the test's own budget.
  await vi.waitFor(
    async () => {
      await act(() => undefined);
      if (!section()) throw new Error('no deleted section yet');
    },
    { timeout: patience(10_000) },
  );
  expect(section()?.textContent).toContain('Deleted from the platform since: 1');
  expect(section()?.textContent).toContain('Lecture a · deleted 2026-12-06 15:40:12 (UTC)');
  expect(section()?.textContent).not.toContain('Lecture b');
});
