// The Zoom web portal (any *.zoom.us host but ssrweb): sign-in, the recordings pages, CSRF token, "nak"
// bearer, the host-list and detail JSON — paths and answer shapes as in SITES.md.
import type { ZoomFile, ZoomMeeting } from './dataset.ts';
import { type Exchange, header, type Route, readBody, redirect, send, sendHtml, sendJson } from './http.ts';
import {
  newZoomSession,
  type PortalState,
  SESSION_COOKIE,
  type ZoomSession,
  zoomNak,
  zoomNakValid,
  zoomSessionOf,
} from './state.ts';
import { zoomFileRoutes } from './zoom-files.ts';
import { appPage, signinPage, usDate, zoomTimeText } from './zoom-pages.ts';
import { shareInfo } from './zoom-share.ts';

export const PAGE_SIZE = 15;
export const BASE_URL = 'https://us06web.zoom.us';
/** What Zoom's JSON endpoints answer (with HTTP 200) when the session is gone. */
export const LOGGED_OUT = { status: false, errorCode: 201, errorMessage: 'User not login.', result: null };

const megabytes = (bytes: number) => (bytes === 0 ? 0 : Math.max(0.01, Math.round((bytes / 1_048_576) * 100) / 100));
const sumBytes = (files: ZoomFile[]) => files.reduce((total, file) => total + file.sizeBytes, 0);

function durationText(seconds: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
}

/** The session, or an answer already sent (redirect to sign-in for pages, the logged-out JSON for calls). */
async function requireSession(ex: Exchange, kind: 'page' | 'json'): Promise<ZoomSession | undefined> {
  const session = zoomSessionOf(ex.state, ex.req);
  if (session) {
    const bearer = /^Bearer (.+)$/i.exec(header(ex.req, 'authorization') ?? '')?.[1];
    // A nak is optional here; one that is sent must be valid (SITES.md: fetch a new one on 401).
    if (bearer === undefined || zoomNakValid(ex.state, bearer, session)) return session;
    await sendJson(ex, 401, { status: false, errorCode: 401, errorMessage: 'Unauthorized', result: null });
    return undefined;
  }
  if (kind === 'page') await redirect(ex, '/signin');
  else await sendJson(ex, 200, LOGGED_OUT);
  return undefined;
}

function sessionCookie(session: ZoomSession): string {
  return `${SESSION_COOKIE}=${session.id}; Path=/; Domain=.zoom.us; Secure; HttpOnly; SameSite=Lax`;
}

/** MM/DD/YYYY → the UTC start of that day; undefined when empty or malformed. */
function parseUsDate(text: string | null): number | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text?.trim() ?? '');
  return match ? Date.UTC(Number(match[3]), Number(match[1]) - 1, Number(match[2])) : undefined;
}

function listEntry(meeting: ZoomMeeting) {
  const files = meeting.clips.flatMap((clip) => clip.files);
  return {
    meetingId: meeting.meetingId,
    meetingNumber: meeting.meetingNumber,
    topic: meeting.topic,
    meetingStartTimeStr: zoomTimeText(meeting.start),
    meetingDurationStr: durationText(meeting.durationSec),
    fileSizeInMB: megabytes(sumBytes(files)),
    recordingCount: files.length,
    hostEmail: meeting.hostEmail,
    baseUrl: BASE_URL,
    status: meeting.status,
  };
}

function matchesSearch(meeting: ZoomMeeting, search: string, keyword: string): boolean {
  const digits = search.replace(/\s+/g, '');
  const bySearch =
    !search ||
    meeting.topic.toLowerCase().includes(search.toLowerCase()) ||
    (/^\d+$/.test(digits) && String(meeting.meetingNumber).includes(digits));
  const transcripts = meeting.clips.flatMap((clip) => clip.files).filter((file) => file.iconType === 'TRANSCRIPT');
  const byKeyword =
    !keyword || transcripts.some((file) => file.text?.toString('utf8').toLowerCase().includes(keyword.toLowerCase()));
  return bySearch && byKeyword;
}

async function hostList(ex: Exchange) {
  const session = await requireSession(ex, 'json');
  if (!session) return;
  if (header(ex.req, 'zoom-csrftoken') !== session.csrfToken) {
    // Our choice for a missing or stale CSRF token (CSRFGuard's answer is not documented publicly).
    return sendJson(ex, 403, { status: false, errorCode: 403, errorMessage: 'Invalid CSRF token', result: null });
  }
  const form = new URLSearchParams((await readBody(ex.req)).toString('utf8'));
  const from = parseUsDate(form.get('from'));
  const to = parseUsDate(form.get('to'));
  const page = Math.max(1, Number.parseInt(form.get('p') ?? '1', 10) || 1);
  const found = ex.state.zoom.meetings.filter(
    (meeting) =>
      (from === undefined || meeting.start >= from) &&
      (to === undefined || meeting.start < to + 86_400_000) &&
      matchesSearch(meeting, (form.get('search_value') ?? '').trim(), (form.get('transcript_keyword') ?? '').trim()),
  );
  const recordings = found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(listEntry);
  return sendJson(ex, 200, {
    status: true,
    errorCode: 0,
    errorMessage: null,
    result: { total_records: found.length, page_size: PAGE_SIZE, recordings },
  });
}

