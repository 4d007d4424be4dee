// The history page in happy-dom on a fake IndexedDB: the opened export's files are a virtualised list (only the
// rows in view are in the page, and scrolling brings the last ones); the address opens an export; the page's
// buttons send the history's commands for that export.
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { HistoryPage } from '@/components/HistoryPage';
import { durationText } from '@/components/history-text';
import { db } from '@/utils/db';
import { jobRow, videoRow } from './engine/rows';

const runtime = browser.runtime as unknown as { sendMessage: (message: unknown) => Promise<unknown> };
const FILES = 3_000;
let root: HTMLElement;

const all = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

/** Lets the database's answers and the renders they cause settle. */
async function settle(): Promise<void> {
  for (let n = 0; n < 5; n += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
}

async function until(check: () => boolean): Promise<void> {
  for (let n = 0; n < 200 && !check(); n += 1) await settle();
  expect(check()).toBe(true);
}

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

describe('the history page', () => {
  it('opens the export the address names and draws only the rows of its files in view', async () => {
    const jobId = await db.jobs.add(
      jobRow({
        destination: 'zip',
        state: 'completed-with-failures',
        fileCount: FILES,
        filesFailed: 1,
        name: 'Big one',
      }),
    );
    await db.jobs.add(jobRow({ destination: 'folder', state: 'completed', name: 'Small one' }));
    await db.files.bulkAdd(
      Array.from({ length: FILES }, (_, n) =>
        videoRow(
          jobId,
          n,
          n === 7
            ? { state: 'failed', error: { code: 'http', detail: '404' } }
            : { state: 'done', crc32: n === 0 ? 'c0ffee00' : undefined },
        ),
      ),
    );
    location.hash = `#job=${jobId}`;
    await act(() => render(<HistoryPage />, root));
    await until(() => all('history-file').length > 0);
    expect(all('history-export')).toHaveLength(2);
    expect(root.querySelector('[data-testid="history-opened"]')?.getAttribute('data-job-id')).toBe(String(jobId));
    const rows = all('history-file');
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]?.getAttribute('aria-setsize')).toBe(String(FILES));
    expect(rows[0]?.textContent).toContain('Lecture 0/video.mp4');
    // Each saved file's CRC-32 of the bytes Reclaim streamed, or why there is none.
    expect(rows[0]?.textContent).toContain('Checksum CRC-32: c0ffee00');
    expect(rows[1]?.textContent).toContain('CRC-32 not computed');
    // Scrolled to the end: the last rows, and still only a page of them.
    const list = root.querySelector('.files') as HTMLElement;
    list.scrollTop = FILES * 44;
    await act(() => {
      list.dispatchEvent(new Event('scroll'));
    });
    await until(() => all('history-file').some((row) => row.getAttribute('aria-posinset') === String(FILES)));
    expect(all('history-file').length).toBeLessThan(40);
    expect(all('history-file').at(-1)?.textContent).toContain(`Lecture ${FILES - 1}/video.mp4`);
    // The failed file, with its reason, in the failures and in the list filtered by state.
    expect(root.querySelector('[data-testid="reclaim-job-failures"]')?.textContent).toContain('Lecture 7/video.mp4');
    const filter = root.querySelector('[data-testid="history-file-state"]') as HTMLSelectElement;
    filter.value = 'failed';
    await act(() => {
      filter.dispatchEvent(new Event('change'));
    });
    await until(() => all('history-file').length === 1);
    expect(all('history-file')[0]?.textContent).toContain('error 404');
  });

  it('sends Retry failed files and Delete from history for the opened export, and opens the retry', async () => {
    const jobId = await db.jobs.add(jobRow({ destination: 'zip', state: 'completed-with-failures', filesFailed: 1 }));
    await db.files.add(videoRow(jobId, 1, { state: 'failed', error: { code: 'network' } }));
    const sent: unknown[] = [];
    runtime.sendMessage = vi.fn(async (message: unknown) => {
      sent.push(message);
      return { ok: true, jobId: 99 };
    });
    location.hash = `#job=${jobId}`;
    await act(() => render(<HistoryPage />, root));
    await until(() => all('history-retry').length === 1);
    await act(() => all('history-retry')[0]?.click());
    await until(() => location.hash === '#job=99');
    expect(sent).toEqual([{ type: 'retry-failed', jobId }]);
    // The retry (here written by hand, as the worker would) names the export it retried, and links to it.
    await db.jobs.add({
      ...jobRow({ destination: 'zip', state: 'queued', name: 'Zoom retry', retryOf: jobId }),
      id: 99,
    });
    await until(() => root.querySelector(`a[href="#job=${jobId}"]`)?.textContent === 'Retry of Zoom test');
    location.hash = `#job=${jobId}`;
    await until(() => all('history-delete').length === 1);
    await act(() => all('history-delete')[0]?.click());
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'delete-export', jobId });
  });

  it('offers Cancel, not Delete, while an export may still run', async () => {
    const jobId = await db.jobs.add(jobRow({ destination: 'zip', state: 'running' }));
    location.hash = `#job=${jobId}`;
    await act(() => render(<HistoryPage />, root));
    await until(() => all('history-cancel').length === 1);
    expect(all('history-delete')).toHaveLength(0);
    expect(all('history-retry')).toHaveLength(0);
  });

  it('says when the ZIP being written could not be kept on disk (a stopped worker then downloads it again)', async () => {
    const spoolFailed = { code: 'unknown' as const, detail: 'QuotaExceededError' };
    const jobId = await db.jobs.add(jobRow({ destination: 'zip', state: 'running', spoolFailed }));
    location.hash = `#job=${jobId}`;
    await act(() => render(<HistoryPage />, root));
    await until(() => all('history-spool-off').length === 1);
    expect(all('history-spool-off')[0]?.textContent).toBe(
      'Reclaim could not keep a copy of the ZIP it was writing on this computer (QuotaExceededError). The export goes on; if the browser stops it half-way, the files of that ZIP are downloaded again.',
    );
  });
});

describe('the keyboard', () => {
  it('moves along the exports with the arrow keys, Home and End, and Enter opens one', async () => {
    for (const name of ['A', 'B', 'C']) await db.jobs.add(jobRow({ destination: 'zip', state: 'completed', name }));
    await act(() => render(<HistoryPage />, root));
    await until(() => all('history-export').length === 3);
    const [first, second, third] = all('history-export');
    const press = async (key: string) => {
      await act(() => {
        document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      });
    };
    first?.focus();
    await press('ArrowDown');
    expect(document.activeElement).toBe(second);
    await press('End');
    expect(document.activeElement).toBe(third);
    await press('ArrowDown');
    expect(document.activeElement).toBe(third);
    await press('Home');
    expect(document.activeElement).toBe(first);
    await act(() => (document.activeElement as HTMLButtonElement).click());
    await until(() => root.querySelector('[data-testid="history-opened"]') !== null);
    expect(location.hash).toBe(`#job=${first?.dataset.jobId}`);
  });
});

describe('durations', () => {
  it('say the two largest units', () => {
    expect(durationText(3_723_000, 'en')).toBe('1 hr 2 min');
    expect(durationText(65_000, 'en')).toBe('1 min 5 sec');
    expect(durationText(400, 'en')).toBe('0 sec');
  });
});
