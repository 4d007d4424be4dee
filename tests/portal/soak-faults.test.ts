// @vitest-environment node
// The faults the soak (tests/soak) leans on: a body that stops mid-way with the connection left open, and a
// one-off fault that hands its place back to a standing one (a slow rate kept on the whole run).
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoomFiles } from './dataset.ts';
import { mediaChunk } from './media.ts';
import { type Portal, startPortal } from './server.ts';
import { downloadLink, readyMeetings } from './zoom-client.ts';

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(() => portal?.close());

function mp4OfSize(min: number) {
  const file = readyMeetings(portal)
    .flatMap(zoomFiles)
    .find((f) => f.iconType === 'MP4' && f.sizeBytes >= min);
  if (!file) throw new Error('no such MP4');
  return file;
}

/** What arrived of `url` within `waitMs`, and whether the body had ended by then; the request is then dropped. */
function readFor(url: string, waitMs: number): Promise<{ body: Buffer; ended: boolean }> {
  const parsed = new URL(url);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let ended = false;
    const req = request(
      {
        host: '127.0.0.1',
        port: portal.port,
        path: parsed.pathname + parsed.search,
        headers: { Host: parsed.hostname },
        servername: parsed.hostname,
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => {
          ended = true;
        });
        res.on('error', () => undefined);
      },
    );
    req.on('error', reject);
    req.end();
    setTimeout(() => {
      resolve({ body: Buffer.concat(parts), ended });
      req.destroy();
    }, waitMs);
  });
}

describe('soak faults', () => {
  it('stalls a body after stallAfterBytes, the connection kept open', async () => {
    const file = mp4OfSize(100_000);
    const link = await downloadLink(portal, portal.zoomSession(), file.playId);
    portal.setFault('zoom.media', { stallAfterBytes: 30_000, times: 1 });
    const stalled = await readFor(link, 1_000);
    expect(stalled.ended).toBe(false);
    expect(stalled.body.equals(mediaChunk(file.fileKey, file.sizeBytes, 0, 30_000))).toBe(true);
    expect((await portal.requestUrl(link)).complete).toBe(true);
  });

  it('puts the afterwards fault in place once a fault is used up', async () => {
    const file = mp4OfSize(0);
    const link = await downloadLink(portal, portal.zoomSession(), file.playId);
    portal.resetHits('zoom.media');
    portal.setFault('zoom.media', { status: 503, times: 1, afterwards: { bytesPerSecond: 5_000_000 } });
    expect((await portal.requestUrl(link)).status).toBe(503);
    expect((await portal.requestUrl(link)).status).toBe(200);
    expect((await portal.requestUrl(link)).status).toBe(200);
    const faults = portal.hits('zoom.media').map((hit) => hit.fault);
    expect(faults).toEqual([{ status: 503, times: 0 }, { bytesPerSecond: 5_000_000 }, { bytesPerSecond: 5_000_000 }]);
    portal.setFault('zoom.media', null);
  });
});
