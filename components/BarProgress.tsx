// Where the bar says what happens (the export's progress, a saved CSV, a failure), with Pause, Resume and Cancel
// of the export this page started beside it. Cancel asks first: it cannot be undone.
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { JobSnapshot } from '@/utils/protocol';
import { byUser } from './by-user';
import { HistoryLink } from './HistoryLink';

export interface BarProgressProps {
  status: string;
  job?: JobSnapshot['state'];
  historyJob?: number;
  onJob(command: 'pause' | 'resume' | 'cancel'): void;
}

export function BarProgress(props: BarProgressProps) {
  const [asking, setAsking] = useState(false);
  const { job } = props;
  const command = (which: 'pause' | 'resume' | 'cancel') =>
    byUser(() => {
      setAsking(false);
      props.onJob(which);
    });
  return (
    <>
      <output data-testid="reclaim-status" aria-live="polite" title={props.status}>
        {props.status}
      </output>
      {props.historyJob !== undefined ? <HistoryLink jobId={props.historyJob} /> : null}
      {job && asking ? (
        <span class="confirm">
          {t('barCancelAsk')}{' '}
          <button type="button" data-testid="reclaim-cancel-yes" onClick={command('cancel')}>
            {t('barCancelYes')}
          </button>{' '}
          <button type="button" class="link" onClick={() => setAsking(false)}>
            {t('barCancelNo')}
          </button>
        </span>
      ) : job ? (
        <span class="job">
          {job === 'paused' ? (
            <button type="button" class="primary" data-testid="reclaim-resume" onClick={command('resume')}>
              {t('resume')}
            </button>
          ) : (
            <button type="button" data-testid="reclaim-pause" onClick={command('pause')}>
              {t('pause')}
            </button>
          )}
          <button type="button" data-testid="reclaim-cancel" onClick={() => setAsking(true)}>
            {t('cancel')}
          </button>
        </span>
      ) : null}
    </>
  );
}