function fileEntry(file: ZoomFile, clipStart: number, clipEnd: number, status: ZoomMeeting['status']) {
  return {
    playId: file.playId,
    fileName: file.fileName,
    displayFileName: file.displayFileName,
    iconType: file.iconType,
    fileSizeInMB: megabytes(file.sizeBytes),
    videoFile: file.iconType === 'MP4',
    audioFile: file.iconType === 'M4A',
    transcriptFile: file.iconType === 'TRANSCRIPT',
    transcriptWebVttFile: file.iconType === 'TRANSCRIPT' || file.iconType === 'CC',
    chatFile: file.iconType === 'CHAT',
    timelineFile: file.iconType === 'TIMELINE',
    recordingStart: zoomTimeText(clipStart),
    recordingEnd: zoomTimeText(clipEnd),
    status,
  };
}

/** A uuid starting with "/" may arrive encoded twice (SITES.md); accept both. */
export function findMeeting(state: PortalState, id: string): ZoomMeeting | undefined {
  const direct = state.zoom.byMeetingId.get(id);
  if (direct) return direct;
  try {
    return state.zoom.byMeetingId.get(decodeURIComponent(id));
  } catch {
    return undefined;
  }
}

async function detail(ex: Exchange) {
  if (!(await requireSession(ex, 'json'))) return;
  const meeting = findMeeting(ex.state, ex.url.searchParams.get('meeting_id') ?? '');
  if (!meeting) {
    return sendJson(ex, 200, {
      status: false,
      errorCode: 3301,
      errorMessage: 'This recording does not exist.',
      result: null,
    });
  }
  const clipFilesResultMap = Object.fromEntries(
    meeting.clips.map((clip) => [
      String(clip.start),
      clip.files.map((file) => fileEntry(file, clip.start, clip.end, meeting.status)),
    ]),
  );
  const { meetingId, meetingNumber, topic, hostEmail, status } = meeting;
  const result = {
    meetingId,
    meetingNumber,
    topic,
    hostEmail,
    status,
    meetingStartTimeStr: zoomTimeText(meeting.start),
    clipFilesResultMap,
  };
  return sendJson(ex, 200, { status: true, errorCode: 0, errorMessage: null, result });
}

async function page(ex: Exchange) {
  if (!(await requireSession(ex, 'page'))) return;
  // The date pickers start wide enough to show every meeting, even on a machine whose clock is behind.
  const starts = ex.state.zoom.meetings.map((meeting) => meeting.start);
  const earliest = Math.min(...starts, ex.state.now());
  const latest = Math.max(...starts, ex.state.now());
  const management = ex.url.pathname.startsWith('/recording/management');
  const from = usDate(Date.UTC(new Date(earliest).getUTCFullYear(), 0, 1));
  return sendHtml(
    ex,
    200,
    appPage({ management, from, to: usDate(latest), drifted: ex.state.options.zoomMarkup === 'drifted' }),
  );
}

async function signin(ex: Exchange) {
  if (ex.method !== 'POST') {
    const expired = ex.url.searchParams.get('from') === 'download';
    return sendHtml(ex, 200, signinPage(expired ? 'Your session has expired. Please sign in again.' : undefined));
  }
  await readBody(ex.req);
  const session = newZoomSession(ex.state);
  return redirect(ex, '/recording', { 'Set-Cookie': sessionCookie(session) });
}

async function csrf(ex: Exchange) {
  if (header(ex.req, 'fetch-csrf-token') !== '1') {
    // Without the header the same path is CSRFGuard's script, not a token.
    return send(ex, 200, { 'Content-Type': 'application/javascript' }, '/* OWASP CSRFGuard */\n');
  }
  // Logged out, the answer has the same shape but the token is good for nothing.
  const token = zoomSessionOf(ex.state, ex.req)?.csrfToken ?? 'LOGGED-OUT-TOKEN';
  return send(ex, 200, { 'Content-Type': 'text/plain;charset=UTF-8' }, `ZOOM-CSRFTOKEN:${token}`);
}

async function nak(ex: Exchange) {
  const session = zoomSessionOf(ex.state, ex.req);
  if (!session) return sendJson(ex, 200, LOGGED_OUT);
  return send(ex, 200, { 'Content-Type': 'text/plain;charset=UTF-8' }, zoomNak(ex.state, session));
}

export const zoomRoutes: readonly Route[] = [
  { name: 'zoom.signin', methods: ['GET', 'HEAD', 'POST'], path: /^\/signin\/?$/, handle: signin },
  {
    name: 'zoom.recordingPage',
    methods: ['GET', 'HEAD'],
    path: /^\/(recording(\/management)?|meeting)\/?$/,
    handle: page,
  },
  { name: 'zoom.detailPage', methods: ['GET', 'HEAD'], path: /^\/recording(\/management)?\/detail\/?$/, handle: page },
  { name: 'zoom.csrf', methods: ['GET', 'POST'], path: /^\/csrf_js$/, handle: csrf },
  { name: 'zoom.nak', methods: ['POST'], path: /^\/nws\/common\/2\.0\/nak$/, handle: nak },
  { name: 'zoom.hostList', methods: ['POST'], path: /^\/nws\/recording\/1\.0\/host-list$/, handle: hostList },
  { name: 'zoom.detail', methods: ['GET'], path: /^\/nws\/recording\/1\.0\/detail$/, handle: detail },
  { name: 'zoom.shareInfo', methods: ['POST'], path: /^\/recording\/get_recordmeet_shareinfo$/, handle: shareInfo },
  ...zoomFileRoutes,
];
