import { describe, expect, it } from 'vitest';
import {
  exportName,
  recordingFileName,
  recordingFolderName,
  safeFileName,
  safeSegment,
  uniquePaths,
} from '@/utils/export/naming';
import type { Recording } from '@/utils/model';

const bytes = (text: string) => new TextEncoder().encode(text).length;

const recording = (title: string, extra: Partial<Recording> = {}): Recording => ({
  site: 'zoom',
  id: '3dk8+Qz/TgmH0aX1bC2y9w==',
  title,
  startedAt: '2026-11-03T10:05:00',
  status: 'ready',
  shownId: '84512367890',
  columns: {},
  ...extra,
});

describe('safe names', () => {
  it.each([
    ['a/b\\c|d:e', 'a_b_c_d_e'],
    ['Q&A: Why?*', 'Q&A_ Why__'],
    ['<groep B> "x"', '_groep B_ _x_'],
    ['tab\there\u0001', 'tab here_'],
    ['Trailing dot.', 'Trailing dot'],
    ['trailing spaces and dots . . ', 'trailing spaces and dots'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['com1', '_com1'],
    ['Console', 'Console'],
    ['', '_'],
    ['...', '_'],
    ['Föreläsning 4 – Ekonomi', 'Föreläsning 4 – Ekonomi'],
    ['数据科学 讲座', '数据科学 讲座'],
    // Chrome refuses names with invisible format characters or a leading dot (folder-names.test.ts).
    ['Teacher 👩\u200D🏫 hours', 'Teacher 👩🏫 hours'],
    ['co\u00ADoperation \u200Fשיעור\u200F', 'cooperation שיעור'],
    ['.NET lecture', 'NET lecture'],
  ])('%j becomes %j', (input, expected) => {
    expect(safeSegment(input)).toBe(expected);
  });

  it('cuts long names to the limit without splitting a character', () => {
    const long = '数'.repeat(300);
    const cut = safeSegment(long, 1000, 255);
    expect(bytes(cut)).toBeLessThanOrEqual(255);
    expect(cut).toBe('数'.repeat(85));
    expect(safeSegment('x'.repeat(500)).length).toBeLessThanOrEqual(120);
  });

  it('keeps the extension whole when a file name is shortened', () => {
    const name = safeFileName('é'.repeat(400), 'MP4');
    expect(name.endsWith('.mp4')).toBe(true);
    expect(bytes(name)).toBeLessThanOrEqual(255);
    expect(name.length).toBeLessThanOrEqual(100);
  });

  it('normalises to NFC so the same title always gives the same bytes', () => {
    expect(safeSegment('Fo\u0308rela\u0308sning')).toBe('Föreläsning');
  });
});

describe('recording folders and files', () => {
  it('names a folder {date} {time} {topic} ({meeting id})', () => {
    expect(recordingFolderName(recording('Föreläsning 4 – Ekonomi & juridik'))).toBe(
      '2026-11-03 10.05 Föreläsning 4 – Ekonomi & juridik (84512367890)',
    );
  });

  it('keeps the meeting id when a long topic is cut', () => {
    const name = recordingFolderName(recording('Very long topic '.repeat(40)));
    expect(name.endsWith(' (84512367890)')).toBe(true);
    expect(name.length).toBeLessThanOrEqual(120);
  });

  it('uses the recording id when there is no meeting number, made safe', () => {
    expect(recordingFolderName(recording('x', { shownId: undefined }))).toBe(
      '2026-11-03 10.05 x (3dk8+Qz_TgmH0aX1bC2y9w==)',
    );
  });

  it('gives the same name every time', () => {
    expect(recordingFolderName(recording('Same'))).toBe(recordingFolderName(recording('Same')));
  });

  it('names files by kind, view and clip', () => {
    expect(recordingFileName({ id: '1', kind: 'video', view: 'Gallery view', clip: 2, ext: 'mp4', url: '' })).toBe(
      'video - Gallery view (clip 2).mp4',
    );
    expect(recordingFileName({ id: '2', kind: 'chat', ext: 'txt', url: '' })).toBe('chat.txt');
    expect(recordingFileName({ id: '3', kind: 'video', view: 'Shared: screen/speaker', ext: 'mp4', url: '' })).toBe(
      'video - Shared_ screen_speaker.mp4',
    );
  });

  it('names the export after the platform, the day and the minute, numbering a name already taken', () => {
    const now = new Date(2026, 10, 21, 9, 5);
    expect(exportName('Zoom', now)).toBe('Zoom recordings 2026-11-21 09.05');
    const taken = new Set(['Zoom recordings 2026-11-21 09.05', 'Zoom recordings 2026-11-21 09.05 (2)']);
    expect(exportName('Zoom', now, taken)).toBe('Zoom recordings 2026-11-21 09.05 (3)');
  });

  it('takes the name the user gave in the bar, made safe for a file name and numbered when taken', () => {
    const now = new Date(2026, 10, 21, 9, 5);
    expect(exportName('Zoom', now, new Set(), 'Zoom · search ‘Biology’ · 37 recordings')).toBe(
      'Zoom · search ‘Biology’ · 37 recordings',
    );
    expect(exportName('Zoom', now, new Set(['Term 1']), 'Term 1')).toBe('Term 1 (2)');
    expect(exportName('Zoom', now, new Set(), 'a/b: c')).not.toMatch(/[/:]/);
  });
});

describe('collisions', () => {
  it('numbers later duplicates, ignoring case as Windows and macOS do', () => {
    expect(uniquePaths(['a/chat.txt', 'a/Chat.txt', 'a/chat.txt', 'b/chat.txt', 'a/chat (2).txt'])).toEqual([
      'a/chat.txt',
      'a/Chat (2).txt',
      'a/chat (3).txt',
      'b/chat.txt',
      'a/chat (2) (2).txt',
    ]);
  });

  it('numbers files without an extension too', () => {
    expect(uniquePaths(['x.y/README', 'x.y/readme'])).toEqual(['x.y/README', 'x.y/readme (2)']);
  });
});

describe("the id in a recording's folder name", () => {
  it('is the one the platform shows (Zoom: the meeting number), and no column of a report stands in for it', () => {
    const imported = recording('Seminar', {
      site: 'collaborate',
      id: '0123456789abcdef0123456789abcdef',
      shownId: undefined,
      // A report the user imported may have a column of any name: it is the platform's row, not our id.
      columns: { meetingNumber: 'from a spreadsheet' },
    });
    expect(recordingFolderName(imported)).toBe('2026-11-03 10.05 Seminar (0123456789abcdef0123456789abcdef)');
    expect(recordingFolderName(recording('Seminar'))).toBe('2026-11-03 10.05 Seminar (84512367890)');
  });
});
