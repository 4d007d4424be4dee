// In the history, under an export: the recordings deleted from the platform after it archived them, and when
// (delete-verified.ts writes the time into the export's recording rows; the metadata log carries the same column).
import { DELETED_COLUMN } from '@/utils/archive/delete-verified';
import { db, type ExportJob } from '@/utils/db';
import { t } from '@/utils/i18n';
import { useLiveQuery } from './use-live-query';

export function HistoryDeleted({ job }: { job: ExportJob }) {
  const deleted = useLiveQuery(
    async () =>
      (await db.recordings.where('jobId').equals(job.id).toArray())
        .map((row) => row.recording)
        .filter((recording) => recording.columns[DELETED_COLUMN]),
    [],
    [job.id],
  );
  if (deleted.length === 0) return null;
  return (
    <section aria-labelledby="history-deleted-title" data-testid="history-deleted">
      <h3 id="history-deleted-title">{t('cleanupHistoryDeleted', deleted.length)}</h3>
      <ul>
        {deleted.map((recording) => (
          <li key={recording.id}>
            <bdi>{recording.title}</bdi> · {t('cleanupHistoryDeletedAt', recording.columns[DELETED_COLUMN] ?? '')}
          </li>
        ))}
      </ul>
    </section>
  );
}
