import { describe, expect, it } from 'vitest';
import type { ExportError } from '@/utils/errors';
import type { RecordingFile } from '@/utils/model';
import { checkZoomFileResponse, zoomAdapter, zoomSessionEnded } from '@/utils/sites/zoom-client';

const video: RecordingFile = { id: '1', kind: 'video', ext: 'mp4', url: 'https://us06web.zoom.us/rec/download/1' };
const timeline: RecordingFile = { ...video, kind: 'timeline', ext: 'json' };

function answer(body: string, type: string, url: string, status = 200): Response {
  const response = new Response(body, { status, headers: { 'Content-Type': type } });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

async function refusal(response: Response, file = video) {
  try {
    await checkZoomFileResponse(response, file);
    return null;
  } catch (error) {
    return (error as ExportError).info;
  }
}

describe('a Zoom download answer that is not the recording is never taken for it', () => {
  it('accepts media', async () => {
    expect(await refusal(answer('\0\0\0 ftyp', 'video/mp4', 'https://ssrweb.zoom.us/replay/a.mp4'))).toBeNull();
  });

  it('reads the sign-in page as an expired session', async () => {
    const page = answer('<html>Sign in</html>', 'text/html; charset=utf-8', 'https://us06web.zoom.us/signin?from=x');
    expect(await refusal(page)).toEqual({ code: 'session-expired', site: 'zoom' });
  });

  it('refuses any other HTML page', async () => {
    const page = answer('<html>Oops</html>', 'text/html', 'https://ssrweb.zoom.us/replay/a.mp4');
    expect(await refusal(page)).toMatchObject({ code: 'not-media' });
  });

  it('reads the JSON of a recording still processing', async () => {
    const body = JSON.stringify({ status: false, errorCode: 3301, errorMessage: 'This recording is being processed' });
    expect(await refusal(answer(body, 'application/json', 'https://us06web.zoom.us/rec/download/1'))).toEqual({
      code: 'processing',
      site: 'zoom',
    });
  });

  it('reads signed-out JSON as an expired session', async () => {
    const body = JSON.stringify({ status: false, errorCode: 201, errorMessage: 'User not login.' });
    expect(await refusal(answer(body, 'application/json', 'https://us06web.zoom.us/rec/download/1'))).toMatchObject({
      code: 'session-expired',
    });
  });

  it('accepts JSON where JSON is the file (the timeline)', async () => {
    expect(await refusal(answer('[]', 'application/json', 'https://ssrweb.zoom.us/t.json'), timeline)).toBeNull();
  });

  it("refuses Zoom's JSON error where JSON is the file, never saving it as the timeline", async () => {
    const body = JSON.stringify({ status: false, errorCode: 3001, errorMessage: 'This recording does not exist.' });
    const refused = await refusal(
      answer(body, 'application/json;charset=UTF-8', 'https://us06web.zoom.us/t'),
      timeline,
    );
    expect(refused).toMatchObject({ code: 'not-media', detail: 'This recording does not exist.' });
    // The same answer keeps its body for whoever reads it next: a real timeline is read whole.
    const real = answer(
      '{"timeline":[{"ts":"00:00:01.000","users":[]}]}',
      'application/json',
      'https://ssrweb.zoom.us/t',
    );
    expect(await refusal(real, timeline)).toBeNull();
    expect(await real.json()).toEqual({ timeline: [{ ts: '00:00:01.000', users: [] }] });
  });

  it('refuses text where a video is expected', async () => {
    expect(await refusal(answer('nope', 'text/plain', 'https://ssrweb.zoom.us/a.mp4'))).toMatchObject({
      code: 'not-media',
    });
  });

  it('reports an error status with its number', async () => {
    expect(await refusal(answer('', 'text/xml', 'https://ssrweb.zoom.us/a.mp4', 403))).toEqual({
      code: 'http',
      site: 'zoom',
      detail: '403',
    });
  });
});

describe('whether a Zoom session is still alive, asked when a download answered with a page', () => {
  const WEB = 'https://us06web.zoom.us';
  // The portal's own answers (SITES.md): the CSRF token as text, then the bearer as a JWT, or the logged-out JSON.
  function zoomAnswering(nak: string): typeof fetch {
    return (async (input: string | URL | Request) => {
      const url = String(input);
      if (url.endsWith('/csrf_js')) return new Response('ZOOM-CSRFTOKEN:abc');
      if (url.includes('/nws/common/2.0/nak')) return new Response(nak);
      return new Response('not here', { status: 404 });
    }) as typeof fetch;
  }

  it('says ended when Zoom answers the signed-out JSON', async () => {
    const answer = JSON.stringify({ status: false, errorCode: 201, errorMessage: 'User not login.' });
    expect(await zoomSessionEnded(WEB, zoomAnswering(answer))).toBe(true);
  });

  it('says alive when Zoom hands out a bearer', async () => {
    expect(await zoomSessionEnded(WEB, zoomAnswering('eyJhbGc.eyJzdWIi.c2lnbmF0dXJl'))).toBe(false);
  });

  it('says alive when Zoom is busy or failing rather than signed out (a 503 page is no sign-out)', async () => {
    const busy = (async (input: string | URL | Request) => {
      if (String(input).endsWith('/csrf_js')) return new Response('ZOOM-CSRFTOKEN:abc');
      return new Response('<html>Service Unavailable</html>', { status: 503 });
    }) as typeof fetch;
    expect(await zoomSessionEnded(WEB, busy)).toBe(false);
  });

  it('says alive (so the file fails with its own reason) when Zoom cannot be asked', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await zoomSessionEnded(WEB, offline)).toBe(false);
  });

  it("is the Zoom adapter's answer", () => {
    expect(zoomAdapter.sessionEnded).toBeTypeOf('function');
  });
});
