// The exports of the history, newest first: one button each, which opens it.
import type { ExportJob } from '@/utils/db';
import { describeState, t } from '@/utils/i18n';
import { destinationText, startedText } from './history-text';

interface Props {
  jobs: ExportJob[] | undefined;
  opened: number | undefined;
  onOpen: (jobId: number) => void;
}

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowDown: (at, count) => Math.min(count - 1, at + 1),
  ArrowUp: (at) => Math.max(0, at - 1),
  Home: () => 0,
  End: (_at, count) => count - 1,
};

/** Up, Down, Home and End move along the exports, as in a list box; Tab still goes on to the opened export. */
function moveFocus(event: KeyboardEvent): void {
  const move = MOVES[event.key];
  const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button')];
  const at = buttons.indexOf(event.target as HTMLButtonElement);
  if (!move || at < 0) return;
  event.preventDefault();
  buttons[move(at, buttons.length)]?.focus();
}

export function HistoryExportList({ jobs, opened, onOpen }: Props) {
  if (!jobs) return <nav class="exports" aria-label={t('historyExportsLabel')} />;
  return (
    <nav class="exports" aria-label={t('historyExportsLabel')}>
      {jobs.length === 0 ? <p class="hint">{t('historyNoMatch')}</p> : null}
      <ul onKeyDown={moveFocus}>
        {jobs.map((job) => (
          <li key={job.id}>
            <button
              type="button"
              class={`export ${job.state}`}
              data-testid="history-export"
              data-job-id={job.id}
              data-state={job.state}
              aria-current={job.id === opened ? 'true' : undefined}
              onClick={() => onOpen(job.id)}
            >
              <strong>
                <bdi>{job.name}</bdi>
              </strong>
              <span class="line">
                {describeState(job.state)} · {destinationText(job)}
              </span>
              <span class="line">{startedText(job)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
