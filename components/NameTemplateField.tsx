// The name template as the user types it, with the path it gives a sample recording right below (live).
import { exportPath, MAX_TEMPLATE_CHARS, TEMPLATE_FIELDS, templateProblem } from '@/utils/export/name-template';
import { t } from '@/utils/i18n';
import type { Recording, RecordingFile } from '@/utils/model';

function sample(): { recording: Recording; file: RecordingFile } {
  return {
    recording: {
      site: 'zoom',
      id: 'sample',
      title: t('namePreviewTopic'),
      owner: 'teacher@example.edu',
      startedAt: '2026-11-03T10:05:00',
      status: 'ready',
      shownId: '84512367890',
      columns: {},
    },
    file: { id: 'sample', kind: 'video', view: t('namePreviewView'), clip: 2, ext: 'mp4', url: '' },
  };
}

export function NameTemplateField(props: { value: string; onChange(value: string): void }) {
  const { recording, file } = sample();
  const problem = templateProblem(props.value);
  return (
    <p>
      <label>
        {t('optionsNameTemplate')}{' '}
        <input
          type="text"
          size={60}
          maxLength={MAX_TEMPLATE_CHARS}
          data-testid="reclaim-name-template"
          value={props.value}
          onInput={(event) => props.onChange(event.currentTarget.value)}
        />
      </label>
      <br />
      <small>{t('optionsNameTemplateHelp', TEMPLATE_FIELDS.map((field) => `{${field}}`).join(' '))}</small>
      <br />
      {problem ? (
        <small role="alert" data-testid="reclaim-name-problem">
          {t('optionsNameTemplateProblem', problem)}
        </small>
      ) : null}
      <output data-testid="reclaim-name-preview">
        {t('optionsNamePreview', exportPath(props.value, recording, file))}
      </output>
    </p>
  );
}
