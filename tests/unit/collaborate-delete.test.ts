// Deleting a Collaborate recording through the CSA API: one DELETE with the page's token; anything but a 2xx
// throws, so a list of deletions stops at the first refusal and says why.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CollaborateClient } from '@/utils/sites/collaborate-client';

const ID = '0123456789abcdef0123456789abcdef';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl';
let asked: Array<{ url: string; init?: RequestInit }>;

function answering(status: number) {
  asked = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    asked.push({ url, init });
    return new Response(status === 204 ? null : '{}', { status });
  });
}

beforeEach(() => fakeBrowser.reset());

describe('deleting a Collaborate recording', () => {
  const client = new CollaborateClient('https://eu-lti.bbcollab.com', async () => TOKEN);

  it("sends DELETE /recordings/<id> to the region's API with the token as bearer", async () => {
    answering(204);
    await client.deleteRecording(ID);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.url).toBe(`https://eu.bbcollab.com/collab/api/csa/recordings/${ID}`);
    expect(asked[0]?.init?.method).toBe('DELETE');
    expect(asked[0]?.init?.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}` });
  });

  it('throws the refusal: 403 as an http error with its status, 401 as an expired session', async () => {
    answering(403);
    await expect(client.deleteRecording(ID)).rejects.toMatchObject({ info: { code: 'http', detail: '403' } });
    answering(401);
    await expect(client.deleteRecording(ID)).rejects.toMatchObject({ info: { code: 'session-expired' } });
    answering(404);
    await expect(client.deleteRecording(ID)).rejects.toMatchObject({ info: { code: 'http', detail: '404' } });
  });

  it('asks nothing without a token', async () => {
    answering(204);
    const tokenless = new CollaborateClient('https://eu-lti.bbcollab.com', async () => undefined);
    await expect(tokenless.deleteRecording(ID)).rejects.toMatchObject({ info: { code: 'session-expired' } });
    expect(asked).toHaveLength(0);
  });
});
