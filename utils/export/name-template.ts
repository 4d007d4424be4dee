// The user's template for where each file goes in an export, e.g. `{date} {time} {topic} ({meeting id})/{kind}{view}.{ext}`.
// Whatever the template and the titles, every path is safe on Windows, macOS and Linux and the same for the same
// recording every time. The safety rules themselves live in naming.ts.
import type { Recording, RecordingFile } from '../model';
import { dateAndTime, KIND_NAMES, safeFileName, safeSegment } from './naming';

export const DEFAULT_NAME_TEMPLATE = '{date} {time} {topic} ({meeting id})/{kind}{view}.{ext}';
/** The longest template the options take (and a message from a page may carry). */
export const MAX_TEMPLATE_CHARS = 300;

export const TEMPLATE_FIELDS = ['date', 'time', 'topic', 'meeting id', 'host', 'kind', 'view', 'clip', 'ext'] as const;
type Field = (typeof TEMPLATE_FIELDS)[number];

// Windows' 260 characters, less room for the download folder and `Reclaim/<export name>/` in front.
export const MAX_PATH_CHARS = 180;
const MAX_FOLDER_CHARS = 120;
const MAX_FILE_CHARS = 100;
// The fields that may be shortened to make a name fit: the free text a person typed, never the date or the id.
const SHORTENED: Field[] = ['topic', 'host'];

const FIELD = /\{([a-z ]+)\}/gi;

/** Why a template cannot be used, or null when it can (an empty template, an unknown field, a `..`). */
export function templateProblem(template: string): string | null {
  if (!template.trim()) return 'empty';
  for (const [, name = ''] of template.matchAll(FIELD)) {
    if (!TEMPLATE_FIELDS.includes(name.toLowerCase() as Field)) return `{${name}}`;
  }
  if (!/\{[a-z ]+\}/i.test(template.split('/').at(-1) ?? '')) return 'file name';
  return null;
}

function fieldValues(recording: Recording, file: RecordingFile, ownClip: boolean): Record<Field, string> {
  const { date, time } = dateAndTime(recording.startedAt);
  const clip = file.clip ? String(file.clip) : '';
  const view = `${file.view ? ` - ${file.view}` : ''}${clip && !ownClip ? ` (clip ${clip})` : ''}`;
  return {
    date,
    time,
    topic: recording.title,
    'meeting id': recording.shownId || recording.id,
    host: recording.owner ?? '',
    kind: KIND_NAMES[file.kind],
    view,
    clip,
    ext: file.ext,
  };
}

// A value never makes folders of its own: `/` and `\` in a title are only characters.
const flat = (value: string) => value.replace(/[/\\]/g, '_');

function fill(segment: string, values: Record<Field, string>, limit: Partial<Record<Field, number>> = {}): string {
  return segment.replace(FIELD, (_, name: string) => {
    const field = name.toLowerCase() as Field;
    const value = flat(values[field] ?? '');
    const max = limit[field];
    return max === undefined ? value : Array.from(value).slice(0, Math.max(0, max)).join('');
  });
}

const utf8 = new TextEncoder();
const UNLIMITED = Number.MAX_SAFE_INTEGER;

/**
 * One folder segment of at most `maxChars` characters and 255 bytes, the free text shortened first so that the
 * date and the id stay whole.
 */
function folderSegment(segment: string, values: Record<Field, string>, maxChars: number): string {
  // Lengths in UTF-16 units, as Windows counts its path limit.
  const fits = (text: string) => text.length <= maxChars && utf8.encode(text).length <= 255;
  const whole = safeSegment(fill(segment, values), UNLIMITED, UNLIMITED);
  if (fits(whole)) return whole;
  const present = SHORTENED.filter((field) => segment.toLowerCase().includes(`{${field}}`));
  for (let room = maxChars; room >= 0 && present.length > 0; room--) {
    const limit = Object.fromEntries(present.map((field) => [field, Math.floor(room / present.length)]));
    const candidate = safeSegment(fill(segment, values, limit), UNLIMITED, UNLIMITED);
    if (fits(candidate)) return candidate;
  }
  return safeSegment(whole, maxChars);
}

function fileSegment(segment: string, values: Record<Field, string>): string {
  const withExt = /\.\{ext\}$/i.test(segment);
  if (!withExt) return safeSegment(fill(segment, values), MAX_FILE_CHARS);
  return safeFileName(fill(segment.replace(/\.\{ext\}$/i, ''), values), values.ext);
}

/** Where one file goes inside the export, by the template: folders joined with `/`, every part safe. */
export function exportPath(template: string, recording: Recording, file: RecordingFile): string {
  const usable = templateProblem(template) === null ? template : DEFAULT_NAME_TEMPLATE;
  const segments = usable.split(/[/\\]/).filter((segment) => segment.trim() !== '');
  const values = fieldValues(recording, file, /\{clip\}/i.test(usable));
  const fileName = fileSegment(segments.pop() ?? '{kind}.{ext}', values);
  if (segments.length === 0) return fileName;
  // The whole path must fit: the folders share what the file name leaves.
  const share = Math.floor((MAX_PATH_CHARS - fileName.length - segments.length) / segments.length);
  const folders = segments.map((segment) => folderSegment(segment, values, Math.min(MAX_FOLDER_CHARS, share)));
  return [...folders, fileName].join('/');
}
