// The files of an export that failed, each with its reason: what the user needs to fetch again by hand.
import { db } from '@/utils/db';
import { describeError } from '@/utils/i18n';
import { useLiveQuery } from './use-live-query';

const SHOWN = 20;

export function JobFailures({ jobId }: { jobId: number }) {
  const failed = useLiveQuery(
    () => db.files.where('[jobId+state]').equals([jobId, 'failed']).limit(SHOWN).toArray(),
    [],
  );
  if (failed.length === 0) return null;
  return (
    <ul class="failures" data-testid="reclaim-job-failures">
      {failed.map((file) => (
        <li key={file.id}>
          <span class="path">{file.path}</span>: {file.error ? describeError(file.error) : ''}
        </li>
      ))}
    </ul>
  );
}
