// Blackboard Collaborate Ultra: the CSA REST API on <region>.bbcollab.com/collab/api/csa with the LTI token
// as bearer, its signed media/chat/caption links, and the scheduler page (SITES.md, "Blackboard Collaborate").
import type { OutgoingHttpHeaders } from 'node:http';
import { schedulerPage } from './collab-page.ts';
import type { CollabRecording } from './dataset.ts';
import { type Exchange, header, type Route, send, sendHtml, sendJson, sendXmlError } from './http.ts';
import { serveFile } from './serve-file.ts';
import { collabTokenValid } from './state.ts';
import { attachmentDisposition, checkSignedLink, signedQuery } from './tokens.ts';

const API = '/collab/api/csa';
const MAX_LIMIT = 1000;
/** Chat and caption links in a data answer stay valid this long. */
const DATA_LINK_LIFETIME_SEC = 6 * 3600;

/** eu-lti.bbcollab.com and eu.bbcollab.com both → https://eu.bbcollab.com */
export function apiOrigin(host: string): string {
  return `https://${host.replace(/^([a-z0-9]+)-lti\./, '$1.')}`;
}

/** The scheduler page runs on <region>-lti.bbcollab.com and calls the API cross-origin. */
function cors(ex: Exchange): OutgoingHttpHeaders {
  const origin = header(ex.req, 'origin');
  if (!origin || !/^https:\/\/[a-z0-9-]+\.bbcollab\.com$/.test(origin)) return {};
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Expose-Headers': 'Content-Length' };
}

const apiError = (ex: Exchange, status: number, errorKey: string, errorMessage: string) =>
  sendJson(ex, status, { errorKey, errorMessage, status }, cors(ex));

/** Answers 401 (and returns false) unless the request carries a current token. */
async function authorized(ex: Exchange): Promise<boolean> {
  const token = /^Bearer (.+)$/i.exec(header(ex.req, 'authorization') ?? '')?.[1];
  if (token && collabTokenValid(ex.state, token)) return true;
  await apiError(ex, 401, 'unauthorized', 'Missing, invalid or expired token');
  return false;
}

function endTime(recording: CollabRecording): string {
  return new Date(Date.parse(recording.startTime) + recording.duration).toISOString();
}

function recordingJson(recording: CollabRecording) {
  const { media, chats, chatFile, subtitles, ...fields } = recording;
  return { ...fields, endTime: endTime(recording) };
}

function signedLink(ex: Exchange, recording: CollabRecording, file: string, lifetimeSec: number, disposition?: string) {
  const path = `/media/${recording.id}/${file}`;
  const expires = Math.floor(ex.state.now() / 1000) + lifetimeSec;
  return `${apiOrigin(ex.host)}${path}?${signedQuery(ex.state.secret, path, expires, disposition)}`;
}

const SORT_KEYS: Record<string, (recording: CollabRecording) => string | number> = {
  endTime: (recording) => endTime(recording),
  startTime: (recording) => recording.startTime,
  created: (recording) => recording.created,
  modified: (recording) => recording.modified,
  name: (recording) => recording.name.toLowerCase(),
  duration: (recording) => recording.duration,
};

async function list(ex: Exchange) {
  if (!(await authorized(ex))) return;
  const query = ex.url.searchParams;
  const from = Date.parse(query.get('startTime') ?? '');
  const to = Date.parse(query.get('endTime') ?? '');
  const name = (query.get('name') ?? '').toLowerCase();
  const contextId = query.get('contextId');
  const found = ex.state.dataset.collabRecordings.filter(
    (recording) =>
      (Number.isNaN(from) || Date.parse(recording.startTime) >= from) &&
      (Number.isNaN(to) || Date.parse(recording.startTime) <= to) &&
      (!name || recording.name.toLowerCase().includes(name)) &&
      (!contextId || recording.contextId === contextId),
  );
  const key = SORT_KEYS[query.get('sort') ?? 'endTime'] ?? SORT_KEYS.endTime;
  const direction = query.get('order') === 'asc' ? 1 : -1;
  if (key) found.sort((a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0));
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number.parseInt(query.get('limit') ?? '', 10) || MAX_LIMIT));
  const offset = Math.max(0, Number.parseInt(query.get('offset') ?? '', 10) || 0);
  const results = found.slice(offset, offset + limit).map(recordingJson);
  return sendJson(ex, 200, { size: found.length, limit, offset, results }, cors(ex));
}

/** The recording named in the path, or undefined after answering 404 / 403 (public link not allowed). */
async function recordingFor(ex: Exchange, match: RegExpExecArray, needsPublicLink: boolean) {
  if (!(await authorized(ex))) return undefined;
  const recording = ex.state.collab.byId.get(match[1] ?? '');
  if (!recording) {
    await apiError(ex, 404, 'notFound', 'Recording not found');
    return undefined;
  }
  if (needsPublicLink && !recording.publicLinkAllowed) {
    await apiError(ex, 403, 'forbidden', 'Public link access is not allowed for this recording');
    return undefined;
  }
  return recording;
}

async function one(ex: Exchange, match: RegExpExecArray) {
  const recording = await recordingFor(ex, match, false);
  if (recording) await sendJson(ex, 200, recordingJson(recording), cors(ex));
}

