// The history of exports, newest first, straight from the database.
import { browser } from 'wxt/browser';
import { db, type ExportJob } from '@/utils/db';
import { isFinished } from '@/utils/export/job-state';
import { snapshot } from '@/utils/export/jobs';
import { copyFolder } from '@/utils/export/s3-layout';
import { describeError, describeState, isolate, t } from '@/utils/i18n';
import type { Command } from '@/utils/protocol';
import { HistoryLink } from './HistoryLink';
import { destinationText, startedText } from './history-text';
import { JobFailures } from './JobFailures';
import { progressText } from './job-status';
import { useLiveQuery } from './use-live-query';

/** The latest few; the history page has every export. Unfinished ones are shown however many came since. */
const SHOWN = 5;

function send(type: 'pause' | 'resume' | 'cancel', jobId: number): void {
  void browser.runtime.sendMessage({ type, jobId } satisfies Command);
}

/** Running, paused and queued exports (never many) and the latest few, newest first, from the indexes alone. */
async function latestJobs(): Promise<ExportJob[]> {
  const [open, latest] = await Promise.all([
    db.jobs.where('state').anyOf('running', 'paused', 'queued').toArray(),
    db.jobs.orderBy('createdAt').reverse().limit(SHOWN).toArray(),
  ]);
  const byId = new Map([...latest, ...open].map((job) => [job.id, job]));
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

export function JobList() {
  // Undefined until the database has answered: "no exports yet" is said only when it is true.
  const jobs = useLiveQuery<ExportJob[] | undefined>(() => latestJobs(), undefined);
  if (!jobs) return null;
  if (jobs.length === 0) return <p class="empty">{t('popupEmptyPlatforms')}</p>;
  return (
    <ul class="jobs">
      {jobs.map((job) => {
        const shown = snapshot(job);
        return (
          <li
            key={job.id}
            class={`job ${job.state}`}
            data-testid="reclaim-job"
            data-job-id={job.id}
            data-state={job.state}
          >
            <div class="head">
              <strong class="name">
                <bdi>{job.name}</bdi>
              </strong>
              <span class="state">{describeState(job.state)}</span>
            </div>
            {/* Where it went and when: what tells one export from the next. */}
            <div class="where" data-testid="reclaim-job-where">
              {destinationText(job)} · {startedText(job)}
            </div>
            <div class="progress" data-testid="reclaim-job-progress">
              {progressText(shown)}
            </div>
            {job.s3 ? (
              <div class="copy" data-testid="reclaim-job-copy-id" data-copy-id={job.s3.copyId}>
                {t(
                  's3CopyId',
                  job.s3.copyId,
                  isolate(job.s3.destinationName),
                  isolate(`${job.s3.bucket}/${copyFolder(job.s3)}`),
                )}
              </div>
            ) : null}
            {job.error ? <div class="error">{describeError(job.error)}</div> : null}
            {job.filesFailed > 0 ? <JobFailures jobId={job.id} /> : null}
            {job.filesFailed > 0 ? <HistoryLink jobId={job.id} /> : null}
            {isFinished(job.state) ? null : (
              <div class="actions">
                {job.state === 'paused' ? (
                  <button type="button" data-testid="reclaim-job-resume" onClick={() => send('resume', job.id)}>
                    {t('resume')}
                  </button>
                ) : (
                  <button type="button" data-testid="reclaim-job-pause" onClick={() => send('pause', job.id)}>
                    {t('pause')}
                  </button>
                )}
                <button type="button" data-testid="reclaim-job-cancel" onClick={() => send('cancel', job.id)}>
                  {t('cancel')}
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
