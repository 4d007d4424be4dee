import { describe, expect, it } from 'vitest';
import { DEFAULT_NAME_TEMPLATE, exportPath, MAX_PATH_CHARS, templateProblem } from '@/utils/export/name-template';
import { uniquePaths } from '@/utils/export/naming';
import type { Recording, RecordingFile } from '@/utils/model';

const bytes = (text: string) => new TextEncoder().encode(text).length;

const recording = (title: string, extra: Partial<Recording> = {}): Recording => ({
  site: 'zoom',
  id: '3dk8+Qz/TgmH0aX1bC2y9w==',
  title,
  owner: 'anna.svensson@uni.example.se',
  startedAt: '2026-11-03T10:05:00',
  status: 'ready',
  shownId: '84512367890',
  columns: {},
  ...extra,
});
const video: RecordingFile = {
  id: 'p1',
  kind: 'video',
  view: 'Gallery view',
  viewChoice: 'gallery',
  ext: 'mp4',
  url: '',
};
const chat: RecordingFile = { id: 'p2', kind: 'chat', ext: 'txt', url: '' };

// Windows refuses these names whatever follows the dot; it drops trailing dots and spaces.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must never appear
const FORBIDDEN = /[<>:"\\|?*\u0000-\u001f\u007f]/;

function expectSafe(path: string): void {
  expect(path.length, path).toBeLessThanOrEqual(MAX_PATH_CHARS);
  for (const segment of path.split('/')) {
    expect(segment, path).not.toBe('');
    expect(segment, path).not.toMatch(FORBIDDEN);
    expect(segment, path).not.toMatch(/[. ]$/);
    expect(segment, path).not.toMatch(/^ /);
    expect(segment.split('.')[0] ?? '', path).not.toMatch(RESERVED);
    expect(bytes(segment), path).toBeLessThanOrEqual(255);
    expect(segment, path).toBe(segment.normalize('NFC'));
  }
}

describe('the default template', () => {
  it('names {date} {time} {topic} ({meeting id})/{kind}{view}.{ext}', () => {
    expect(exportPath(DEFAULT_NAME_TEMPLATE, recording('Föreläsning 4 – Ekonomi & juridik'), video)).toBe(
      '2026-11-03 10.05 Föreläsning 4 – Ekonomi & juridik (84512367890)/video - Gallery view.mp4',
    );
    expect(exportPath(DEFAULT_NAME_TEMPLATE, recording('x'), { ...video, clip: 2 })).toBe(
      '2026-11-03 10.05 x (84512367890)/video - Gallery view (clip 2).mp4',
    );
    expect(exportPath(DEFAULT_NAME_TEMPLATE, recording('x'), chat)).toBe('2026-11-03 10.05 x (84512367890)/chat.txt');
  });

  it.each([
    ['Recap "A/B" \\ test: *why?* <draft> | final', 'Recap _A_B_ _ test_ _why__ _draft_ _ final'],
    ['a/b\\c|d:e', 'a_b_c_d_e'],
    ['CON', 'CON'],
    ['Trailing dot.', 'Trailing dot.'],
    ['tab\there\u0001and\u007fbell', 'tab here_and_bell'],
    ['数据科学 讲座', '数据科学 讲座'],
    ['Fo\u0308rela\u0308sning', 'Föreläsning'],
    ['  spaced   out  ', 'spaced out'],
    ['..', '..'],
    ['', ''],
  ])('makes a hostile topic %j safe: %j', (title, shown) => {
    const path = exportPath(DEFAULT_NAME_TEMPLATE, recording(title), video);
    expectSafe(path);
    expect(path).toBe(`2026-11-03 10.05 ${shown}${shown ? ' ' : ''}(84512367890)/video - Gallery view.mp4`);
  });

  it.each([
    ['CON', '{topic}/{kind}.{ext}', '_CON/video.mp4'],
    ['nul.txt', '{topic}/{kind}.{ext}', '_nul.txt/video.mp4'],
    ['Trailing dot.', '{topic}/{kind}.{ext}', 'Trailing dot/video.mp4'],
    ['trailing spaces . . ', '{topic}/{kind}.{ext}', 'trailing spaces/video.mp4'],
    ['...', '{topic}/{kind}.{ext}', '_/video.mp4'],
    ['LPT1', '{kind}{view} {topic}.{ext}', 'video - Gallery view LPT1.mp4'],
    ['lpt1', '{topic}.{ext}', '_lpt1.mp4'],
  ])('a topic %j alone in a name is made safe (%s)', (title, template, expected) => {
    const path = exportPath(template, recording(title), video);
    expectSafe(path);
    expect(path).toBe(expected);
  });

  it('cuts long topics to 255 bytes a segment and the path to its limit, keeping the date and id whole', () => {
    for (const title of ['Very long topic '.repeat(40), '数'.repeat(300), '😀'.repeat(200), 'é'.repeat(500)]) {
      const path = exportPath(DEFAULT_NAME_TEMPLATE, recording(title), { ...video, view: 'v'.repeat(300) });
      expectSafe(path);
      const [folder = ''] = path.split('/');
      expect(folder.startsWith('2026-11-03 10.05 ')).toBe(true);
      expect(folder.endsWith(' (84512367890)')).toBe(true);
      expect(path.endsWith('.mp4')).toBe(true);
    }
  });

  it('keeps many folders within the total path length', () => {
    const template = '{host}/{topic}/{date}/{topic} {time}/{kind}{view}.{ext}';
    const path = exportPath(template, recording('Lång rubrik '.repeat(30)), video);
    expectSafe(path);
    expect(path.split('/')).toHaveLength(5);
  });

  it('gives the same path every time for the same recording and file', () => {
    const a = exportPath(DEFAULT_NAME_TEMPLATE, recording('Same'), video);
    expect(exportPath(DEFAULT_NAME_TEMPLATE, recording('Same'), { ...video })).toBe(a);
  });

  it('uses the recording id, made safe, when there is no meeting number', () => {
    expect(exportPath('{meeting id}/{kind}.{ext}', recording('x', { shownId: undefined }), chat)).toBe(
      '3dk8+Qz_TgmH0aX1bC2y9w==/chat.txt',
    );
  });

  it('numbers duplicates, comparing without case', () => {
    const paths = [recording('Office hours'), recording('office hours')].map((r) =>
      exportPath('{topic}/{kind}.{ext}', r, chat),
    );
    expect(uniquePaths(paths)).toEqual(['Office hours/chat.txt', 'office hours/chat (2).txt']);
  });

  it('puts the clip where the template says, and then not into the view', () => {
    expect(exportPath('{topic}/clip {clip}/{kind}{view}.{ext}', recording('x'), { ...video, clip: 3 })).toBe(
      'x/clip 3/video - Gallery view.mp4',
    );
  });
});

describe('templates a user may type', () => {
  it.each([
    ['', 'empty'],
    ['{topic}/{nope}.{ext}', '{nope}'],
    ['{topic}/', 'file name'],
    ['plain/name', 'file name'],
  ])('refuses %j (%s) and uses the default instead', (template, problem) => {
    expect(templateProblem(template)).toBe(problem);
    expect(exportPath(template, recording('x'), chat)).toBe(exportPath(DEFAULT_NAME_TEMPLATE, recording('x'), chat));
  });

  it('accepts fields in any case and backslashes as folder separators', () => {
    expect(templateProblem('{Topic}\\{KIND}.{ext}')).toBeNull();
    expect(exportPath('{Topic}\\{KIND}.{ext}', recording('x'), chat)).toBe('x/chat.txt');
  });

  it('never lets a template climb out of the export with ..', () => {
    const path = exportPath('../../{topic}/./{kind}.{ext}', recording('x'), chat);
    expect(path.split('/')).not.toContain('..');
    expectSafe(path);
  });
});
