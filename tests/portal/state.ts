// What one running portal knows: the dataset with lookup tables, the signing secret, Zoom sessions,
// Collaborate token generations and the clock (tests may move it forward to expire tokens and links).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { CollabRecording, Dataset, ZoomFile, ZoomMeeting } from './dataset.ts';
import { FaultBook } from './faults.ts';
import { cookies } from './http.ts';
import { type Claims, newSecret, signJwt, verifyJwt } from './tokens.ts';

export const SESSION_COOKIE = '_zm_ssid';
/** Zoom's "nak" bearer lives about an hour (SITES.md: 1–2 h); Collaborate's LTI token about a day. */
export const NAK_LIFETIME_SEC = 3600;
export const COLLAB_TOKEN_LIFETIME_SEC = 24 * 3600;

export interface ZoomSession {
  id: string;
  csrfToken: string;
  createdAt: number;
}

export interface ZoomFileEntry {
  meeting: ZoomMeeting;
  file: ZoomFile;
  /** The path of its signed link on ssrweb.zoom.us. */
  mediaPath: string;
}

export interface PortalOptions {
  /** Make ssrweb.zoom.us answer 403 unless the Referer is a zoom.us page (SITES.md: it "may want" one). */
  requireZoomReferer?: boolean;
  /** 'drifted': the list page as a Zoom redesign might draw it, rows without their detail links. */
  zoomMarkup?: 'vue' | 'drifted';
  /**
   * How `/rec/download/<playId>` answers a browser whose session ended (SITES.md, "Files"): 'page' (the default,
   * the harder one) sends the sign-in page itself with status 200 at the download address; 'redirect' sends the
   * browser to `/signin`.
   */
  zoomExpiredDownload?: 'page' | 'redirect';
}

export interface PortalState {
  dataset: Dataset;
  secret: Buffer;
  faults: FaultBook;
  options: PortalOptions;
  /** Milliseconds; Date.now() moved by advanceClock. */
  now(): number;
  advanceClock(ms: number): void;
  zoom: {
    sessions: Map<string, ZoomSession>;
    /** Newest first, as Zoom lists them. */
    meetings: ZoomMeeting[];
    byMeetingId: Map<string, ZoomMeeting>;
    byPlayId: Map<string, ZoomFileEntry>;
    byMediaPath: Map<string, ZoomFileEntry>;
    /** A test's switch: every Zoom session ends once this many more different files were handed out. */
    expiry?: { filesLeft: number; handedOut: Set<string> };
  };
  collab: {
    /** Tokens carry the generation they were made in; expireSessions moves it on. */
    generation: number;
    byId: Map<string, CollabRecording>;
    /** Recordings whose DELETE answers 403 ('all': every one); a test's knob. */
    refuseDeletes?: Set<string> | 'all';
  };
}

/** /replay/<yyyy>/<mm>/<dd>/<meetingNumber>/<fileName>, dated by the meeting's start (UTC). */
function zoomMediaPath(meeting: ZoomMeeting, file: ZoomFile): string {
  const date = new Date(meeting.start).toISOString().slice(0, 10).replaceAll('-', '/');
  return `/replay/${date}/${meeting.meetingNumber}/${encodeURIComponent(file.fileName)}`;
}

export function makeState(dataset: Dataset, options: PortalOptions = {}): PortalState {
  let clockOffset = 0;
  const meetings = [...dataset.zoomMeetings].sort((a, b) => b.start - a.start);
  const byPlayId = new Map<string, ZoomFileEntry>();
  const byMediaPath = new Map<string, ZoomFileEntry>();
  for (const meeting of meetings) {
    for (const file of meeting.clips.flatMap((clip) => clip.files)) {
      const entry = { meeting, file, mediaPath: zoomMediaPath(meeting, file) };
      byPlayId.set(file.playId, entry);
      byMediaPath.set(entry.mediaPath, entry);
    }
  }
  return {
    dataset,
    secret: newSecret(),
    faults: new FaultBook(),
    options,
    now: () => Date.now() + clockOffset,
    advanceClock: (ms) => {
      clockOffset += ms;
    },
    zoom: {
      sessions: new Map(),
      meetings,
      byMeetingId: new Map(meetings.map((meeting) => [meeting.meetingId, meeting])),
      byPlayId,
      byMediaPath,
    },
    collab: { generation: 1, byId: new Map(dataset.collabRecordings.map((recording) => [recording.id, recording])) },
  };
}

export function newZoomSession(state: PortalState): ZoomSession {
  const session = {
    id: randomBytes(24).toString('base64url'),
    csrfToken: randomBytes(18).toString('base64url').toUpperCase(),
    createdAt: state.now(),
  };
  state.zoom.sessions.set(session.id, session);
  return session;
}

/** The session named by the request's `_zm_ssid` cookie, if it is still valid. */
export function zoomSessionOf(state: PortalState, req: IncomingMessage): ZoomSession | undefined {
  const id = cookies(req).get(SESSION_COOKIE);
  return id ? state.zoom.sessions.get(id) : undefined;
}

export function zoomNak(state: PortalState, session: ZoomSession): string {
  const iat = Math.floor(state.now() / 1000);
  return signJwt(state.secret, { iss: 'web', aud: 'Recording', sid: session.id, iat, exp: iat + NAK_LIFETIME_SEC });
}

/** A nak is good while its session lives and until it expires. */
export function zoomNakValid(state: PortalState, token: string, session: ZoomSession): boolean {
  const claims = verifyJwt(state.secret, token, state.now());
  return claims?.sid === session.id;
}

export function collabToken(state: PortalState): string {
  const iat = Math.floor(state.now() / 1000);
  const claims: Claims = {
    iss: 'reclaim-demo-portal',
    sub: 'lti-manager',
    role: 'manager',
    gen: state.collab.generation,
    iat,
    exp: iat + COLLAB_TOKEN_LIFETIME_SEC,
  };
  return signJwt(state.secret, claims);
}

export function collabTokenValid(state: PortalState, token: string): boolean {
  return verifyJwt(state.secret, token, state.now())?.gen === state.collab.generation;
}

/**
 * Counts a file handed out by `/rec/download` (each file once, however often it is asked for again); when the
 * switch set by a test runs out, every Zoom session ends, as when a session times out in the middle of an export.
 */
export function countZoomDownload(state: PortalState, playId: string): void {
  const expiry = state.zoom.expiry;
  if (!expiry || expiry.handedOut.has(playId)) return;
  expiry.handedOut.add(playId);
  if (expiry.handedOut.size < expiry.filesLeft) return;
  state.zoom.sessions.clear();
  state.zoom.expiry = undefined;
}

/** Every Zoom session and Collaborate token stops working; new sign-ins and new tokens work. */
export function expireSessions(state: PortalState): void {
  state.zoom.sessions.clear();
  state.collab.generation += 1;
}
