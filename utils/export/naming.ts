// Names that are safe on Windows, macOS and Linux, and the same for the same recording every time, so
// repeated exports line up folder by folder.
import type { Recording, RecordingFile } from '../model';

const MAX_SEGMENT_BYTES = 255;
// Leaves room for the user's download folder within Windows' 260-character path limit.
const MAX_FOLDER_CHARS = 120;
const MAX_FILE_CHARS = 100;

// Windows refuses these as names, whatever the extension (`CON.txt` too).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Characters Windows forbids, plus control characters; `/` and `\` would make folders.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this removes
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
// Invisible format characters (joiners inside emoji, direction marks, soft hyphens): Chrome's download manager
// refuses any name holding one ("Invalid filename").
const INVISIBLE = /\p{Cf}/gu;

const utf8 = new TextEncoder();

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  if (utf8.encode(text).length <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = utf8.encode(char).length;
    if (used + size > maxBytes) break;
    out += char;
    used += size;
  }
  return out;
}

function cut(text: string, maxChars: number, maxBytes: number): string {
  return cutToBytes(Array.from(text).slice(0, maxChars).join(''), maxBytes);
}

/** Makes one path segment (a folder or file name without extension) safe everywhere. */
export function safeSegment(name: string, maxChars = MAX_FOLDER_CHARS, maxBytes = MAX_SEGMENT_BYTES): string {
  let safe = name.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').replace(ILLEGAL, '_').trim();
  // A leading dot hides the file on macOS and Linux, and Chrome refuses it.
  safe = cut(safe.replace(/^[. ]+/, ''), maxChars, maxBytes);
  // Windows drops trailing dots and spaces, which would make two names the same file.
  safe = safe.replace(/[. ]+$/, '');
  if (RESERVED.test(safe)) safe = `_${safe}`;
  return safe || '_';
}

/** A file name with its extension kept whole when the base has to be shortened. */
export function safeFileName(base: string, ext: string): string {
  const safeExt = ext
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 10)
    .toLowerCase();
  const suffix = safeExt ? `.${safeExt}` : '';
  const stem = safeSegment(base, MAX_FILE_CHARS - suffix.length, MAX_SEGMENT_BYTES - suffix.length);
  return `${stem}${suffix}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-11-03` and `10.00` from an ISO time; the raw text when the platform's time could not be read. */
export function dateAndTime(startedAt: string): { date: string; time: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(startedAt);
  if (!match) return { date: startedAt, time: '' };
  return { date: `${match[1]}-${match[2]}-${match[3]}`, time: `${match[4]}.${match[5]}` };
}

/** `{date} {time} {topic} ({meeting id})`: the id keeps two meetings with the same topic apart. */
export function recordingFolderName(recording: Recording): string {
  const { date, time } = dateAndTime(recording.startedAt);
  const shownId = recording.shownId || recording.id;
  const prefix = safeSegment([date, time].filter(Boolean).join(' '), 40);
  const idPart = ` (${safeSegment(shownId, 40)})`;
  const topic = safeSegment(recording.title, MAX_FOLDER_CHARS - prefix.length - idPart.length - 1);
  return `${prefix} ${topic}${idPart}`.trim();
}

export const KIND_NAMES: Record<RecordingFile['kind'], string> = {
  video: 'video',
  audio: 'audio',
  transcript: 'transcript',
  captions: 'captions',
  chat: 'chat',
  timeline: 'timeline',
  summary: 'summary',
  other: 'file',
};

/** `{kind}{view}.{ext}`, e.g. `video - Gallery view (clip 2).mp4`. */
export function recordingFileName(file: RecordingFile): string {
  const view = file.view ? ` - ${file.view}` : '';
  const clip = file.clip ? ` (clip ${file.clip})` : '';
  return safeFileName(`${KIND_NAMES[file.kind]}${view}${clip}`, file.ext);
}

/**
 * Makes every path unique, comparing as Windows and macOS do (without case), by numbering later
 * duplicates: `chat.txt`, `chat (2).txt`. The input order decides who keeps the plain name.
 */
export function uniquePaths(paths: string[]): string[] {
  const taken = new Set<string>();
  return paths.map((path) => {
    let candidate = path;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
      const slash = path.lastIndexOf('/');
      const dot = path.lastIndexOf('.');
      const cutAt = dot > slash ? dot : path.length;
      candidate = `${path.slice(0, cutAt)} (${n})${path.slice(cutAt)}`;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * The export's name: the platform, the day and the minute, e.g. `Zoom recordings 2026-11-21 10.15`, numbered
 * when an earlier export already has it, so that two exports never write into the same ZIP name or folder.
 */
export function exportName(
  siteName: string,
  now: Date,
  taken: ReadonlySet<string> = new Set(),
  /** The name the user gave it in the bar, made safe for a file or folder name. */
  wanted?: string,
): string {
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const safe = wanted ? safeSegment(wanted) : '';
  const base = safe || `${siteName} recordings ${day} ${pad(now.getHours())}.${pad(now.getMinutes())}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
  return name;
}

/**
 * `uniquePaths` in an order that does not depend on the order of ticking: by `key` (recording, then file), so
 * the same recordings always get the same names. Returns the paths in the input order.
 */
export function uniquePathsByKey(items: Array<{ path: string; key: string }>): string[] {
  const order = items.map((_, index) => index);
  order.sort((a, b) => {
    const [x = '', y = ''] = [items[a]?.key, items[b]?.key];
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const unique = uniquePaths(order.map((index) => items[index]?.path ?? ''));
  const paths: string[] = [];
  order.forEach((index, at) => {
    paths[index] = unique[at] ?? items[index]?.path ?? '';
  });
  return paths;
}
