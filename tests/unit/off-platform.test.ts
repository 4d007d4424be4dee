// Every address Reclaim fetches with the extension's privileges is on the platform: a link an answer gives (or a
// redirect) that points anywhere else is refused with a clear reason, and never fetched or saved.
import { describe, expect, it } from 'vitest';
import { platformSource } from '@/utils/export/platform-source';
import { openSource } from '@/utils/export/source';
import { collaborateAdapter } from '@/utils/sites/collaborate-adapter';
import { zoomAdapter } from '@/utils/sites/zoom-client';

const VIDEO = { url: 'https://us06web.zoom.us/rec/download/play-1', kind: 'video' as const };

function answeringFrom(finalUrl: string) {
  const asked: string[] = [];
  const fetchImpl = (async (url: string) => {
    asked.push(url);
    const response = new Response(new Uint8Array(64), {
      headers: { 'Content-Type': 'video/mp4', 'Content-Length': '64' },
    });
    Object.defineProperty(response, 'url', { value: finalUrl });
    return response;
  }) as typeof fetch;
  return { asked, fetchImpl };
}

function options(adapter = zoomAdapter) {
  return platformSource(adapter, 'https://us06web.zoom.us', VIDEO, { signal: new AbortController().signal });
}

describe('addresses off the platform', () => {
  it('refuses a download that was redirected off the platform, naming where', async () => {
    const { fetchImpl } = answeringFrom('https://evil.example/steal');
    await expect(openSource(VIDEO, { ...options(), fetch: fetchImpl })).rejects.toMatchObject({
      info: { code: 'off-platform', detail: 'evil.example' },
    });
  });

  it('never asks an address the platform listed off its own hosts, or over plain http', async () => {
    for (const url of ['https://zoom.us.evil.example/rec/download/x', 'http://us06web.zoom.us/rec/download/x']) {
      const { asked, fetchImpl } = answeringFrom(url);
      await expect(openSource({ ...VIDEO, url }, { ...options(), fetch: fetchImpl })).rejects.toMatchObject({
        info: { code: 'off-platform' },
      });
      expect(asked).toEqual([]);
    }
  });

  it("takes Zoom's signed media host and Collaborate's region and media hosts", async () => {
    const zoom = answeringFrom('https://ssrweb.zoom.us/replay/file.mp4?sig=1');
    await expect(openSource(VIDEO, { ...options(), fetch: zoom.fetchImpl })).resolves.toMatchObject({ length: 64 });
    expect(collaborateAdapter.isFileHost('https://eu.bbcollab.com/media/x')).toBe(true);
    expect(collaborateAdapter.isFileHost('https://bucket.s3.eu-west-1.amazonaws.com/x.mp4')).toBe(true);
    expect(collaborateAdapter.isFileHost('https://bbcollab.com.evil.example/x')).toBe(false);
    expect(zoomAdapter.isFileHost('https://zoom.us/rec/download/x')).toBe(true);
  });
});
