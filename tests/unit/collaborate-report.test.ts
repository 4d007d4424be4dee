// The recording report as Blackboard writes it and as Excel saves it after a manager edited it.
import { describe, expect, it } from 'vitest';
import type { Recording } from '@/utils/model';
import { REPORT_COLUMNS } from '@/utils/sites/collaborate';
import { parseDecimal, readRecordingReport, recordingReportCsv } from '@/utils/sites/collaborate-report';

const A = '0123456789abcdef0123456789abcdef';
const B = 'fedcba9876543210fedcba9876543210';
const link = (id: string) => `https://eu.bbcollab.com/recording/${id}`;
const GIB = 1024 ** 3;
const utf8 = (text: string) => new TextEncoder().encode(text);
const BOM = '\uFEFF';

function windows1252(text: string): Uint8Array {
  // Excel's plain "CSV" in Western European settings: one byte a character.
  return Uint8Array.from([...text].map((char) => (char === '€' ? 0x80 : char.charCodeAt(0))));
}

const blackboard = [
  'RecordingCreated,SessionOwner,SessionName,SessionIdentifier,SessionInstanceIdentifier,NumberOfUniqueAttendees,RecordingName,RecordingLink,RecordingDuration,HasLiveCaptions,StorageUsageGigabytes,ContextIdentifier',
  `2026-09-03 10:15,owner,Hoorcollege,s1,i1,12,Hoorcollege 1,${link(A)},01:02:03,false,1.5,_1234_1`,
  `2026-09-04 11:00:30,owner,Werkcollege,s2,i2,8,"Werkcollege, groep B",${link(B)},00:45:00,true,0.25,_1234_1`,
].join('\n');

describe('reading a recording report', () => {
  it.each([
    ['as Blackboard writes it: `,`, LF, no BOM', utf8(blackboard)],
    ['with CRLF line ends', utf8(blackboard.replace(/\n/g, '\r\n'))],
    ['with a BOM', utf8(BOM + blackboard)],
    [
      'as Dutch Excel saves it: `;`, BOM, CRLF, decimal commas',
      utf8(
        `${BOM}${blackboard
          .replace(/"Werkcollege, groep B"/, 'Werkcollege, groep B')
          .replace(/,/g, ';')
          .replace('Werkcollege; groep B', 'Werkcollege, groep B')
          .replace(';1.5;', ';1,5;')
          .replace(';0.25;', ';0,25;')
          .replace(/\n/g, '\r\n')}\r\n`,
      ),
    ],
    [
      'as Swedish Excel saves it in Windows-1252, with an accent and a quoted line break',
      windows1252(
        blackboard
          .replace(/,/g, ';')
          .replace('"Werkcollege; groep B"', '"Werkcollege, groep B"')
          .replace(';1.5;', ';1,5;')
          .replace(';0.25;', ';0,25;')
          .replace('Hoorcollege 1', '"Föreläsning\r\n1"')
          .replace(/\n/g, '\r\n'),
      ),
    ],
    [
      'with columns in another order and extra columns',
      utf8(
        [
          'Notitie,StorageUsageGigabytes,RecordingLink,RecordingName,Afdeling',
          `bewaren,1.5,${link(A)},Hoorcollege 1,Rechten`,
          `"twee\nregels",0.25,${link(B)},"Werkcollege, groep B",Rechten`,
        ].join('\r\n'),
      ),
    ],
  ])('%s', (_, file) => {
    const reading = readRecordingReport(file);
    if (!reading.ok) throw new Error(JSON.stringify(reading.problem));
    expect(reading.recordings.map((recording) => recording.id)).toEqual([A, B]);
    expect(reading.origin).toBe('https://eu.bbcollab.com');
    expect(reading.badRows).toEqual([]);
    expect(reading.totalBytes).toBe(Math.round(1.5 * GIB) + Math.round(0.25 * GIB));
    expect(reading.recordings[1]?.title).toBe('Werkcollege, groep B');
    expect(reading.recordings.every((recording) => recording.sizeRough)).toBe(true);
  });

  it('keeps every column of a row, unknown ones too, in the file order and verbatim', () => {
    const reading = readRecordingReport(
      utf8(`${BOM}Afdeling;RecordingName;RecordingLink;StorageUsageGigabytes\r\nRechten;Les 1;${link(A)};1,5\r\n`),
    );
    if (!reading.ok) throw new Error('not read');
    const columns = reading.recordings[0]?.columns ?? {};
    expect(Object.keys(columns)).toEqual(['Afdeling', 'RecordingName', 'RecordingLink', 'StorageUsageGigabytes']);
    expect(columns.StorageUsageGigabytes).toBe('1,5');
    expect(columns.Afdeling).toBe('Rechten');
  });

  it('lists rows it cannot use by the line they begin on, and reads the rest', () => {
    const text = [
      'RecordingName,RecordingLink',
      `"two\nlines",${link(A)}`,
      'no link,',
      'elsewhere,https://example.com/recording/0123456789abcdef0123456789abcdef',
      `again,${link(A)}`,
      ',',
      `last,${link(B)}`,
    ].join('\r\n');
    const reading = readRecordingReport(utf8(text));
    if (!reading.ok) throw new Error('not read');
    expect(reading.recordings.map((recording) => recording.id)).toEqual([A, B]);
    expect(reading.badRows).toEqual([
      { line: 4, reason: 'no-link', value: '' },
      { line: 5, reason: 'bad-link', value: 'https://example.com/recording/0123456789abcdef0123456789abcdef' },
      { line: 6, reason: 'duplicate', value: link(A) },
    ]);
  });

  it.each([
    ['an empty file', utf8(''), { code: 'empty' }],
    ['a file of blank lines and a BOM', utf8(`${BOM}\r\n\r\n`), { code: 'empty' }],
    ['a PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), { code: 'binary' }],
    [
      'a CSV without RecordingLink',
      utf8('RecordingName;StorageUsageGigabytes\r\nLes;1,5\r\n'),
      { code: 'missing-columns', columns: ['RecordingLink'], found: ['RecordingName', 'StorageUsageGigabytes'] },
    ],
    [
      "Zoom's recording list",
      utf8('Host Email,Meeting ID,Topic,Start Time,File Size (MB)\r\na@b.c,123,Standup,x,1\r\n'),
      {
        code: 'missing-columns',
        columns: ['RecordingLink'],
        found: ['Host Email', 'Meeting ID', 'Topic', 'Start Time', 'File Size (MB)'],
      },
    ],
    ['a report with its header only', utf8('RecordingName,RecordingLink\r\n'), { code: 'no-rows' }],
  ])('refuses %s, saying why', (_, file, problem) => {
    expect(readRecordingReport(file)).toEqual({ ok: false, problem });
  });

  it('finds recordings by an id column when the page says which server they are on', () => {
    const reading = readRecordingReport(
      utf8(`RecordingName;RecordingIdentifier\r\nLes;${A}\r\n`),
      'https://eu-lti.bbcollab.com',
    );
    expect(reading.ok && reading.recordings.map((recording) => recording.id)).toEqual([A]);
  });

  it.each([
    ['1.5', 1.5],
    ['1,5', 1.5],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['0,000123', 0.000123],
    ['2 GB', 2],
    ['', undefined],
    ['n/a', undefined],
  ])('reads %s as %s', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });
});

