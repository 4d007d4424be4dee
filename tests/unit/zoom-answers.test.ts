import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExportError } from '@/utils/errors';
import { parseDetail, parseDetailRecording, parseHostList, zoomReportColumns } from '@/utils/sites/zoom';

const fixture = (name: string) => JSON.parse(readFileSync(`tests/fixtures/zoom/${name}`, 'utf8'));

describe("Zoom's host-list answer", () => {
  const { total, recordings } = parseHostList(fixture('host-list.json'));

  it('keeps every row with an id and the total the platform reports', () => {
    expect(total).toBe(17);
    expect(recordings.map((r) => r.id)).toEqual([
      '3dk8+Qz/TgmH0aX1bC2y9w==',
      '/Lq0mZ3xR2uQ8yPp1vWk4A==',
      'Ab12Cd34Ef56Gh78Ij90Kl==',
    ]);
  });

  it('maps topic, host, start time and size', () => {
    const [first, second] = recordings;
    expect(first).toMatchObject({
      site: 'zoom',
      title: 'Föreläsning 4 – Ekonomi & juridik',
      owner: 'teacher@example.edu',
      startedAt: '2026-11-03T10:00:00',
      sizeBytes: Math.round(1234.5 * 1024 * 1024),
      status: 'ready',
    });
    expect(second?.startedAt).toBe('2026-11-04T14:15:00');
    expect(second?.sizeBytes).toBe(Math.round(12.25 * 1024 * 1024));
  });

  it('keeps the platform row verbatim for reports, numbers as text', () => {
    expect(recordings[0]?.columns).toMatchObject({ meetingNumber: '84512367890', baseUrl: 'https://us06web.zoom.us' });
    expect(recordings[1]?.columns.meetingNumber).toBe('91234567812');
    expect(recordings.slice(0, 2).map((r) => r.shownId)).toEqual(['84512367890', '91234567812']);
  });

  it("gives Zoom's own list export columns, the size as `1,234.5 MB (5 Files)`", () => {
    expect(recordings.map(zoomReportColumns)).toEqual([
      {
        'Host Email': 'teacher@example.edu',
        'Meeting ID': '84512367890',
        Topic: 'Föreläsning 4 – Ekonomi & juridik',
        'Start Time': 'Nov 3, 2026 10:00 AM',
        'File Size': '1,234.5 MB (5 Files)',
      },
      expect.objectContaining({ 'Host Email': '', 'Meeting ID': '91234567812', 'File Size': '12.25 MB (3 Files)' }),
      expect.objectContaining({ 'Meeting ID': expect.any(String) }),
    ]);
  });

  it('marks a recording that is still processing', () => {
    expect(recordings[2]?.status).toBe('processing');
  });

  it('reads a signed-out answer as an expired session', () => {
    expect(() => parseHostList(fixture('not-signed-in.json'))).toThrowError(ExportError);
    try {
      parseHostList(fixture('not-signed-in.json'));
    } catch (error) {
      expect((error as ExportError).info).toEqual({ code: 'session-expired', site: 'zoom' });
    }
  });

  it('survives an answer with missing parts', () => {
    expect(parseHostList({})).toEqual({ total: 0, recordings: [] });
    expect(parseHostList({ result: { recordings: 'nope' } }).recordings).toEqual([]);
  });
});

describe("Zoom's detail answer", () => {
  const files = parseDetail(fixture('detail-two-clips.json'), 'https://us06web.zoom.us');

  it('lists every file of every clip, earliest clip first, skipping files without a play id', () => {
    expect(files.map((f) => [f.id, f.clip])).toEqual([
      ['p-Xx0_a', 1],
      ['p-Xx0_b', 1],
      ['p-Xx0_c', 1],
      ['p-Xx1_a', 2],
      ['p-Xx1_b', 2],
      ['p-Xx1_c', 2],
      ['p-Xx1_d', 2],
    ]);
  });

  it('gives each file its kind, view, extension, size and download address', () => {
    const byId = Object.fromEntries(files.map((f) => [f.id, f]));
    expect(byId['p-Xx0_a']).toEqual({
      id: 'p-Xx0_a',
      kind: 'video',
      view: 'Shared screen with speaker view',
      viewChoice: 'speaker',
      clip: 1,
      ext: 'mp4',
      sizeBytes: 800 * 1024 * 1024,
      url: 'https://us06web.zoom.us/rec/download/p-Xx0_a',
    });
    expect(byId['p-Xx0_b']).toMatchObject({ kind: 'captions', ext: 'vtt', view: undefined });
    expect(byId['p-Xx0_c']).toMatchObject({ kind: 'timeline', ext: 'json', sizeBytes: undefined });
    expect(byId['p-Xx1_b']).toMatchObject({ kind: 'audio', ext: 'm4a' });
    expect(byId['p-Xx1_c']).toMatchObject({ kind: 'transcript', ext: 'vtt' });
    expect(byId['p-Xx1_d']).toMatchObject({ kind: 'chat', ext: 'txt' });
  });

  it('numbers no clips when a meeting has one', () => {
    const single = parseDetail(
      { result: { clipFilesResultMap: { '1': [{ playId: 'a/b', iconType: 'MP4', fileName: 'x.mp4' }] } } },
      'https://zoom.us',
    );
    expect(single).toEqual([
      {
        id: 'a/b',
        kind: 'video',
        view: undefined,
        viewChoice: 'other',
        clip: undefined,
        ext: 'mp4',
        sizeBytes: undefined,
        url: 'https://zoom.us/rec/download/a%2Fb',
      },
    ]);
  });

  it('tells the views apart as the choices the user makes', () => {
    const byId = Object.fromEntries(files.map((f) => [f.id, f]));
    expect(byId['p-Xx1_a']?.viewChoice).toBe('gallery');
    expect(byId['p-Xx1_b']?.viewChoice).toBeUndefined();
  });

  it('describes the meeting itself for its detail page', () => {
    expect(parseDetailRecording(fixture('detail-two-clips.json'))).toEqual({
      site: 'zoom',
      id: '3dk8+Qz/TgmH0aX1bC2y9w==',
      title: 'Föreläsning 4 – Ekonomi & juridik',
      shownId: '84512367890',
      owner: 'teacher@example.edu',
      startedAt: '2026-11-03T09:00:00',
      sizeBytes: Math.round(1140.66 * 1024 * 1024),
      status: 'ready',
      columns: {
        meetingId: '3dk8+Qz/TgmH0aX1bC2y9w==',
        meetingNumber: '84512367890',
        topic: 'Föreläsning 4 – Ekonomi & juridik',
        hostEmail: 'teacher@example.edu',
        meetingStartTimeStr: 'Nov 3, 2026 09:00 AM',
        fileSizeInMB: '1140.66',
        recordingCount: '7',
      },
    });
    expect(parseDetailRecording({ status: true, result: {} })).toBeNull();
    expect(() => parseDetailRecording(fixture('not-signed-in.json'))).toThrowError(/session-expired/);
  });

  it('reads a signed-out answer as an expired session', () => {
    expect(() => parseDetail(fixture('not-signed-in.json'), 'https://zoom.us')).toThrowError(/session-expired/);
  });
});
