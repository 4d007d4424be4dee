// @vitest-environment node
// The Collaborate half of the demo portal follows SITES.md: the CSA REST API with the LTI token, signed
// media, chat and caption links, 401 without a token and 403 where the public link is not allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollabRecording } from './dataset.ts';
import { mediaChunk } from './media.ts';
import { type Portal, startPortal } from './server.ts';

const API_HOST = 'eu.bbcollab.com';
const API = '/collab/api/csa';
let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(() => portal?.close());

async function api(
  path: string,
  token: string | undefined = portal.collabToken(),
  headers: Record<string, string> = {},
) {
  const answer = await portal.request(API_HOST, `${API}${path}`, {
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const isJson = String(answer.headers['content-type']).startsWith('application/json');
  return {
    status: answer.status,
    headers: answer.headers,
    json: isJson ? JSON.parse(answer.body.toString()) : undefined,
  };
}

const publicRecording = () =>
  portal.dataset.collabRecordings.find((r) => r.publicLinkAllowed && r.subtitles && r.chatFile) as CollabRecording;

describe('Collaborate recordings API', () => {
  it('lists recordings with the documented fields, newest end first', async () => {
    const { status, json } = await api('/recordings?limit=1000&offset=0&sort=endTime&order=desc');
    expect(status).toBe(200);
    expect(json).toMatchObject({ size: 20, limit: 1000, offset: 0 });
    expect(json.results).toHaveLength(20);
    expect(Object.keys(json.results[0])).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'mediaName',
        'sessionName',
        'sessionStartTime',
        'startTime',
        'created',
        'modified',
        'ownerId',
        'duration',
        'storageSize',
        'playbackCount',
        'publicLinkAllowed',
      ]),
    );
    const ends = json.results.map((r: { endTime: string }) => r.endTime);
    expect(ends).toEqual([...ends].sort().reverse());
  });

  it('pages with limit and offset (limit at most 1000) and filters by name and time', async () => {
    const page = await api('/recordings?limit=5&offset=15&sort=name&order=asc');
    expect(page.json).toMatchObject({ size: 20, limit: 5, offset: 15 });
    expect(page.json.results).toHaveLength(5);
    expect((await api('/recordings?limit=5000')).json.limit).toBe(1000);
    const named = await api(`/recordings?name=${encodeURIComponent('statistiek')}`);
    expect(named.json.results.map((r: { name: string }) => r.name)).toContain('Werkcollege "Statistiek" <groep B>');
    const october = await api('/recordings?startTime=2026-10-01T00:00:00Z&endTime=2026-10-31T23:59:59Z');
    const expected = portal.dataset.collabRecordings.filter((r) => r.startTime.startsWith('2026-10')).length;
    expect(october.json.size).toBe(expected);
  });

  it('answers 401 without a token, with a bad one, and after sessions expire', async () => {
    expect((await api('/recordings', '')).status).toBe(401);
    const bad = await api('/recordings', 'not.a.token');
    expect(bad.status).toBe(401);
    expect(bad.json.errorKey).toBe('unauthorized');
    const token = portal.collabToken();
    portal.expireSessions();
    expect((await api('/recordings', token)).status).toBe(401);
    expect((await api('/recordings')).status).toBe(200);
    const soon = portal.collabToken();
    portal.advanceClock(25 * 3600_000);
    expect((await api('/recordings', soon)).status).toBe(401);
  });

  it('gives a signed download URL that serves the MP4 with Range support', async () => {
    const recording = publicRecording();
    const { json } = await api(`/recordings/${recording.id}/url?validHours=0&validMinutes=30&disposition=download`);
    expect(json.url).toMatch(/^https:\/\/eu\.bbcollab\.com\/media\/[0-9a-f]{32}\/recording\.mp4\?/);
    const whole = await portal.requestUrl(json.url);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(Number(whole.headers['content-length'])).toBe(recording.storageSize);
    expect(whole.headers['content-disposition']).toMatch(/^attachment;/);
    expect(
      whole.body.equals(mediaChunk(recording.media.fileKey, recording.storageSize, 0, recording.storageSize)),
    ).toBe(true);
    const part = await portal.requestUrl(json.url, { headers: { Range: 'bytes=100-' } });
    expect(part.status).toBe(206);
    expect(
      part.body.equals(mediaChunk(recording.media.fileKey, recording.storageSize, 100, recording.storageSize)),
    ).toBe(true);
    expect((await portal.requestUrl(json.url.replace('recording.mp4', 'chat.json'))).status).toBe(403);
  });

  it('describes a recording with its media, chat and caption links', async () => {
    const recording = publicRecording();
    for (const path of ['data', 'data/secure']) {
      const { json } = await api(`/recordings/${recording.id}/${path}`);
      expect(json).toMatchObject({ name: recording.name, created: recording.created, duration: recording.duration });
      expect(json.extStreams).toEqual([{ streamUrl: expect.any(String), contentType: 'video/mp4' }]);
      const media = await portal.requestUrl(json.mediaDownloadUrl, { headers: { Range: 'bytes=0-15' } });
      expect(media.body.equals(mediaChunk(recording.media.fileKey, recording.storageSize, 0, 16))).toBe(true);
      const chat = JSON.parse((await portal.requestUrl(json.chats[0].url)).body.toString());
      expect(chat[0]).toMatchObject({ id: expect.any(String), userName: expect.any(String), body: expect.any(String) });
      expect(json.subtitles[0]).toMatchObject({ lang: recording.subtitles?.lang, label: recording.subtitles?.label });
      const captions = await portal.requestUrl(json.subtitles[0].url);
      expect(captions.headers['content-type']).toBe('text/vtt');
      expect(captions.body.toString()).toMatch(/^WEBVTT\n/);
    }
  });

  it('answers 403 on url and data when the public link is not allowed, 404 for an unknown id', async () => {
    const closed = portal.dataset.collabRecordings.find((r) => !r.publicLinkAllowed) as CollabRecording;
    expect((await api(`/recordings/${closed.id}/url`)).status).toBe(403);
    expect((await api(`/recordings/${closed.id}/data`)).status).toBe(403);
    expect((await api(`/recordings/${closed.id}`)).status).toBe(200);
    expect((await api(`/recordings/${'0'.repeat(32)}/data`)).status).toBe(404);
  });

  it('lets the scheduler page on the LTI host call the API across origins', async () => {
    const preflight = await portal.request(API_HOST, `${API}/recordings`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://eu-lti.bbcollab.com', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://eu-lti.bbcollab.com');
    const page = await portal.request('eu-lti.bbcollab.com', `/collab/ui/scheduler/lti?token=${portal.collabToken()}`);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('"apiBase":"https://eu.bbcollab.com/collab/api/csa"');
  });

  it('counts API hits and injects faults by route name', async () => {
    portal.resetHits();
    portal.setFault('collab.recordings', { status: 429, retryAfter: 2, times: 1 });
    expect((await api('/recordings')).status).toBe(429);
    expect((await api('/recordings')).status).toBe(200);
    expect(portal.hits('collab.recordings').map((hit) => hit.status)).toEqual([429, 200]);
    expect((await portal.request('nowhere.example', '/')).status).toBe(404);
    expect(portal.hits('unknown')).toHaveLength(1);
  });
});
