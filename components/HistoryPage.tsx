// The history page: every export, newest first, searchable and filtered by state; the one opened (its address
// says which, `#job=<id>`, so a notification can link to it) shows its facts, actions and files.
import { useEffect, useState } from 'preact/hooks';
import type { ExportJob } from '@/utils/db';
import type { JobState } from '@/utils/export/job-state';
import { historyJobs, type StateFilter } from '@/utils/history';
import { describeState, t } from '@/utils/i18n';
import { HistoryExport } from './HistoryExport';
import { HistoryExportList } from './HistoryExportList';
import { useLiveQuery } from './use-live-query';

const JOB_STATES: JobState[] = [
  'running',
  'queued',
  'paused',
  'completed',
  'completed-with-failures',
  'failed',
  'cancelled',
];

/** Waits for the typing to stop before searching: each search reads the recordings table. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function openedFromAddress(): number | undefined {
  const found = /^#job=(\d+)$/.exec(location.hash);
  return found ? Number(found[1]) : undefined;
}

export function HistoryPage() {
  const [typed, setTyped] = useState('');
  const [state, setState] = useState<StateFilter>('all');
  const [opened, setOpened] = useState(openedFromAddress);
  const search = useDebounced(typed);
  useEffect(() => {
    const follow = () => setOpened(openedFromAddress());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  const jobs = useLiveQuery<ExportJob[] | undefined>(() => historyJobs(state, search), undefined, [state, search]);
  const open = (jobId: number) => {
    location.hash = `job=${jobId}`;
  };
  return (
    <main class="history">
      <h1>{t('historyTitle')}</h1>
      <div class="filters">
        <label>
          {t('historySearchLabel')}
          <input
            type="search"
            data-testid="history-search"
            value={typed}
            aria-describedby="history-search-hint"
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
        </label>
        <label>
          {t('historyStateLabel')}
          <select
            data-testid="history-state"
            value={state}
            onChange={(event) => setState(event.currentTarget.value as StateFilter)}
          >
            <option value="all">{t('historyStateAll')}</option>
            {JOB_STATES.map((value) => (
              <option key={value} value={value}>
                {describeState(value)}
              </option>
            ))}
          </select>
        </label>
        <p id="history-search-hint" class="hint">
          {t('historySearchHint')}
        </p>
      </div>
      <div class="panes">
        <HistoryExportList jobs={jobs} opened={opened} onOpen={open} />
        {opened === undefined ? (
          <p class="hint">{t('historyPickExport')}</p>
        ) : (
          <HistoryExport key={opened} jobId={opened} search={search} onOpen={open} />
        )}
      </div>
    </main>
  );
}
