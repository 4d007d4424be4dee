// One export of the history, opened: where it went, how big and how long, its state; what can be done with it;
// its failed files with their reasons, then every file.
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { db, type ExportJob } from '@/utils/db';
import type { ErrorInfo } from '@/utils/errors';
import { isFinished } from '@/utils/export/job-state';
import { copyFolder } from '@/utils/export/s3-layout';
import { downloadToShow, durationMs, historyCsv } from '@/utils/history';
import { describeError, describeState, t } from '@/utils/i18n';
import type { Command, CommandReply } from '@/utils/protocol';
import { HistoryDeleted } from './HistoryDeleted';
import { HistoryFiles } from './HistoryFiles';
import { destinationText, durationText, sizeText, startedText } from './history-text';
import { JobFailures } from './JobFailures';
import { useLiveQuery } from './use-live-query';

interface Props {
  jobId: number;
  search: string;
  onOpen: (jobId: number) => void;
}

async function send(command: Command): Promise<CommandReply> {
  return (await browser.runtime.sendMessage(command)) as CommandReply;
}

/** Save as CSV: the manifest's rows, saved by the browser like any download. */
async function saveCsv(job: ExportJob): Promise<void> {
  const url = URL.createObjectURL(new Blob([await historyCsv(job.id)], { type: 'text/csv' }));
  const downloadId = await browser.downloads.download({ url, filename: `${job.name} manifest.csv` });
  // The address is freed once the browser has the file (kept while the page lives if that is never said).
  const freed = (delta: { id: number; state?: { current?: string } }) => {
    if (delta.id !== downloadId || delta.state?.current === 'in_progress') return;
    URL.revokeObjectURL(url);
    browser.downloads.onChanged.removeListener(freed);
  };
  browser.downloads.onChanged.addListener(freed);
}

export function HistoryExport({ jobId, search, onOpen }: Props) {
  // Null once the database said it has no such export (deleted, or an old link).
  const job = useLiveQuery<ExportJob | null | undefined>(async () => (await db.jobs.get(jobId)) ?? null, undefined);
  const shownId = useLiveQuery<number | undefined>(async () => (job ? downloadToShow(job) : undefined), undefined, [
    job?.updatedAt,
  ]);
  // A retry names the export it retried (deleted meanwhile: its number only).
  const retried = useLiveQuery<string | undefined>(
    async () => (job?.retryOf === undefined ? undefined : (await db.jobs.get(job.retryOf))?.name),
    undefined,
    [job?.retryOf],
  );
  const [problem, setProblem] = useState<ErrorInfo>();
  if (job === undefined) return null;
  if (job === null) return <p class="hint">{t('historyNotFound')}</p>;
  const act = async (work: () => Promise<CommandReply | undefined>) => {
    setProblem(undefined);
    try {
      const reply = await work();
      if (reply && !reply.ok) setProblem(reply.error);
    } catch (error) {
      setProblem({ code: 'unknown', detail: String(error) });
    }
  };
  const finished = isFinished(job.state);
  return (
    <section class="opened" aria-labelledby="history-opened-title" data-testid="history-opened" data-job-id={job.id}>
      <h2 id="history-opened-title">
        <bdi>{job.name}</bdi>
      </h2>
      <dl class="facts">
        <dt>{t('historyState')}</dt>
        <dd data-testid="history-opened-state">{describeState(job.state)}</dd>
        <dt>{t('historyDestination')}</dt>
        <dd>{destinationText(job)}</dd>
        {job.s3 ? (
          <>
            <dt>{t('historyCopyId')}</dt>
            <dd data-testid="history-copy-id">
              {job.s3.copyId} ({job.s3.bucket}/{copyFolder(job.s3)})
            </dd>
          </>
        ) : null}
        <dt>{t('historySize')}</dt>
        <dd>{sizeText(job)}</dd>
        <dt>{t('historyStarted')}</dt>
        <dd>{startedText(job)}</dd>
        <dt>{t('historyDuration')}</dt>
        <dd>{durationText(durationMs(job))}</dd>
        <dt>{t('historyFiles')}</dt>
        <dd>{t('historyFileCounts', job.filesDone, job.filesFailed, job.fileCount)}</dd>
      </dl>
      {job.retryOf !== undefined ? (
        <p>
          <a href={`#job=${job.retryOf}`}>{t('historyRetryOf', retried ?? `#${job.retryOf}`)}</a>
        </p>
      ) : null}
      {job.error ? <p class="error">{describeError(job.error)}</p> : null}
      {job.spoolFailed ? (
        <p class="hint" data-testid="history-spool-off">
          {t('spoolOff', job.spoolFailed.detail ?? job.spoolFailed.code)}
        </p>
      ) : null}
      <div class="actions">
        {finished && job.filesFailed > 0 ? (
          <button
            type="button"
            data-testid="history-retry"
            onClick={() =>
              act(async () => {
                const reply = await send({ type: 'retry-failed', jobId: job.id });
                if (reply.ok && reply.jobId !== undefined) onOpen(reply.jobId);
                return reply;
              })
            }
          >
            {t('historyRetryFailed')}
          </button>
        ) : null}
        <button type="button" data-testid="history-csv" onClick={() => act(async () => void (await saveCsv(job)))}>
          {t('historySaveCsv')}
        </button>
        {shownId !== undefined ? (
          <button
            type="button"
            data-testid="history-show"
            onClick={() => act(async () => void (await browser.downloads.show(shownId)))}
          >
            {t('historyShowInFolder')}
          </button>
        ) : null}
        {finished ? (
          <button
            type="button"
            data-testid="history-delete"
            aria-describedby="history-delete-hint"
            onClick={() => act(() => send({ type: 'delete-export', jobId: job.id }))}
          >
            {t('historyDelete')}
          </button>
        ) : (
          <button
            type="button"
            data-testid="history-cancel"
            aria-describedby="history-delete-hint"
            onClick={() => act(() => send({ type: 'cancel', jobId: job.id }))}
          >
            {t('cancel')}
          </button>
        )}
      </div>
      <p id="history-delete-hint" class="hint">
        {finished ? t('historyDeleteHint') : t('historyCancelFirst')}
      </p>
      {problem ? (
        <p class="error" role="alert">
          {describeError(problem)}
        </p>
      ) : null}
      {job.filesFailed > 0 ? (
        <section aria-labelledby="history-failures-title">
          <h3 id="history-failures-title">{t('historyFailuresTitle')}</h3>
          <JobFailures jobId={job.id} />
        </section>
      ) : null}
      <HistoryDeleted job={job} />
      <HistoryFiles job={job} search={search} />
    </section>
  );
}
