// Which files of a recording an export takes: each video view, audio only, transcript, captions, chat, timeline,
// summary. The user turns choices off; a file of a kind no choice names is always taken.
import type { RecordingFile } from './model';

export const FILE_CHOICES = [
  'video:speaker',
  'video:gallery',
  'video:active',
  'video:screen',
  'video:other',
  'audio',
  'transcript',
  'captions',
  'chat',
  'timeline',
  'summary',
] as const;

export type FileChoice = (typeof FILE_CHOICES)[number];

export function isFileChoice(value: unknown): value is FileChoice {
  return FILE_CHOICES.includes(value as FileChoice);
}

function choiceOf(file: Pick<RecordingFile, 'kind' | 'viewChoice'>): FileChoice | null {
  if (file.kind === 'video') {
    const choice = `video:${file.viewChoice ?? 'other'}`;
    return isFileChoice(choice) ? choice : 'video:other';
  }
  return isFileChoice(file.kind) ? file.kind : null;
}

/** True when the export takes this file. */
export function isWanted(file: Pick<RecordingFile, 'kind' | 'viewChoice'>, skipped: readonly string[]): boolean {
  const choice = choiceOf(file);
  return choice === null || !skipped.includes(choice);
}
