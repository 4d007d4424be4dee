// The files of an export that failed, grouped by reason ("12 files: your Zoom session ended…"), each reason saying
// what to do next, with the files it concerns: what the user needs to mend or fetch again.
import { db, type ExportFile } from '@/utils/db';
import { describeError, plural } from '@/utils/i18n';
import { FilePath } from './FilePath';
import { useLiveQuery } from './use-live-query';

/** Files named under each reason; the rest are counted. */
const SHOWN = 5;
/** Enough to group any real export's failures; beyond it the groups count what was read. */
const READ = 10_000;

export interface FailureGroup {
  reason: string;
  paths: string[];
}

/** Failures with the same sentence together, the largest group first, in the order files came within a group. */
export function groupFailures(files: ExportFile[]): FailureGroup[] {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const reason = file.error ? describeError(file.error) : '';
    groups.set(reason, [...(groups.get(reason) ?? []), file.path]);
  }
  return [...groups].map(([reason, paths]) => ({ reason, paths })).sort((a, b) => b.paths.length - a.paths.length);
}

export function JobFailures({ jobId }: { jobId: number }) {
  const failed = useLiveQuery(
    () => db.files.where('[jobId+state]').equals([jobId, 'failed']).limit(READ).toArray(),
    [],
  );
  if (failed.length === 0) return null;
  return (
    <ul class="failures" data-testid="reclaim-job-failures">
      {groupFailures(failed).map((group) => (
        <li key={group.reason} data-testid="reclaim-failure-group">
          <span class="reason">
            {group.paths.length > 1 ? plural('fmtFilesWithReason', group.paths.length, group.reason) : group.reason}
          </span>
          <ul class="paths">
            {group.paths.slice(0, SHOWN).map((path) => (
              <li key={path}>
                <FilePath path={path} />
              </li>
            ))}
            {group.paths.length > SHOWN ? <li>{plural('fmtMoreFiles', group.paths.length - SHOWN)}</li> : null}
          </ul>
        </li>
      ))}
    </ul>
  );
}
