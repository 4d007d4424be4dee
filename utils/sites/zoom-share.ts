// A Zoom recording's share link and passcode, as the recording list's "Share" dialog gives them one at a time
// ("Copy sharing information"). Reclaim only reads them: it never changes a recording's sharing or passcode.
//
// Endpoint (from public scripts that automate the web portal, 2026-12; for SITES.md):
//   POST https://<portal host>/recording/get_recordmeet_shareinfo
//   body (form-encoded): meeting_id=<the meeting's uuid, as host-list's `meetingId`>
//   headers: the session cookie, `Zoom-Csrftoken` from /csrf_js and `X-Requested-With`, as every portal call.
//   answer: {status, errorCode, errorMessage, result} where `result` is a JSON *text* (seen parsed with
//   JSON.parse) holding `encryptMeetId`; the share link is `<portal host>/rec/share/<encryptMeetId>`.
//   Signed out: the usual {status: false, errorCode: 201}.
// The passcode's field in that answer is not shown by any public script: `recordMeetRawPassword` is what the
// newer `GET /nws/recording/1.0/share-data?meetingId=<uuid>` names it; older names are read as fallbacks.
// The same scripts call `/recording/update_meet_passwd` first, which SETS the passcode: Reclaim never does.
import { ExportError } from '../errors';
import { asObject, asText } from './json';
import type { ShareInfo } from './site';
import { isZoomOrigin, ZOOM } from './zoom';

/** The passcode as the answer may name it (newest first). */
const PASSCODE_FIELDS = ['recordMeetRawPassword', 'recordMeetPassword', 'password', 'passwd'];
/** A complete link, when the answer carries one. */
const LINK_FIELDS = ['shareUrl', 'shareLink', 'recordingShareUrl'];

/** `result` arrives as JSON text; read an object too, in case Zoom stops wrapping it. */
function resultOf(answer: Record<string, unknown>): Record<string, unknown> {
  if (typeof answer.result !== 'string') return asObject(answer.result);
  try {
    return asObject(JSON.parse(answer.result));
  } catch {
    return {};
  }
}

/** Reads a `get_recordmeet_shareinfo` answer; `portal` is the origin the link is on (the recording's own host). */
export function parseShareInfo(json: unknown, portal: string): ShareInfo {
  const answer = asObject(json);
  if (answer.status === false) {
    if (answer.errorCode === ZOOM.notSignedInCode) throw new ExportError({ code: 'session-expired', site: 'zoom' });
    throw new ExportError({ code: 'listing-failed', site: 'zoom', detail: asText(answer.errorMessage) || 'share' });
  }
  const result = resultOf(answer);
  const given = LINK_FIELDS.map((name) => asText(result[name])).find((link) => isShareLink(link));
  const id = asText(result.encryptMeetId);
  const link = given ?? (id && isZoomOrigin(portal) ? `${portal}${ZOOM.endpoints.share}${encodeURIComponent(id)}` : '');
  const passcode = PASSCODE_FIELDS.map((name) => asText(result[name])).find(Boolean) ?? '';
  return { link, passcode };
}

/** Only a link to a Zoom page is written into the list: a CSV's link is something people click. */
function isShareLink(link: string): boolean {
  try {
    return isZoomOrigin(new URL(link).origin);
  } catch {
    return false;
  }
}
