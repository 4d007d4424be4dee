// Every file of the opened export with its result and reason. An export may have a hundred thousand: the list
// knows how many there are and reads and draws only the rows in view (plus a few), each row the same height.
import { useState } from 'preact/hooks';
import type { ExportFile, ExportJob } from '@/utils/db';
import { type FileFilter, type FileListing, historyFileListing } from '@/utils/history';
import { describeError, isolate, t } from '@/utils/i18n';
import { FILE_STATES, fileStateText } from './history-text';
import { useLiveQuery } from './use-live-query';

const ROW_PX = 44;
const VIEW_PX = 440;
const EXTRA_ROWS = 10;

/** The rows of `count` in view at `scrollTop`, with a margin so a quick scroll shows no gap. */
export function rowsInView(scrollTop: number, count: number): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / ROW_PX) - EXTRA_ROWS);
  const end = Math.min(count, Math.ceil((scrollTop + VIEW_PX) / ROW_PX) + EXTRA_ROWS);
  return { start, end };
}

export function HistoryFiles({ job, search }: { job: ExportJob; search: string }) {
  const [state, setState] = useState<FileFilter>('all');
  const [scrollTop, setScrollTop] = useState(0);
  const listing = useLiveQuery<FileListing | undefined>(() => historyFileListing(job.id, state, search), undefined, [
    job.id,
    state,
    search,
  ]);
  const count = listing?.count ?? 0;
  const { start, end } = rowsInView(scrollTop, count);
  // The rows come with the place they were read for: until the rows of a new place are read, the old ones stay
  // where they were, never under the new place's numbers.
  const read = useLiveQuery<{ from: number; rows: ExportFile[] }>(
    async () => ({ from: start, rows: listing ? await listing.read(start, end) : [] }),
    { from: 0, rows: [] },
    [listing, start, end],
  );
  return (
    <div>
      <h3>{t('historyFilesOf', isolate(job.name))}</h3>
      <div class="filters">
        <label>
          {t('historyFileStateLabel')}
          <select
            data-testid="history-file-state"
            value={state}
            onChange={(event) => {
              setState(event.currentTarget.value as FileFilter);
              setScrollTop(0);
            }}
          >
            <option value="all">{t('historyFileStateAll')}</option>
            {FILE_STATES.map((value) => (
              <option key={value} value={value}>
                {fileStateText(value)}
              </option>
            ))}
          </select>
        </label>
        <span class="hint" aria-live="polite" data-testid="history-file-count">
          {t('historyFilesShown', count)}
        </span>
      </div>
      <section
        class="files"
        aria-label={t('historyFilesOf', isolate(job.name))}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so the arrow and page keys scroll it, no mouse
        tabIndex={0}
        style={{ height: `${Math.min(VIEW_PX, Math.max(count, 1) * ROW_PX)}px` }}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <ul style={{ height: `${count * ROW_PX}px` }}>
          {read.rows.map((file, index) => (
            <li
              key={file.id}
              data-testid="history-file"
              data-state={file.state}
              aria-setsize={count}
              aria-posinset={read.from + index + 1}
              style={{ top: `${(read.from + index) * ROW_PX}px`, height: `${ROW_PX}px` }}
            >
              <span class="path" title={file.path}>
                {/* One line, cut with an ellipsis (the full path in the title): isolated, never wrapped. */}
                <bdi>{file.path}</bdi>
              </span>
              <span class={`result ${file.state}`}>
                {fileStateText(file.state)}
                {file.error ? ` · ${describeError(file.error)}` : ''}
                {file.state === 'done' ? (
                  <span class="crc" data-testid="history-file-crc">
                    {` · ${file.crc32 ? t('archiveCrc', file.crc32) : t('archiveCrcNotComputed')}`}
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
