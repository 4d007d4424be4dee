// @vitest-environment node
// Zoom downloads on the demo portal: the redirect to a signed ssrweb link, exact bytes with Range, refusals
// (bad signature, expired session, processing), and the fault switches and hit records tests rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ZoomMeeting, zoomFiles } from './dataset.ts';
import { mediaChunk } from './media.ts';
import { type Portal, startPortal } from './server.ts';
import { cookieOf, downloadLink as linkOf, readyMeetings as readyOf, ZOOM_WEB as WEB } from './zoom-client.ts';

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(() => portal?.close());

const readyMeetings = () => readyOf(portal);
const downloadLink = (ssid: string, playId: string) => linkOf(portal, ssid, playId);

describe('Zoom downloads', () => {
  const mp4 = () => zoomFiles(readyMeetings()[1] as ZoomMeeting).find((file) => file.iconType === 'MP4');

  it('redirects to a signed ssrweb link that serves the exact bytes', async () => {
    const file = mp4();
    if (!file) throw new Error('dataset has no MP4');
    const link = await downloadLink(portal.zoomSession(), file.playId);
    expect(link).toMatch(
      /^https:\/\/ssrweb\.zoom\.us\/replay\/\d{4}\/\d{2}\/\d{2}\/\d+\/GMT\d{8}-\d{6}_Recording.*\.mp4\?.*Expires=\d+&Signature=[\w-]+&Key-Pair-Id=demo$/,
    );
    const whole = await portal.requestUrl(link);
    expect(whole.status).toBe(200);
    expect(whole.headers).toMatchObject({
      'content-type': 'video/mp4',
      'content-length': String(file.sizeBytes),
      'accept-ranges': 'bytes',
    });
    expect(whole.headers.etag).toBeTruthy();
    expect(whole.headers['last-modified']).toBeTruthy();
    expect(whole.headers['content-disposition']).toContain(file.fileName);
    expect(whole.body.equals(mediaChunk(file.fileKey, file.sizeBytes, 0, file.sizeBytes))).toBe(true);

    const part = await portal.requestUrl(link, { headers: { Range: 'bytes=1000-70999' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-70999/${file.sizeBytes}`);
    expect(part.body.equals(mediaChunk(file.fileKey, file.sizeBytes, 1000, 71000))).toBe(true);
    const rest = await portal.requestUrl(link, { headers: { Range: `bytes=${file.sizeBytes - 10}-` } });
    expect(rest.body.equals(mediaChunk(file.fileKey, file.sizeBytes, file.sizeBytes - 10, file.sizeBytes))).toBe(true);
    expect((await portal.requestUrl(link, { headers: { Range: `bytes=${file.sizeBytes}-` } })).status).toBe(416);
    const changed = await portal.requestUrl(link, { headers: { Range: 'bytes=0-9', 'If-Range': '"other"' } });
    expect(changed.status).toBe(200);
    const same = await portal.requestUrl(link, {
      headers: { Range: 'bytes=0-9', 'If-Range': String(whole.headers.etag) },
    });
    expect(same.status).toBe(206);
  });

  it('serves text files (transcript, chat) as their exact text', async () => {
    const file = readyMeetings()
      .flatMap(zoomFiles)
      .find((f) => f.iconType === 'TRANSCRIPT');
    if (!file?.text) throw new Error('dataset has no transcript');
    const answer = await portal.requestUrl(await downloadLink(portal.zoomSession(), file.playId));
    expect(answer.headers['content-type']).toBe('text/vtt');
    expect(answer.body.equals(file.text)).toBe(true);
    expect(answer.body.toString()).toMatch(/^WEBVTT\n/);
  });

  it('refuses a link with a bad signature or past its expiry', async () => {
    const link = await downloadLink(portal.zoomSession(), mp4()?.playId ?? '');
    const bad = await portal.requestUrl(link.replace(/Signature=[\w-]{4}/, 'Signature=AAAA'));
    expect(bad.status).toBe(403);
    expect(bad.body.toString()).toContain('<Code>AccessDenied</Code>');
    portal.advanceClock(2 * 3600_000);
    expect((await portal.requestUrl(link)).status).toBe(403);
  });

  it('answers an ended session with the sign-in page itself, status 200, at the download address', async () => {
    const ssid = portal.zoomSession();
    portal.expireSessions();
    const answer = await portal.request(WEB, `/rec/download/${mp4()?.playId}`, { headers: cookieOf(ssid) });
    expect(answer.status).toBe(200);
    expect(answer.headers.location).toBeUndefined();
    expect(answer.headers['content-type']).toContain('text/html');
    expect(answer.body.toString()).toContain('>Sign in</button>');
    expect(answer.body.length).toBeLessThan(10_000);
  });

  it('or, when asked for the kinder answer, redirects an ended session to a small HTML sign-in page', async () => {
    const kind = await startPortal({ zoomExpiredDownload: 'redirect' });
    try {
      const ssid = kind.zoomSession();
      kind.expireSessions();
      const playId = zoomFiles(readyOf(kind)[1] as ZoomMeeting).find((f) => f.iconType === 'MP4')?.playId;
      const answer = await kind.request(WEB, `/rec/download/${playId}`, { headers: cookieOf(ssid) });
      expect(answer.status).toBe(302);
      expect(answer.headers.location).toBe('/signin?from=download');
      const page = await kind.request(WEB, String(answer.headers.location));
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body.length).toBeLessThan(10_000);
    } finally {
      await kind.close();
    }
  });

  it('ends every session once the switched-on number of different files was handed out', async () => {
    const ssid = portal.zoomSession();
    const [a, b, c, d] = readyMeetings().flatMap(zoomFiles);
    const ask = (playId = '') => portal.request(WEB, `/rec/download/${playId}`, { headers: cookieOf(ssid) });
    portal.expireZoomSessionsAfterFiles(3);
    expect((await ask(a?.playId)).status).toBe(302);
    // Asking for the same file again (a resumed download) hands out no new file.
    expect((await ask(a?.playId)).headers.location).toMatch(/^https:\/\/ssrweb/);
    expect((await ask(b?.playId)).headers.location).toMatch(/^https:\/\/ssrweb/);
    const third = await ask(c?.playId);
    expect(third.headers.location).toMatch(/^https:\/\/ssrweb/);
    const ended = await ask(d?.playId);
    expect(ended.status).toBe(200);
    expect(ended.body.toString()).toContain('>Sign in</button>');
    // The third file's signed link still works, and a new session downloads again.
    expect((await portal.requestUrl(String(third.headers.location))).status).toBe(200);
    expect(await downloadLink(portal.zoomSession(), d?.playId ?? '')).toMatch(/^https:\/\/ssrweb/);
  });

  it('answers JSON, not media, for a recording still processing', async () => {
    const meeting = portal.dataset.zoomMeetings.find((m) => m.status === 'processing') as ZoomMeeting;
    const answer = await portal.request(WEB, `/rec/download/${zoomFiles(meeting)[0]?.playId}`, {
      headers: cookieOf(portal.zoomSession()),
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ status: false, errorCode: 3301 });
  });
});

describe('Faults and hits', () => {
  it('cuts the body after resetAfterBytes', async () => {
    const file = mp4OfSize(100_000);
    const link = await downloadLink(portal.zoomSession(), file.playId);
    portal.setFault('zoom.media', { resetAfterBytes: 50_000, times: 1 });
    const cut = await portal.requestUrl(link);
    expect(cut.complete).toBe(false);
    expect(cut.body.length).toBe(50_000);
    expect(cut.body.equals(mediaChunk(file.fileKey, file.sizeBytes, 0, 50_000))).toBe(true);
    expect((await portal.requestUrl(link)).complete).toBe(true);
  });

  it('answers an injected status the given number of times, then normally, and records hits', async () => {
    const link = await downloadLink(portal.zoomSession(), mp4OfSize(0).playId);
    portal.resetHits('zoom.media');
    portal.setFault('zoom.media', { status: 503, times: 2, retryAfter: 7 });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await portal.requestUrl(link, { headers: { Range: `bytes=${i}-` } }));
    expect(answers.map((answer) => answer.status)).toEqual([503, 503, 206]);
    expect(answers[0]?.headers['retry-after']).toBe('7');
    const hits = portal.hits('zoom.media');
    expect(hits.map((hit) => [hit.range, hit.status])).toEqual([
      ['bytes=0-', 503],
      ['bytes=1-', 503],
      ['bytes=2-', 206],
    ]);
    expect(hits[0]?.path).toMatch(/^\/replay\//);
  });

  it('applies a fault only to paths that match, and slows bodies', async () => {
    const ssid = portal.zoomSession();
    const [first, second] = readyMeetings().flatMap(zoomFiles);
    portal.setFault('zoom.download', { status: 500, match: second?.playId ?? '' });
    expect((await portal.request(WEB, `/rec/download/${first?.playId}`, { headers: cookieOf(ssid) })).status).toBe(302);
    expect((await portal.request(WEB, `/rec/download/${second?.playId}`, { headers: cookieOf(ssid) })).status).toBe(
      500,
    );
    portal.setFault('zoom.download', null);
    const link = await downloadLink(ssid, mp4OfSize(0).playId);
    portal.setFault('zoom.media', { bytesPerSecond: 200_000, times: 1 });
    const started = Date.now();
    await portal.requestUrl(link, { headers: { Range: 'bytes=0-99999' } });
    expect(Date.now() - started).toBeGreaterThan(350);
  });

  it('lifts a slow rate for the bodies already being sent, and records the fault as it was set', async () => {
    const file = mp4OfSize(1_000_000);
    const link = await downloadLink(portal.zoomSession(), file.playId);
    // At 1 kB/s these bytes would take a quarter of an hour: the answer ends within the test only once lifted.
    portal.setFault('zoom.media', { bytesPerSecond: 1_000 });
    portal.resetHits('zoom.media');
    const answer = portal.requestUrl(link, { headers: { Range: 'bytes=0-999999' } });
    await expect.poll(() => portal.hits('zoom.media')[0]?.status).toBe(206);
    portal.liftSlowBodies('zoom.media');
    const whole = await answer;
    expect(whole.body.equals(mediaChunk(file.fileKey, file.sizeBytes, 0, 1_000_000))).toBe(true);
    expect(portal.hits('zoom.media')[0]?.fault).toEqual({ bytesPerSecond: 1_000 });
  });
});

/** A ready MP4 of at least `min` bytes. */
function mp4OfSize(min: number) {
  const file = readyMeetings()
    .flatMap(zoomFiles)
    .find((f) => f.iconType === 'MP4' && f.sizeBytes >= min);
  if (!file) throw new Error('no such MP4');
  return file;
}
