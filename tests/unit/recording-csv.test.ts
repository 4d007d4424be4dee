import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fileListCsv, recordingListCsv } from '@/utils/export/recording-csv';
import type { Recording } from '@/utils/model';
import { zoomReportColumns } from '@/utils/sites/zoom';

const recording = (title: string, extra: Partial<Recording> = {}): Recording => ({
  site: 'zoom',
  id: 'id/1+',
  title,
  owner: 'a@example.edu',
  startedAt: '2026-11-03T10:00:00',
  status: 'ready',
  columns: {
    meetingNumber: '845',
    meetingStartTimeStr: 'Nov 3, 2026 10:00 AM',
    fileSizeInMB: '1234.5',
    recordingCount: '1',
  },
  ...extra,
});

const rowsOf = (csv: string) => Papa.parse<string[]>(csv.slice(1).trim(), { newline: '\r\n' }).data;

describe('the recording list CSV', () => {
  const csv = recordingListCsv(
    [recording('=1+2'), recording('+cmd'), recording('-x'), recording('@SUM(A1)'), recording('Föreläsning, "del 2"')],
    zoomReportColumns,
  );

  it("has a byte order mark, Zoom's columns and one row per recording", () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = rowsOf(csv);
    expect(header).toEqual(['Host Email', 'Meeting ID', 'Topic', 'Start Time', 'File Size']);
    expect(rows).toHaveLength(5);
    expect(rows[4]).toEqual([
      'a@example.edu',
      '845',
      'Föreläsning, "del 2"',
      'Nov 3, 2026 10:00 AM',
      '1,234.5 MB (1 File)',
    ]);
  });

  it('keeps every cell that starts with = + - @ text', () => {
    expect(
      rowsOf(csv)
        .slice(1, 5)
        .map((row) => row[2]),
    ).toEqual(["'=1+2", "'+cmd", "'-x", "'@SUM(A1)"]);
  });
});

describe('the file list CSV', () => {
  it('has one row per file with its name in the export', () => {
    const csv = fileListCsv([
      {
        recording: recording('=evil'),
        file: { id: 'p', kind: 'video', view: 'Gallery view', clip: 2, ext: 'mp4', sizeBytes: 5, url: '' },
        path: 'f/video - Gallery view (clip 2).mp4',
      },
      { recording: recording('x'), file: { id: 'q', kind: 'chat', ext: 'txt', url: '' }, path: 'g/chat.txt' },
    ]);
    expect(rowsOf(csv)).toEqual([
      ['Recording', 'Recording ID', 'Kind', 'View', 'Clip', 'Size (bytes)', 'Name in export'],
      ["'=evil", 'id/1+', 'video', 'Gallery view', '2', '5', 'f/video - Gallery view (clip 2).mp4'],
      ['x', 'id/1+', 'chat', '', '', '', 'g/chat.txt'],
    ]);
  });
});
