// "Export share links as CSV" on Zoom: the share-info answer read as the "Share" dialog shows it, asked the way
// the portal's own page asks, and written one row per recording with every cell kept as text.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ExportError } from '@/utils/errors';
import { shareLinksCsv } from '@/utils/export/share-links-csv';
import type { Recording } from '@/utils/model';
import { ZoomClient } from '@/utils/sites/zoom-client';
import { parseShareInfo } from '@/utils/sites/zoom-share';

const fixture = (name: string) => JSON.parse(readFileSync(`tests/fixtures/zoom/${name}`, 'utf8'));
const PORTAL = 'https://example.zoom.us';

const recording = (title: string, extra: Partial<Recording> = {}): Recording => ({
  site: 'zoom',
  id: '3dk8+Qz/TgmH0aX1bC2y9w==',
  title,
  startedAt: '2026-11-03T10:00:00',
  status: 'ready',
  columns: {},
  ...extra,
});

describe("Zoom's share-info answer", () => {
  it('gives the link on the portal host and the passcode, from the JSON text in `result`', () => {
    expect(parseShareInfo(fixture('share-info.json'), PORTAL)).toEqual({
      link: 'https://example.zoom.us/rec/share/h3Kq9vXw2LpT_mZr8aYc-Q0bNfUe1GiS.JkV7oPdWx4nHs2Ql',
      passcode: '+5gW.kq@',
    });
  });

  it('reads a result that is an object too, and a recording without a passcode', () => {
    const answer = { status: true, errorCode: 0, result: { encryptMeetId: 'abc.def', enablePasscode: false } };
    expect(parseShareInfo(answer, PORTAL)).toEqual({ link: `${PORTAL}/rec/share/abc.def`, passcode: '' });
  });

  it('takes a whole link Zoom gives, but only one on a Zoom host', () => {
    const given = { status: true, result: { shareUrl: 'https://org.zoom.us/rec/share/xyz', encryptMeetId: 'abc' } };
    expect(parseShareInfo(given, PORTAL).link).toBe('https://org.zoom.us/rec/share/xyz');
    const elsewhere = { status: true, result: { shareUrl: 'https://evil.example/rec/share/xyz', encryptMeetId: 'a' } };
    expect(parseShareInfo(elsewhere, PORTAL).link).toBe(`${PORTAL}/rec/share/a`);
  });

  it('reads a signed-out answer as an expired session, and another refusal as a failure', () => {
    const signedOut = () => parseShareInfo(fixture('not-signed-in.json'), PORTAL);
    expect(signedOut).toThrowError(ExportError);
    expect(signedOut).toThrowError(/session-expired/);
    expect(() => parseShareInfo({ status: false, errorCode: 3301, errorMessage: 'gone' }, PORTAL)).toThrowError(
      /listing-failed: gone/,
    );
  });
});

describe('asking Zoom for share information', () => {
  it("POSTs the meeting's uuid with the CSRF token, and never changes the passcode", async () => {
    const asked: Array<{ url: string; init?: RequestInit }> = [];
    const fetchImpl = (async (url: string, init?: RequestInit) => {
      asked.push({ url, init });
      if (url.endsWith('/csrf_js')) return new Response('ZOOM-CSRFTOKEN:TOKEN-1');
      return Response.json(fixture('share-info.json'));
    }) as typeof fetch;
    const client = new ZoomClient(PORTAL, fetchImpl);
    const vanity = recording('x', { columns: { baseUrl: 'https://uni.zoom.us' } });
    const share = await client.shareInfo(vanity);
    expect(share.link).toMatch(/^https:\/\/uni\.zoom\.us\/rec\/share\//);
    const call = asked.find((request) => request.url.includes('shareinfo'));
    expect(call?.url).toBe(`${PORTAL}/recording/get_recordmeet_shareinfo`);
    expect(call?.init?.method).toBe('POST');
    expect(String(call?.init?.body)).toBe(new URLSearchParams({ meeting_id: vanity.id }).toString());
    expect(call?.init?.headers).toMatchObject({ 'Zoom-Csrftoken': 'TOKEN-1' });
    expect(asked.some((request) => request.url.includes('update_meet_passwd'))).toBe(false);
  });
});

describe('the share links CSV', () => {
  const csv = shareLinksCsv(
    [recording('=HYPERLINK("x")'), recording('Föreläsning, "del 2"', { startedAt: '2026-11-04T14:15:00' })],
    [
      { link: `${PORTAL}/rec/share/a`, passcode: '+5gW.kq@' },
      { link: `${PORTAL}/rec/share/b`, passcode: '' },
    ],
  );
  const [header, ...rows] = Papa.parse<string[]>(csv.slice(1).trim(), { newline: '\r\n' }).data;

  it('has a byte order mark, one row per recording: topic, start, link, passcode', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(header).toEqual(['Topic', 'Start Time', 'Share Link', 'Passcode']);
    expect(rows[1]).toEqual(['Föreläsning, "del 2"', '2026-11-04 14:15', `${PORTAL}/rec/share/b`, '']);
  });

  it('keeps a topic or passcode a spreadsheet would run as a formula as text', () => {
    expect(rows[0]).toEqual(['\'=HYPERLINK("x")', '2026-11-03 10:00', `${PORTAL}/rec/share/a`, "'+5gW.kq@"]);
  });
});
