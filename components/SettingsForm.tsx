// The export settings: the largest ZIP volume, how many files download at once, how many parts of a file go
// to S3 at once, how many connections a ZIP fetches over, how folders and files are named and which files an export takes.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { getSettings, type Settings, saveSettings } from '@/utils/settings';
import { DeleteOption } from './DeleteOption';
import { FileChoices } from './FileChoices';
import { NameTemplateField } from './NameTemplateField';
import { NotifyOption } from './NotifyOption';

// Megabytes as disk makers and the platforms count them: the platform's "10 GB" is 10,000 MB here.
const MB = 1_000_000;

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

interface NumberFieldProps {
  label: string;
  help?: string;
  testid: string;
  min: number;
  max?: number;
  value: number;
  onChange(value: number): void;
}

function NumberField({ label, help, testid, min, max, value, onChange }: NumberFieldProps) {
  const helpId = useId();
  return (
    <p class="field">
      <label>
        {label}
        <input
          type="number"
          min={min}
          max={max}
          step={1}
          data-testid={testid}
          aria-describedby={help ? helpId : undefined}
          value={value}
          onInput={(event) => onChange(Number(event.currentTarget.value))}
        />
      </label>
      {help ? (
        <small class="hint" id={helpId}>
          {help}
        </small>
      ) : null}
    </p>
  );
}

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
      <Section id="reclaim-names-title" title={t('optionsSectionNames')}>
        <NameTemplateField value={settings.nameTemplate} onChange={(nameTemplate) => change({ nameTemplate })} />
      </Section>
      <Section id="reclaim-files-title" title={t('fileChoicesTitle')}>
        <FileChoices
          titled={false}
          skipped={settings.skippedFiles}
          onChange={(skippedFiles) => change({ skippedFiles })}
        />
      </Section>
      <Section id="reclaim-exports-title" title={t('optionsSectionExports')}>
        <NumberField
          label={t('optionsVolumeSize')}
          help={t('optionsVolumeHelp')}
          testid="reclaim-volume-mb"
          min={0}
          value={Math.round(settings.volumeBytes / MB)}
          onChange={(mb) => change({ volumeBytes: mb * MB })}
        />
        <NumberField
          label={t('optionsConcurrency')}
          testid="reclaim-concurrency"
          min={1}
          max={8}
          value={settings.concurrency}
          onChange={(concurrency) => change({ concurrency })}
        />
        <NumberField
          label={t('optionsPartsInFlight')}
          help={t('optionsPartsInFlightHelp')}
          testid="reclaim-parts-in-flight"
          min={1}
          max={8}
          value={settings.partsInFlight}
          onChange={(partsInFlight) => change({ partsInFlight })}
        />
        <NumberField
          label={t('rangedConnections')}
          help={t('rangedConnectionsHelp')}
          testid="reclaim-connections"
          min={1}
          max={8}
          value={settings.connections}
          onChange={(connections) => change({ connections })}
        />
      </Section>
      <Section id="reclaim-notifications-title" title={t('optionsSectionNotifications')}>
        <NotifyOption />
      </Section>
      <Section id="reclaim-history-title" title={t('optionsSectionHistory')}>
        <NumberField
          label={t('optionsKeepLinksDays')}
          help={t('optionsKeepLinksDaysHelp')}
          testid="reclaim-keep-links-days"
          min={1}
          max={3650}
          value={settings.keepLinksDays}
          onChange={(keepLinksDays) => change({ keepLinksDays })}
        />
        <DeleteOption
          checked={settings.deleteVerifiedCollaborate}
          onChange={(deleteVerifiedCollaborate) => change({ deleteVerifiedCollaborate })}
        />
      </Section>
      <div class="save-row">
        <button type="submit" data-testid="reclaim-save-settings">
          {t('optionsSave')}
        </button>
        <output data-testid="reclaim-settings-status">{saved ? t('optionsSaved') : ''}</output>
      </div>
    </form>
  );
}
