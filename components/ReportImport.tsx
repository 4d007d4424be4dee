// "Import recording report…": the user's edited report is read, shown (how many recordings, how much data, which
// rows could not be used), and only the user's confirmation passes its recordings on. Nothing starts here.
import { useRef, useState } from 'preact/hooks';
import { formatSize } from '@/utils/format';
import { t } from '@/utils/i18n';
import type { Recording } from '@/utils/model';
import type { ReportReading } from '@/utils/sites/site';
import { byUser } from './by-user';
import { badRowText, reportProblemText } from './report-reading';

export interface ReportImportProps {
  read(file: Uint8Array): ReportReading;
  /** The user confirmed: these recordings (the rows that could be read) are chosen, with where they belong. */
  onConfirm(recordings: Recording[], origin: string): void;
  disabled?: boolean;
}

export function ReportImport(props: ReportImportProps) {
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState<ReportReading | undefined>();

  async function chosen(file: File | undefined): Promise<void> {
    if (!file) return;
    setReading(props.read(new Uint8Array(await file.arrayBuffer())));
    // The same file may be chosen again after the user fixed it.
    if (input.current) input.current.value = '';
  }

  return (
    <>
      <button
        type="button"
        data-testid="reclaim-import-open"
        disabled={props.disabled}
        onClick={() => input.current?.click()}
      >
        {t('importReport')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".csv,text/csv,text/plain"
        data-testid="reclaim-import-report"
        onChange={(event) => void chosen(event.currentTarget.files?.[0])}
      />
      {reading ? (
        <div class="report" role="dialog" aria-label={t('importReport')} data-testid="reclaim-import-preview">
          {reading.ok ? (
            <>
              <p data-testid="reclaim-import-summary">
                {t('reportSummary', reading.recordings.length, formatSize(reading.totalBytes))}
              </p>
              {reading.badRows.length > 0 ? (
                <>
                  <p>{t('reportBadRows', reading.badRows.length)}</p>
                  <ul data-testid="reclaim-import-bad-rows">
                    {reading.badRows.map((row) => (
                      <li key={row.line}>{badRowText(row)}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              <button
                type="button"
                class="primary"
                data-testid="reclaim-import-confirm"
                disabled={reading.recordings.length === 0}
                onClick={byUser(() => {
                  setReading(undefined);
                  props.onConfirm(reading.recordings, reading.origin);
                })}
              >
                {reading.badRows.length > 0
                  ? t('reportSkipAndUse', reading.recordings.length)
                  : t('reportUse', reading.recordings.length)}
              </button>
            </>
          ) : (
            <p role="alert" data-testid="reclaim-import-problem">
              {reportProblemText(reading.problem)}
            </p>
          )}
          <button type="button" data-testid="reclaim-import-cancel" onClick={() => setReading(undefined)}>
            {t('cancel')}
          </button>
        </div>
      ) : null}
    </>
  );
}
