// "Export archived list as CSV" (Zoom): Zoom's own list columns for each archived recording, then where and when
// it was archived; cells a spreadsheet would run stay text.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { archivedListCsv } from '@/utils/export/archived-list-csv';
import type { Recording } from '@/utils/model';
import { zoomReportColumns } from '@/utils/sites/zoom';

const recording = (title: string): Recording => ({
  site: 'zoom',
  id: 'id/1+',
  title,
  owner: 'a@example.edu',
  startedAt: '2026-11-03T10:00:00',
  status: 'ready',
  columns: {
    meetingNumber: '845',
    meetingStartTimeStr: 'Nov 3, 2026 10:00 AM',
    fileSizeInMB: '12.5',
    recordingCount: '2',
  },
});

describe('the archived list CSV', () => {
  const csv = archivedListCsv(
    [
      {
        recording: recording('Föreläsning 4'),
        place: 'University archive',
        archivedAt: Date.UTC(2026, 11, 6, 15, 40, 12),
      },
      { recording: recording('=cmd'), place: 'ZIP', archivedAt: Date.UTC(2026, 11, 1, 8, 0, 0) },
    ],
    zoomReportColumns,
  );
  const [header, ...rows] = Papa.parse<string[]>(csv.slice(1).trim(), { newline: '\r\n' }).data;

  it("has Zoom's list columns, then Archived To and Archived At (UTC)", () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(header).toEqual([
      'Host Email',
      'Meeting ID',
      'Topic',
      'Start Time',
      'File Size',
      'Archived To',
      'Archived At',
    ]);
    expect(rows[0]).toEqual([
      'a@example.edu',
      '845',
      'Föreläsning 4',
      'Nov 3, 2026 10:00 AM',
      '12.5 MB (2 Files)',
      'University archive',
      '2026-12-06 15:40:12',
    ]);
  });

  it('keeps a topic a spreadsheet would run as text', () => {
    expect(rows[1]?.[2]).toBe("'=cmd");
    expect(rows[1]?.slice(5)).toEqual(['ZIP', '2026-12-01 08:00:00']);
  });
});
