// The popup's "Import recording report…": for managers who start from the report rather than the platform's page.
// The report's links say which platform address its recordings belong to; the export runs like one from the bar.
import { useState } from 'preact/hooks';
import { describeError, t } from '@/utils/i18n';
import type { Destination, Recording } from '@/utils/model';
import type { DestinationName } from '@/utils/s3/destination';
import type { SiteAdapter } from '@/utils/sites/site';
import { askForExport, listDestinationChoices } from './export-command';
import { ReportImport } from './ReportImport';

export function PopupReportImport({ adapter }: { adapter: SiteAdapter }) {
  // Folded under its heading: most users never import a report. A chosen file opens it, so its preview shows.
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<{ recordings: Recording[]; origin: string } | undefined>();
  const [s3, setS3] = useState<DestinationName[]>([]);
  const [s3Chosen, setS3Chosen] = useState<string | undefined>();
  const [status, setStatus] = useState('');

  async function confirm(recordings: Recording[], origin: string): Promise<void> {
    setChosen({ recordings, origin });
    setStatus('');
    const destinations = await listDestinationChoices();
    setS3(destinations);
    setS3Chosen(destinations[0]?.id);
  }

  async function start(destination: Destination): Promise<void> {
    if (!chosen) return;
    const reply = await askForExport({
      site: adapter.site,
      destination,
      destinationId: s3Chosen,
      origin: chosen.origin,
      recordings: chosen.recordings,
    });
    if (reply.ok) setChosen(undefined);
    setStatus(reply.ok ? t('statusStarting', chosen.recordings.length) : t('statusFailed', describeError(reply.error)));
  }

  return (
    <details
      class="report-import"
      data-testid="reclaim-popup-import"
      data-site={adapter.site}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onChange={() => setOpen(true)}
    >
      <summary>
        <h2>
          {adapter.displayName}: {t('popupImportTitle')}
        </h2>
      </summary>
      <p class="hint">{t('popupImportHint')}</p>
      <ReportImport
        read={(file) => adapter.readReport?.(file) ?? { ok: false, problem: { code: 'empty' } }}
        onConfirm={(recordings, origin) => void confirm(recordings, origin)}
      />
      {chosen ? (
        <div class="chosen" data-testid="reclaim-popup-import-destinations">
          <p>{t('popupImportChosen', chosen.recordings.length)}</p>
          <div class="actions">
            <button type="button" data-testid="reclaim-popup-export-zip" onClick={() => void start('zip')}>
              {t('exportZip')}
            </button>
            <button type="button" data-testid="reclaim-popup-export-folder" onClick={() => void start('folder')}>
              {t('exportFolder')}
            </button>
            {s3.length > 0 ? (
              <>
                <select
                  aria-label={t('barS3Destination')}
                  value={s3Chosen}
                  onChange={(e) => setS3Chosen(e.currentTarget.value)}
                >
                  {s3.map((choice) => (
                    <option key={choice.id} value={choice.id}>
                      {choice.name}
                    </option>
                  ))}
                </select>
                <button type="button" data-testid="reclaim-popup-export-s3" onClick={() => void start('s3')}>
                  {t('exportS3')}
                </button>
              </>
            ) : null}
          </div>
        </div>
      ) : null}
      <output data-testid="reclaim-popup-import-status">{status}</output>
    </details>
  );
}
