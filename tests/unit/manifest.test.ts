import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '@/utils/csv';
import type { ExportFile } from '@/utils/db';
import { manifestCsv } from '@/utils/export/manifest';

const file = (over: Partial<ExportFile>): ExportFile => ({
  id: 1,
  jobId: 1,
  recordingId: 'abc==',
  recordingTitle: 'Lecture',
  path: 'x/video.mp4',
  url: '',
  kind: 'video',
  volume: 0,
  state: 'done',
  bytesDone: 1234,
  retries: 0,
  ...over,
});

describe('the manifest CSV', () => {
  const csv = manifestCsv([
    file({ crc32: '0a1b2c3d' }),
    file({
      recordingTitle: '=HYPERLINK("http://evil")',
      state: 'failed',
      bytesDone: 0,
      retries: 2,
      error: { code: 'http', detail: '404' },
    }),
    file({ recordingTitle: 'Föreläsning, "del 2"', path: 'y/chat.txt', kind: 'chat' }),
  ]);

  it('starts with a byte order mark so Excel reads UTF-8', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
  });

  it('has one row per file with its status and problem', () => {
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows[0]).toEqual([
      'Recording',
      'Recording ID',
      'File',
      'Kind',
      'Size (bytes)',
      'CRC-32',
      'Status',
      'Problem',
      'Tries',
    ]);
    expect(rows[1]).toEqual(['Lecture', 'abc==', 'x/video.mp4', 'video', '1234', '0a1b2c3d', 'saved', '', '1']);
    expect(rows[2]?.slice(0, 7)).toEqual([
      '\'=HYPERLINK("http://evil")',
      'abc==',
      'x/video.mp4',
      'video',
      '',
      '',
      'failed',
    ]);
    expect(rows[2]?.[7]).toBe(
      'The platform no longer has this file (error 404): it may have been deleted. Check the recording on the platform.',
    );
    expect(rows[2]?.[8]).toBe('3');
    expect(rows[3]?.[0]).toBe('Föreläsning, "del 2"');
    // Saved by the browser's download manager (folder mode): Reclaim never saw the bytes.
    expect(rows[3]?.[5]).toBe('not computed');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'])('neutralises %j', (cell) => {
    expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it('leaves ordinary text alone', () => {
    expect(neutraliseCell('Lecture 1 - intro')).toBe('Lecture 1 - intro');
  });
});

describe('a recording still processing', () => {
  it('is listed as skipped with the reason, not as failed', () => {
    const csv = manifestCsv([
      file({ state: 'failed', bytesDone: 0, path: 'x/', kind: 'other', error: { code: 'processing', site: 'zoom' } }),
    ]);
    const [, row] = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(row?.slice(6, 8)).toEqual([
      'skipped',
      'The recording is still processing and cannot be downloaded yet: export it again once the platform shows it as ready.',
    ]);
  });
});