describe('writing a recording report', () => {
  const recording = (id: string, columns: Record<string, string>): Recording => ({
    site: 'collaborate',
    id,
    title: columns.RecordingName ?? id,
    startedAt: '',
    status: 'ready',
    columns,
  });

  it("keeps the platform's column names and order, then the columns a report brought along", () => {
    const listed = Object.fromEntries(REPORT_COLUMNS.map((name) => [name, `${name} value`]));
    const imported = { Afdeling: 'Rechten', RecordingLink: link(B), RecordingName: '=cmd|calc', Notitie: 'x' };
    const csv = recordingReportCsv([recording(A, listed), recording(B, imported)]);
    const [header, first, second] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe([...REPORT_COLUMNS, 'Afdeling', 'Notitie'].join(','));
    expect(first?.split(',').slice(0, 3)).toEqual([
      'RecordingCreated value',
      'SessionOwner value',
      'SessionName value',
    ]);
    // A title that Excel would run as a formula stays text.
    expect(second).toContain("'=cmd|calc");
    expect(second?.endsWith(',Rechten,x')).toBe(true);
  });

  it('reads back what it wrote', () => {
    const listed: Record<string, string> = {
      ...Object.fromEntries(REPORT_COLUMNS.map((name) => [name, ''])),
      RecordingName: 'Les 1',
    };
    listed.RecordingLink = link(A);
    listed.StorageUsageGigabytes = '0.000977';
    const reading = readRecordingReport(utf8(recordingReportCsv([recording(A, listed)])));
    expect(reading.ok && reading.recordings[0]?.columns).toEqual(listed);
  });

  it('takes a report round trip (export, edit, import, export) without adding a quote to titles or headers', () => {
    const base: Record<string, string> = Object.fromEntries(REPORT_COLUMNS.map((name) => [name, '']));
    const formulaLike = {
      ...base,
      RecordingName: '=cmd|calc',
      RecordingLink: link(A),
      SessionName: '-5 minutes',
      '=Afdeling': '@Rechten',
    };
    // A title someone really began with a quote keeps it.
    const quoted = { ...base, RecordingName: "'=quoted on purpose", RecordingLink: link(B), '=Afdeling': '' };
    let csv = recordingReportCsv([recording(A, formulaLike), recording(B, quoted)]);
    const first = csv;
    for (let trip = 0; trip < 3; trip++) {
      // The manager opens it, edits nothing near these cells, saves it and brings it back.
      const reading = readRecordingReport(utf8(csv.replace(/\r\n$/, '\r\nnot a recording,\r\n')));
      if (!reading.ok) throw new Error(JSON.stringify(reading.problem));
      expect(reading.recordings.map((r) => r.title)).toEqual(['=cmd|calc', "'=quoted on purpose"]);
      expect(reading.recordings[0]?.columns).toEqual(formulaLike);
      csv = recordingReportCsv(reading.recordings);
      expect(csv).toBe(first);
    }
    expect(csv.split('\r\n')[0]).toContain(",'=Afdeling");
  });
});
