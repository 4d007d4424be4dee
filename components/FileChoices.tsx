// Which kinds of files (and which video views) an export takes: shared by the bar and the options page.
import { FILE_CHOICES, type FileChoice } from '@/utils/file-choices';
import { type MessageKey, t } from '@/utils/i18n';
import { byUser } from './by-user';

const LABELS: Record<FileChoice, MessageKey> = {
  'video:speaker': 'fileChoice_video_speaker',
  'video:gallery': 'fileChoice_video_gallery',
  'video:active': 'fileChoice_video_active',
  'video:screen': 'fileChoice_video_screen',
  'video:other': 'fileChoice_video_other',
  audio: 'fileChoice_audio',
  transcript: 'fileChoice_transcript',
  captions: 'fileChoice_captions',
  chat: 'fileChoice_chat',
  timeline: 'fileChoice_timeline',
  summary: 'fileChoice_summary',
};

export interface FileChoicesProps {
  /** The platform's own choices (its adapter's); every choice there is on the options page. */
  choices?: readonly FileChoice[];
  skipped: readonly FileChoice[];
  onChange(skipped: FileChoice[]): void;
  /** On a platform's page: only the user's own clicks change the choice (by-user.ts). */
  byUserOnly?: boolean;
  /** False where a heading around it already names it (the bar's folding section). */
  titled?: boolean;
}

export function FileChoices(props: FileChoicesProps) {
  const { choices = FILE_CHOICES, skipped, onChange, titled = true, byUserOnly = false } = props;
  const guard = byUserOnly ? byUser : <E extends Event>(act: (event: E) => void) => act;
  // A platform whose recordings have one video and no views calls it just that.
  const oneVideo = choices.filter((choice) => choice.startsWith('video:')).length === 1;
  return (
    <fieldset class="file-choices" data-testid="reclaim-file-choices">
      {titled ? <legend>{t('fileChoicesTitle')}</legend> : null}
      {choices.map((choice) => (
        <label key={choice}>
          <input
            type="checkbox"
            data-testid={`reclaim-file-choice-${choice.replace(':', '-')}`}
            checked={!skipped.includes(choice)}
            // The click, not the change: a script's click fires a change the browser marks as trusted.
            onClick={guard((event) =>
              onChange(
                (event.currentTarget as HTMLInputElement).checked
                  ? skipped.filter((other) => other !== choice)
                  : [...skipped.filter((other) => other !== choice), choice],
              ),
            )}
          />
          {t(oneVideo && choice.startsWith('video:') ? 'fileChoice_video' : LABELS[choice])}
        </label>
      ))}
    </fieldset>
  );
}
