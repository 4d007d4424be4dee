// The name template as the user types it: its problem or warning on a line of its own, then the path it gives a
// sample recording (live), as a real export would name the file.
import { useId } from 'preact/hooks';
import { exportPath, MAX_TEMPLATE_CHARS, TEMPLATE_FIELDS, templateProblem } from '@/utils/export/name-template';
import { t } from '@/utils/i18n';
import type { Recording, RecordingFile } from '@/utils/model';

// Real files carry Zoom's own English view name whatever the user's language: the preview must show the same.
const ZOOM_VIEW = 'Gallery view';

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
    file: { id: 'sample', kind: 'video', view: ZOOM_VIEW, clip: 2, ext: 'mp4', url: '' },
  };
}

/** A usable template whose file names end without `.{ext}`: videos, chats and captions would all lack theirs. */
export function lacksExtension(template: string): boolean {
  const fileName = template.split(/[/\\]/).at(-1) ?? '';
  return templateProblem(template) === null && !/\.\{ext\}\s*$/i.test(fileName);
}

export function NameTemplateField(props: { value: string; onChange(value: string): void }) {
  const helpId = useId();
  const noteId = useId();
  const { recording, file } = sample();
  const problem = templateProblem(props.value);
  const noExtension = lacksExtension(props.value);
  const describedBy = problem || noExtension ? `${helpId} ${noteId}` : helpId;
  return (
    <div class="field">
      <label>
        {t('optionsNameTemplate')}
        <input
          type="text"
          maxLength={MAX_TEMPLATE_CHARS}
          spellcheck={false}
          data-testid="reclaim-name-template"
          aria-invalid={problem !== null}
          aria-describedby={describedBy}
          value={props.value}
          onInput={(event) => props.onChange(event.currentTarget.value)}
        />
      </label>
      <small class="hint" id={helpId}>
        {t('optionsNameTemplateHelp', TEMPLATE_FIELDS.map((field) => `{${field}}`).join(' '))}
      </small>
      {problem ? (
        <small class="error" id={noteId} role="alert" data-testid="reclaim-name-problem">
          {t('optionsNameTemplateProblem', problem)}
        </small>
      ) : null}
      {noExtension ? (
        <small class="warning" id={noteId} role="status" data-testid="reclaim-name-no-extension">
          {t('optionsNameNoExtension')}
        </small>
      ) : null}
      <output class="preview" data-testid="reclaim-name-preview">
        {t('optionsNamePreview', exportPath(props.value, recording, file))}
      </output>
    </div>
  );
}
