// The metadata log as Blackboard's copy writes it: the report's columns, then where each file now is and what
// went wrong with it; read back as Excel would (BOM, CRLF, formulas neutralised).
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ExportFile } from '@/utils/db';
import { LINK_COLUMNS, metadataLogCsv, metadataLogName } from '@/utils/export/metadata-log';
import type { FileKind } from '@/utils/model';

let nextId = 1;
function file(recordingId: string, kind: FileKind, path: string, change: Partial<ExportFile> = {}): ExportFile {
  return {
    id: nextId++,
    jobId: 1,
    recordingId,
    recordingTitle: recordingId,
    path,
    url: 'https://x',
    kind,
    volume: 0,
    state: 'done',
    bytesDone: 10,
    retries: 0,
    ...change,
  };
}

const link = (f: ExportFile) => `Archive/abc/${f.path}`;

function read(csv: string) {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).toContain('\r\n');
  return Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
}

describe('the metadata log', () => {
  it('is named by the copy date (UTC), the copy id and the platform', () => {
    expect(metadataLogName(Date.UTC(2026, 10, 21, 23, 30), 'abc123', 'Collaborate')).toBe(
      '2026-11-21_abc123_Collaborate_recording_extract.csv',
    );
  });

  it('keeps the report columns in order, replaces RecordingLink in place (its CRC after it) and adds the other link columns', () => {
    const rows = [
      {
        columns: {
          RecordingCreated: '2026-11-01 10:00',
          RecordingLink: 'https://eu.bbcollab.com/recording/x',
          Extra: '1,5',
        },
        files: [
          file('r1', 'video', 'r1/video.mp4', { crc32: 'cafe0001' }),
          file('r1', 'chat', 'r1/chat.txt', { crc32: 'cafe0002' }),
          file('r1', 'captions', 'r1/captions.vtt'),
        ],
      },
    ];
    const log = read(metadataLogCsv(rows, link));
    expect(log.meta.fields).toEqual([
      'RecordingCreated',
      'RecordingLink',
      'RecordingCRC32',
      'Extra',
      ...LINK_COLUMNS.slice(2),
    ]);
    expect(log.data).toEqual([
      {
        RecordingCreated: '2026-11-01 10:00',
        RecordingLink: 'Archive/abc/r1/video.mp4',
        RecordingCRC32: 'cafe0001',
        Extra: '1,5',
        RecordingFailureStatus: '',
        ChatLink: 'Archive/abc/r1/chat.txt',
        ChatCRC32: 'cafe0002',
        ChatFailureStatus: '',
        SubtitleLink: 'Archive/abc/r1/captions.vtt',
        SubtitleCRC32: 'not computed',
        SubtitleFailureStatus: '',
      },
    ]);
  });

  it('leaves link and status empty for a recording without chat or captions, and says why a file failed', () => {
    const rows = [
      {
        columns: { Topic: '=HYPERLINK("evil")' },
        files: [
          file('r2', 'video', 'r2/video.mp4', { state: 'failed', error: { code: 'http', detail: '403' } }),
          file('r2', 'audio', 'r2/audio.m4a'),
        ],
      },
    ];
    const [row] = read(metadataLogCsv(rows, link)).data;
    expect(row?.Topic).toBe(`'=HYPERLINK("evil")`);
    // The audio is what is left of the recording: the link points at it, and the status names the lost video.
    expect(row?.RecordingLink).toBe('Archive/abc/r2/audio.m4a');
    expect(row?.RecordingFailureStatus).toMatch(/^r2\/video\.mp4: .+/);
    expect(row?.ChatLink).toBe('');
    expect(row?.ChatFailureStatus).toBe('');
    expect(row?.SubtitleLink).toBe('');
    expect(row?.SubtitleFailureStatus).toBe('');
  });
});

describe('a meeting recorded in several clips', () => {
  it("links every clip's recording, not only the first clip's", () => {
    const rows = [
      {
        columns: { Topic: 'Seminar' },
        files: [
          file('m1', 'video', 'Seminar/Clip 1 - Gallery view.mp4', { clip: 1 }),
          file('m1', 'audio', 'Seminar/Clip 1 - Audio only.m4a', { clip: 1 }),
          file('m1', 'video', 'Seminar/Clip 2 - Gallery view.mp4', { clip: 2 }),
          file('m1', 'audio', 'Seminar/Clip 2 - Audio only.m4a', { clip: 2 }),
        ],
      },
    ];
    const [row] = read(metadataLogCsv(rows, link)).data;
    expect(row?.RecordingLink).toBe(
      'Archive/abc/Seminar/Clip 1 - Gallery view.mp4; Archive/abc/Seminar/Clip 2 - Gallery view.mp4',
    );
    expect(row?.RecordingFailureStatus).toBe('');
  });
});
