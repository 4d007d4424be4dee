// The export settings: the largest ZIP volume, how many files download at once, how many parts of a file go
// to S3 at once, how folders and files are named and which files an export takes.
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { getSettings, type Settings, saveSettings } from '@/utils/settings';
import { FileChoices } from './FileChoices';
import { NameTemplateField } from './NameTemplateField';
import { NotifyOption } from './NotifyOption';

// Megabytes as disk makers and the platforms count them: the platform's "10 GB" is 10,000 MB here.
const MB = 1_000_000;

export function SettingsForm() {
  // Nothing is shown until the stored settings are read, so an early edit is never overwritten by them.
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => void getSettings().then(setSettings), []);
  if (!settings) return null;
  const current = settings;

  // Any edit makes the "saved" note stale.
  const change = (patch: Partial<Settings>) => {
    setSaved(false);
    setSettings({ ...current, ...patch });
  };

  async function submit(event: Event) {
    event.preventDefault();
    // The notification box saves its answer itself, maybe after this form was read: never undo it here.
    const { notifyAsked } = await getSettings();
    setSettings(await saveSettings({ ...current, notifyAsked: notifyAsked || current.notifyAsked }));
    setSaved(true);
  }

  return (
    <form onSubmit={submit}>
      <p>
        <label>
          {t('optionsVolumeSize')}{' '}
          <input
            type="number"
            min={0}
            step={1}
            data-testid="reclaim-volume-mb"
            value={Math.round(settings.volumeBytes / MB)}
            onInput={(event) => change({ volumeBytes: Number(event.currentTarget.value) * MB })}
          />
        </label>
        <br />
        <small>{t('optionsVolumeHelp')}</small>
      </p>
      <p>
        <label>
          {t('optionsConcurrency')}{' '}
          <input
            type="number"
            min={1}
            max={8}
            data-testid="reclaim-concurrency"
            value={settings.concurrency}
            onInput={(event) => change({ concurrency: Number(event.currentTarget.value) })}
          />
        </label>
      </p>
      <p>
        <label>
          {t('optionsPartsInFlight')}{' '}
          <input
            type="number"
            min={1}
            max={8}
            data-testid="reclaim-parts-in-flight"
            aria-describedby="reclaim-parts-in-flight-help"
            value={settings.partsInFlight}
            onInput={(event) => change({ partsInFlight: Number(event.currentTarget.value) })}
          />
        </label>
        <br />
        <small id="reclaim-parts-in-flight-help">{t('optionsPartsInFlightHelp')}</small>
      </p>
      <p>
        <label>
          {t('optionsKeepLinksDays')}{' '}
          <input
            type="number"
            min={1}
            max={3650}
            data-testid="reclaim-keep-links-days"
            aria-describedby="reclaim-keep-links-days-help"
            value={settings.keepLinksDays}
            onInput={(event) => change({ keepLinksDays: Number(event.currentTarget.value) })}
          />
        </label>
        <br />
        <small id="reclaim-keep-links-days-help">{t('optionsKeepLinksDaysHelp')}</small>
      </p>
      <NotifyOption />
      <NameTemplateField value={settings.nameTemplate} onChange={(nameTemplate) => change({ nameTemplate })} />
      <FileChoices skipped={settings.skippedFiles} onChange={(skippedFiles) => change({ skippedFiles })} />
      <button type="submit" data-testid="reclaim-save-settings">
        {t('optionsSave')}
      </button>{' '}
      <output data-testid="reclaim-settings-status">{saved ? t('optionsSaved') : ''}</output>
    </form>
  );
}
