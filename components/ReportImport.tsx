// "Import recording report…": the user's edited report is read, shown (how many recordings, how much data, which
// rows could not be used), and only the user's confirmation passes its recordings on. Nothing starts here.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
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
  /** The button that opens the file picker is elsewhere (the bar's "More" menu), clicking this one's input. */
  withoutButton?: boolean;
  /** Floating over a page (the bar): a modal dialog. In the popup it is part of the popup's flow. */
  modal?: boolean;
}

// The preview names the first recordings, then how many more: enough to recognise the file, never a wall.
const NAMED = 20;

export function ReportImport(props: ReportImportProps) {
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [reading, setReading] = useState<ReportReading | undefined>();
  const [fileName, setFileName] = useState('');
  // Over a page, a modal dialog while there is a reading: the page behind is inert (focus stays inside), Escape
  // closes it. It is mounted per reading and never closed by close(), only removed: a late `close` event of an
  // earlier preview can then never clear the next file's (one chosen right after Cancel). Made modal as it is
  // drawn (a layout effect, not a later one): an Escape pressed as soon as it shows must reach it.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!reading || !element) return;
    if (props.modal && !element.open) element.showModal();
    element.querySelector<HTMLElement>('button:not([disabled])')?.focus();
  }, [reading, props.modal]);

  async function chosen(file: File | undefined): Promise<void> {
    if (!file) return;
    setFileName(file.name);
    setReading(props.read(new Uint8Array(await file.arrayBuffer())));
    // The same file may be chosen again after the user fixed it.
    if (input.current) input.current.value = '';
  }

  return (
    <>
      {props.withoutButton ? null : (
        <button
          type="button"
          data-testid="reclaim-import-open"
          disabled={props.disabled}
          onClick={() => input.current?.click()}
        >
          {t('importReport')}
        </button>
      )}
      <input
        ref={input}
        type="file"
        hidden
        accept=".csv,text/csv,text/plain"
        data-testid="reclaim-import-report"
        onChange={(event) => void chosen(event.currentTarget.files?.[0])}
      />
      {reading ? (
        <dialog
          open={props.modal ? undefined : true}
          ref={dialog}
          class="report"
          aria-labelledby="reclaim-import-title"
          data-testid="reclaim-import-preview"
          // Escape: the preview goes as Cancel makes it go (the browser's own closing would leave it mounted).
          onCancel={(event) => {
            event.preventDefault();
            setReading(undefined);
          }}
          onKeyDown={(event) => {
            // A dialog that is not modal gets no `cancel` from the browser.
            if (event.key === 'Escape' && !props.modal) setReading(undefined);
          }}
        >
          <h2 id="reclaim-import-title">
            <bdi>{t('barImportTitle', fileName)}</bdi>
          </h2>
          {reading.ok ? (
            <>
              <p data-testid="reclaim-import-summary">
                {t('reportSummary', reading.recordings.length, formatSize(reading.totalBytes))}
              </p>
              <ul class="names" data-testid="reclaim-import-names">
                {reading.recordings.slice(0, NAMED).map((recording) => (
                  <li key={recording.id}>
                    <bdi>{recording.title}</bdi>
                  </li>
                ))}
                {reading.recordings.length > NAMED ? (
                  <li>{t('barImportMore', reading.recordings.length - NAMED)}</li>
                ) : null}
              </ul>
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
        </dialog>
      ) : null}
    </>
  );
}
