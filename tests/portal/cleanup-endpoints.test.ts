// @vitest-environment node
// The demo portal's share information (Zoom) and recording deletion (Collaborate), as SITES.md describes them:
// share info only for a signed-in page with its CSRF token; a DELETE that really deletes, shows in the log, and
// answers 403 when a test says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, startPortal } from './server.ts';
import { cookieOf, csrfToken, ZOOM_WEB } from './zoom-client.ts';
import { zoomShareOf } from './zoom-share.ts';

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(() => portal?.close());

async function shareInfo(ssid: string, meetingId: string, token?: string) {
  const answer = await portal.request(ZOOM_WEB, '/recording/get_recordmeet_shareinfo', {
    method: 'POST',
    headers: {
      ...cookieOf(ssid),
      'Content-Type': 'application/x-www-form-urlencoded',
      'Zoom-Csrftoken': token ?? (await csrfToken(portal, ssid)),
    },
    body: new URLSearchParams({ meeting_id: meetingId }).toString(),
  });
  return { status: answer.status, json: JSON.parse(answer.body.toString()) };
}

describe("Zoom's share information", () => {
  it("answers each meeting's link id and passcode as JSON text in `result`", async () => {
    const ssid = portal.zoomSession();
    const meetings = portal.dataset.zoomMeetings;
    for (const meeting of meetings.slice(0, 6)) {
      const { status, json } = await shareInfo(ssid, meeting.meetingId);
      expect(status).toBe(200);
      expect(json).toMatchObject({ status: true, errorCode: 0 });
      const result = JSON.parse(json.result);
      const share = zoomShareOf(meeting);
      expect(result).toMatchObject({ encryptMeetId: share.encryptMeetId, recordMeetRawPassword: share.passcode });
    }
    // The data set has recordings with and without a passcode, and passcodes a spreadsheet would run.
    const passcodes = meetings.map((meeting) => zoomShareOf(meeting).passcode);
    expect(passcodes).toContain('');
    expect(passcodes.some((code) => /^[+=@]/.test(code))).toBe(true);
    expect(new Set(meetings.map((meeting) => zoomShareOf(meeting).encryptMeetId)).size).toBe(meetings.length);
  });

  it('answers the logged-out JSON without a session and 403 without the CSRF token', async () => {
    const meeting = portal.dataset.zoomMeetings[0];
    const signedOut = await shareInfo('nobody', meeting?.meetingId ?? '', 'x');
    expect(signedOut.json).toMatchObject({ status: false, errorCode: 201 });
    const noCsrf = await shareInfo(portal.zoomSession(), meeting?.meetingId ?? '', 'wrong');
    expect(noCsrf.status).toBe(403);
  });
});

describe("Collaborate's DELETE /recordings/<id>", () => {
  const API_HOST = 'eu.bbcollab.com';
  const remove = (id: string, token = portal.collabToken()) =>
    portal.request(API_HOST, `/collab/api/csa/recordings/${id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}` },
    });
  const listed = async () => {
    const answer = await portal.request(API_HOST, '/collab/api/csa/recordings?limit=1000', {
      headers: { Authorization: `Bearer ${portal.collabToken()}` },
    });
    return (JSON.parse(answer.body.toString()).results as Array<{ id: string }>).map((r) => r.id);
  };

  it('deletes for good: gone from the listing, a second DELETE answers 404, the log shows each', async () => {
    portal.resetHits('collab.delete');
    const [first, second] = portal.dataset.collabRecordings.map((recording) => recording.id);
    const before = await listed();
    expect((await remove(first ?? '')).status).toBe(204);
    expect(await listed()).toEqual(before.filter((id) => id !== first));
    expect((await remove(first ?? '')).status).toBe(404);
    expect((await remove(second ?? '', 'not-a-token')).status).toBe(401);
    expect(portal.hits('collab.delete').map((hit) => [hit.method, hit.path, hit.status])).toEqual([
      ['DELETE', `/collab/api/csa/recordings/${first}`, 204],
      ['DELETE', `/collab/api/csa/recordings/${first}`, 404],
      ['DELETE', `/collab/api/csa/recordings/${second}`, 401],
    ]);
  });

  it('answers 403 for the recordings a test names, and keeps them', async () => {
    const [one, other] = portal.dataset.collabRecordings.map((recording) => recording.id);
    portal.refuseCollabDeletes([one ?? '']);
    const refused = await remove(one ?? '');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body.toString())).toMatchObject({ errorKey: 'forbidden' });
    expect(await listed()).toContain(one);
    portal.refuseCollabDeletes('all');
    expect((await remove(other ?? '')).status).toBe(403);
    portal.refuseCollabDeletes(null);
    expect((await remove(other ?? '')).status).toBe(204);
  });
});
