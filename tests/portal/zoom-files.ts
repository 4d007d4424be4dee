// Zoom file downloads: `<baseUrl>/rec/download/<playId>` checks the session and redirects to a signed,
// short-lived link on ssrweb.zoom.us, which serves the bytes with Range support (SITES.md, "Files").
import { type Exchange, header, type Route, redirect, sendHtml, sendJson, sendXmlError } from './http.ts';
import { serveFile } from './serve-file.ts';
import { countZoomDownload, zoomSessionOf } from './state.ts';
import { attachmentDisposition, checkSignedLink, signedQuery } from './tokens.ts';
import { signinPage } from './zoom-pages.ts';

export const MEDIA_HOST = 'ssrweb.zoom.us';
/** How long a signed ssrweb link works; a download that resumes later must ask /rec/download again. */
export const LINK_LIFETIME_SEC = 3600;

async function download(ex: Exchange, match: RegExpExecArray) {
  const { state } = ex;
  if (!zoomSessionOf(state, ex.req)) {
    // The expired-session trap: the "download" ends on a small HTML sign-in page, not media; at the download
    // address itself with status 200 unless the portal was asked for the kinder redirect.
    if (state.options.zoomExpiredDownload === 'redirect') return redirect(ex, '/signin?from=download');
    return sendHtml(ex, 200, signinPage('Your session has expired. Please sign in again.'));
  }
  let playId = match[1] ?? '';
  try {
    playId = decodeURIComponent(playId);
  } catch {
    // keep it as sent
  }
  const entry = state.zoom.byPlayId.get(playId);
  if (!entry) {
    return sendJson(ex, 200, { status: false, errorCode: 3001, errorMessage: 'This recording does not exist.' });
  }
  if (entry.meeting.status === 'processing') {
    return sendJson(ex, 200, { status: false, errorCode: 3301, errorMessage: 'This recording is being processed' });
  }
  const expires = Math.floor(state.now() / 1000) + LINK_LIFETIME_SEC;
  const query = signedQuery(state.secret, entry.mediaPath, expires, attachmentDisposition(entry.file.fileName));
  // The signed link works without the session: a file handed out just before the session ends still arrives.
  countZoomDownload(state, playId);
  return redirect(ex, `https://${MEDIA_HOST}${entry.mediaPath}?${query}`);
}

async function media(ex: Exchange) {
  const { state } = ex;
  const entry = state.zoom.byMediaPath.get(ex.url.pathname);
  if (!entry) return sendXmlError(ex, 404, 'NoSuchKey', 'The specified key does not exist.');
  const check = checkSignedLink(state.secret, ex.url.pathname, ex.url.searchParams, state.now());
  if (check === 'expired') return sendXmlError(ex, 403, 'AccessDenied', 'Request has expired');
  if (check !== 'ok') return sendXmlError(ex, 403, 'AccessDenied', 'Access denied');
  if (
    state.options.requireZoomReferer &&
    !/^https:\/\/([a-z0-9-]+\.)*zoom\.us\//.test(header(ex.req, 'referer') ?? '')
  ) {
    return sendXmlError(ex, 403, 'AccessDenied', 'Access denied');
  }
  const disposition = ex.url.searchParams.get('response-content-disposition') ?? undefined;
  return serveFile(ex, entry.file, disposition);
}

export const zoomFileRoutes: readonly Route[] = [
  { name: 'zoom.download', methods: ['GET', 'HEAD'], path: /^\/rec\/download\/([^/?]+)$/, handle: download },
];

export const zoomMediaRoutes: readonly Route[] = [
  { name: 'zoom.media', methods: ['GET', 'HEAD'], path: /^\/replay\//, handle: media },
];
