// Zoom's "Share" dialog data: `POST /recording/get_recordmeet_shareinfo` (SITES.md, "Files"; the adapter's
// zoom-share.ts says what public scripts show of it). Each meeting's link id and passcode are derived from its
// uuid, so tests compute what a share list must hold without the portal.
import { createHash } from 'node:crypto';
import type { ZoomMeeting } from './dataset.ts';
import { type Exchange, header, readBody, sendJson } from './http.ts';
import { zoomSessionOf } from './state.ts';
import { findMeeting, LOGGED_OUT } from './zoom.ts';

// Zoom's generated recording passcodes mix letters, digits and symbols; some start with a symbol a spreadsheet
// would take for a formula (+ = @), which a CSV must keep as text.
const PASSCODE_CHARS = '+=@Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Jj9Kk.Mm*Nn^Pp$Qq#Rr!';

export interface ZoomShare {
  encryptMeetId: string;
  /** '' for a recording shared without a passcode (one in three). */
  passcode: string;
}

export function zoomShareOf(meeting: ZoomMeeting): ZoomShare {
  const hash = createHash('sha256').update(`share:${meeting.meetingId}`).digest();
  const encryptMeetId = `${hash.subarray(0, 24).toString('base64url')}.${hash.subarray(24, 32).toString('base64url')}`;
  const chars = Array.from(hash.subarray(8, 16), (byte) => PASSCODE_CHARS[byte % PASSCODE_CHARS.length]);
  // One passcode in four starts with a symbol, so that any page of the list has a few.
  if ((hash[1] ?? 0) % 4 === 0) chars[0] = PASSCODE_CHARS[(hash[2] ?? 0) % 3];
  const passcode = (hash[0] ?? 0) % 3 === 0 ? '' : chars.join('');
  return { encryptMeetId, passcode };
}

export async function shareInfo(ex: Exchange) {
  const session = zoomSessionOf(ex.state, ex.req);
  if (!session) return sendJson(ex, 200, LOGGED_OUT);
  if (header(ex.req, 'zoom-csrftoken') !== session.csrfToken) {
    return sendJson(ex, 403, { status: false, errorCode: 403, errorMessage: 'Invalid CSRF token', result: null });
  }
  const form = new URLSearchParams((await readBody(ex.req)).toString('utf8'));
  const meeting = findMeeting(ex.state, form.get('meeting_id') ?? '');
  if (!meeting) {
    return sendJson(ex, 200, { status: false, errorCode: 3301, errorMessage: 'This recording does not exist.' });
  }
  const share = zoomShareOf(meeting);
  // The result is JSON text inside the JSON, as public scripts read it (JSON.parse(data.result)).
  const result = JSON.stringify({
    meetingId: meeting.meetingId,
    topic: meeting.topic,
    encryptMeetId: share.encryptMeetId,
    recordMeetRawPassword: share.passcode,
    enablePasscode: share.passcode !== '',
  });
  return sendJson(ex, 200, { status: true, errorCode: 0, errorMessage: null, result });
}
