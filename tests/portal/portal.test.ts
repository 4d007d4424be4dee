// @vitest-environment node
// The Zoom half of the demo portal follows SITES.md: listing, CSRF, nak, detail answers, sign-in and pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ZoomMeeting, zoomFiles } from './dataset.ts';
import { type Portal, startPortal } from './server.ts';
import {
  cookieOf,
  csrfToken as csrfOf,
  hostList as hostListOf,
  meetingDetail,
  readyMeetings as readyOf,
  ZOOM_WEB as WEB,
} from './zoom-client.ts';

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(() => portal?.close());

const csrfToken = (ssid: string) => csrfOf(portal, ssid);
const hostList = (ssid: string, fields: Record<string, string> = {}) => hostListOf(portal, ssid, fields);
const detail = (ssid: string, meetingId: string, headers: Record<string, string> = {}) =>
  meetingDetail(portal, ssid, meetingId, headers);
const readyMeetings = () => readyOf(portal);

describe('Zoom listing', () => {
  it('pages 48 meetings as 15, 15, 15 and 3, newest first', async () => {
    const ssid = portal.zoomSession();
    const pages = await Promise.all(['1', '2', '3', '4', '5'].map((p) => hostList(ssid, { p })));
    expect(pages.map((page) => page.json.result.recordings.length)).toEqual([15, 15, 15, 3, 0]);
    expect(pages[0]?.json).toMatchObject({ status: true, errorCode: 0, result: { total_records: 48 } });
    const first = pages[0]?.json.result.recordings[0];
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining([
        'meetingId',
        'meetingNumber',
        'topic',
        'meetingStartTimeStr',
        'meetingDurationStr',
        'fileSizeInMB',
        'recordingCount',
        'hostEmail',
        'baseUrl',
      ]),
    );
    expect(first.baseUrl).toBe('https://us06web.zoom.us');
    const starts = pages.flatMap((page) =>
      page.json.result.recordings.map(
        (rec: { meetingId: string }) =>
          portal.dataset.zoomMeetings.find((m) => m.meetingId === rec.meetingId)?.start ?? 0,
      ),
    );
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it('filters by search text, meeting number and date range', async () => {
    const ssid = portal.zoomSession();
    const byTopic = await hostList(ssid, { search_value: 'statistiek' });
    expect(byTopic.json.result.recordings.map((rec: { topic: string }) => rec.topic)).toEqual(
      expect.arrayContaining(['Werkcollege "Statistiek" <groep B>']),
    );
    const meeting = portal.dataset.zoomMeetings[0] as ZoomMeeting;
    const byNumber = await hostList(ssid, { search_value: String(meeting.meetingNumber) });
    expect(
      byNumber.json.result.recordings.every(
        (rec: { meetingNumber: number }) => rec.meetingNumber === meeting.meetingNumber,
      ),
    ).toBe(true);
    const october = await hostList(ssid, { from: '10/01/2026', to: '10/31/2026' });
    const inOctober = portal.dataset.zoomMeetings.filter((m) => new Date(m.start).getUTCMonth() === 9).length;
    expect(october.json.result.total_records).toBe(inOctober);
  });

  it('answers like a logged-out Zoom without a session, and 403 without the CSRF token', async () => {
    const loggedOut = { status: false, errorCode: 201, errorMessage: 'User not login.', result: null };
    const token = await portal.request(WEB, '/csrf_js', { method: 'POST', headers: { 'FETCH-CSRF-TOKEN': '1' } });
    expect(token.body.toString()).toMatch(/^ZOOM-CSRFTOKEN:\S+$/);
    const list = await portal.request(WEB, '/nws/recording/1.0/host-list', {
      method: 'POST',
      headers: { 'Zoom-Csrftoken': token.body.toString().slice(15) },
      body: 'p=1',
    });
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body.toString())).toEqual(loggedOut);
    expect(await detail('no-such-session', readyMeetings()[0]?.meetingId ?? '')).toEqual(loggedOut);
    const ssid = portal.zoomSession();
    const noCsrf = await portal.request(WEB, '/nws/recording/1.0/host-list', {
      method: 'POST',
      headers: cookieOf(ssid),
      body: 'p=1',
    });
    expect(noCsrf.status).toBe(403);
  });

  it('gives a CSRF token bound to the session', async () => {
    const ssid = portal.zoomSession();
    const token = await csrfToken(ssid);
    expect(token).toMatch(/^[A-Z0-9_-]{10,}$/);
    expect(await csrfToken(ssid)).toBe(token);
    expect(await csrfToken(portal.zoomSession())).not.toBe(token);
  });

  it('describes a meeting with several clips, MB sizes only', async () => {
    const ssid = portal.zoomSession();
    const meeting = readyMeetings().find((m) => m.clips.length === 3) as ZoomMeeting;
    const answer = await detail(ssid, meeting.meetingId);
    const clips = answer.result.clipFilesResultMap;
    expect(Object.keys(clips)).toEqual(meeting.clips.map((clip) => String(clip.start)));
    const files = Object.values(clips).flat() as Record<string, unknown>[];
    expect(files).toHaveLength(zoomFiles(meeting).length);
    for (const file of files) {
      expect(Object.keys(file)).toEqual(
        expect.arrayContaining([
          'playId',
          'fileName',
          'displayFileName',
          'iconType',
          'fileSizeInMB',
          'videoFile',
          'audioFile',
          'transcriptFile',
          'transcriptWebVttFile',
          'chatFile',
        ]),
      );
      expect(file).not.toHaveProperty('fileSize');
    }
    expect(files.filter((file) => file.iconType === 'MP4').every((file) => file.videoFile === true)).toBe(true);
  });

  it('finds a meeting whose uuid starts with "/" encoded once or twice', async () => {
    const ssid = portal.zoomSession();
    const meeting = portal.dataset.zoomMeetings.find((m) => m.meetingId.startsWith('/')) as ZoomMeeting;
    expect((await detail(ssid, meeting.meetingId)).result.topic).toBe(meeting.topic);
    expect((await detail(ssid, encodeURIComponent(meeting.meetingId))).result.topic).toBe(meeting.topic);
  });

  it('gives a nak JWT that works as bearer until it expires', async () => {
    const ssid = portal.zoomSession();
    const nak = (
      await portal.request(WEB, '/nws/common/2.0/nak?pms=Recording&pms=RecordingContent', {
        method: 'POST',
        headers: cookieOf(ssid),
      })
    ).body.toString();
    expect(nak.split('.')).toHaveLength(3);
    const meetingId = readyMeetings()[0]?.meetingId ?? '';
    expect((await detail(ssid, meetingId, { Authorization: `Bearer ${nak}` })).status).toBe(true);
    portal.advanceClock(2 * 3600_000);
    const stale = await portal.request(WEB, `/nws/recording/1.0/detail?meeting_id=${encodeURIComponent(meetingId)}`, {
      headers: { ...cookieOf(ssid), Authorization: `Bearer ${nak}` },
    });
    expect(stale.status).toBe(401);
  });
});

describe('Zoom sign-in and pages', () => {
  it('redirects pages to sign-in, and sign-in sets the session cookie', async () => {
    expect((await portal.request(WEB, '/recording')).headers.location).toBe('/signin');
    const signin = await portal.request(WEB, '/signin');
    expect(signin.body.toString()).toContain('>Sign in</button>');
    const posted = await portal.request(WEB, '/signin', { method: 'POST', body: 'email=a&password=b' });
    expect(posted.status).toBe(302);
    expect(posted.headers.location).toBe('/recording');
    const cookie = String(posted.headers['set-cookie']);
    expect(cookie).toMatch(/^_zm_ssid=[\w-]+; Path=\/; Domain=\.zoom\.us; Secure; HttpOnly; SameSite=Lax/);
    const page = await portal.request(WEB, '/recording/management', {
      headers: { Cookie: cookie.split(';')[0] ?? '' },
    });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<div id="app"><nav class="zm-nav">');
  });
});