async function url(ex: Exchange, match: RegExpExecArray) {
  const recording = await recordingFor(ex, match, true);
  if (!recording) return;
  const query = ex.url.searchParams;
  const hours = Number(query.get('validHours') ?? 0) || 0;
  const minutes = query.has('validMinutes') ? Number(query.get('validMinutes')) || 0 : 30;
  const lifetime = Math.max(60, hours * 3600 + minutes * 60);
  const disposition =
    query.get('disposition') === 'download' ? attachmentDisposition(`${recording.name}.mp4`) : undefined;
  await sendJson(ex, 200, { url: signedLink(ex, recording, 'recording.mp4', lifetime, disposition) }, cors(ex));
}

async function data(ex: Exchange, match: RegExpExecArray) {
  const recording = await recordingFor(ex, match, true);
  if (!recording) return;
  const media = signedLink(ex, recording, 'recording.mp4', DATA_LINK_LIFETIME_SEC);
  const { subtitles } = recording;
  await sendJson(
    ex,
    200,
    {
      id: recording.id,
      name: recording.name,
      created: recording.created,
      duration: recording.duration,
      mediaDownloadUrl: media,
      extStreams: [{ streamUrl: media, contentType: 'video/mp4' }],
      chats: recording.chatFile ? [{ url: signedLink(ex, recording, 'chat.json', DATA_LINK_LIFETIME_SEC) }] : [],
      subtitles: subtitles
        ? [
            {
              url: signedLink(ex, recording, 'subtitles.vtt', DATA_LINK_LIFETIME_SEC),
              lang: subtitles.lang,
              label: subtitles.label,
            },
          ]
        : [],
    },
    cors(ex),
  );
}

/** Signed links need no token (like the real S3 links); they do expire. */
async function signedFile(ex: Exchange, match: RegExpExecArray) {
  const recording = ex.state.collab.byId.get(match[1] ?? '');
  const kind = match[2];
  const file =
    kind === 'recording.mp4'
      ? recording?.media
      : kind === 'chat.json'
        ? recording?.chatFile
        : recording?.subtitles?.file;
  if (!file) return sendXmlError(ex, 404, 'NoSuchKey', 'The specified key does not exist.');
  const check = checkSignedLink(ex.state.secret, ex.url.pathname, ex.url.searchParams, ex.state.now());
  if (check === 'expired') return sendXmlError(ex, 403, 'AccessDenied', 'Request has expired');
  if (check !== 'ok') return sendXmlError(ex, 403, 'AccessDenied', 'Access denied');
  return serveFile(ex, file, ex.url.searchParams.get('response-content-disposition') ?? undefined);
}

/**
 * `DELETE /recordings/<id>` (SITES.md): the recording is gone for good, from the listing too. A test's knob
 * (`refuseCollabDeletes`) makes it answer 403, as for a token whose role may not delete.
 */
async function remove(ex: Exchange, match: RegExpExecArray) {
  const recording = await recordingFor(ex, match, false);
  if (!recording) return;
  const refused = ex.state.collab.refuseDeletes;
  if (refused === 'all' || refused?.has(recording.id)) {
    return apiError(ex, 403, 'forbidden', 'Not allowed to delete this recording');
  }
  ex.state.collab.byId.delete(recording.id);
  const list = ex.state.dataset.collabRecordings;
  list.splice(list.indexOf(recording), 1);
  return send(ex, 204, cors(ex));
}

async function preflight(ex: Exchange) {
  const headers = {
    ...cors(ex),
    'Access-Control-Allow-Methods': 'GET, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
  };
  return send(ex, 204, headers);
}

async function scheduler(ex: Exchange) {
  return sendHtml(ex, 200, schedulerPage(apiOrigin(ex.host) + API));
}

const ID = '([0-9a-f]{32})';
const GET = ['GET', 'HEAD'];

export const collabRoutes: readonly Route[] = [
  { name: 'collab.scheduler', methods: GET, path: /^\/collab\/ui\/scheduler(\/.*)?$/, handle: scheduler },
  { name: 'collab.preflight', methods: ['OPTIONS'], path: /^\/collab\/api\/csa\//, handle: preflight },
  { name: 'collab.recordings', methods: GET, path: /^\/collab\/api\/csa\/recordings\/?$/, handle: list },
  { name: 'collab.recording', methods: GET, path: new RegExp(`^${API}/recordings/${ID}$`), handle: one },
  { name: 'collab.delete', methods: ['DELETE'], path: new RegExp(`^${API}/recordings/${ID}$`), handle: remove },
  { name: 'collab.url', methods: GET, path: new RegExp(`^${API}/recordings/${ID}/url$`), handle: url },
  { name: 'collab.data', methods: GET, path: new RegExp(`^${API}/recordings/${ID}/data(/secure)?$`), handle: data },
  { name: 'collab.media', methods: GET, path: new RegExp(`^/media/${ID}/(recording\\.mp4)$`), handle: signedFile },
  { name: 'collab.chat', methods: GET, path: new RegExp(`^/media/${ID}/(chat\\.json)$`), handle: signedFile },
  { name: 'collab.subtitles', methods: GET, path: new RegExp(`^/media/${ID}/(subtitles\\.vtt)$`), handle: signedFile },
];

/** The LTI host serves only the scheduler page. */
export const collabLtiRoutes: readonly Route[] = collabRoutes.filter((route) => route.name === 'collab.scheduler');
