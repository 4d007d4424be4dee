// How a logged-in page talks to the demo Zoom portal from Node: cookie, CSRF token, host-list, detail and
// download calls, with the headers SITES.md lists. For the portal's own tests and for e2e checks.
import type { ZoomMeeting } from './dataset.ts';
import type { Portal } from './server.ts';

export const ZOOM_WEB = 'us06web.zoom.us';

export const cookieOf = (ssid: string) => ({ Cookie: `_zm_ssid=${ssid}` });

export const readyMeetings = (portal: Portal): ZoomMeeting[] =>
  portal.dataset.zoomMeetings.filter((meeting) => meeting.status === 'completed');

export async function csrfToken(portal: Portal, ssid: string): Promise<string> {
  const answer = await portal.request(ZOOM_WEB, '/csrf_js', {
    method: 'POST',
    headers: { ...cookieOf(ssid), 'FETCH-CSRF-TOKEN': '1' },
  });
  return answer.body.toString().replace(/^ZOOM-CSRFTOKEN:/, '');
}

/** POST host-list with the page's form fields (override any of them in `fields`). */
export async function hostList(portal: Portal, ssid: string, fields: Record<string, string> = {}) {
  const form = new URLSearchParams({
    from: '',
    to: '',
    search_value: '',
    transcript_keyword: '',
    search_type: 'mixed',
    p: '1',
    search_status: '0',
    assistant_host_id: '',
    ...fields,
  });
  const answer = await portal.request(ZOOM_WEB, '/nws/recording/1.0/host-list', {
    method: 'POST',
    headers: {
      ...cookieOf(ssid),
      'Content-Type': 'application/x-www-form-urlencoded',
      'Zoom-Csrftoken': await csrfToken(portal, ssid),
      'X-Requested-With': 'XMLHttpRequest, OWASP CSRFGuard Project',
    },
    body: form.toString(),
  });
  return { status: answer.status, json: JSON.parse(answer.body.toString()) };
}

export async function meetingDetail(
  portal: Portal,
  ssid: string,
  meetingId: string,
  headers: Record<string, string> = {},
) {
  const path = `/nws/recording/1.0/detail?meeting_id=${encodeURIComponent(meetingId)}`;
  const answer = await portal.request(ZOOM_WEB, path, { headers: { ...cookieOf(ssid), ...headers } });
  return JSON.parse(answer.body.toString());
}

/** The signed ssrweb link `/rec/download/<playId>` redirects to; throws when it does not redirect. */
export async function downloadLink(portal: Portal, ssid: string, playId: string): Promise<string> {
  const answer = await portal.request(ZOOM_WEB, `/rec/download/${playId}`, { headers: cookieOf(ssid) });
  if (answer.status !== 302) throw new Error(`download answered ${answer.status}, not a redirect`);
  return String(answer.headers.location);
}
