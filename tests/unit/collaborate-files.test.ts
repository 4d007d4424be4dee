// A planned Collaborate chat or captions file says which it is by its kind: the adapter asks the recording's data
// answer for that part's link, with no part name written into the address and read back.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { collaborateAdapter } from '@/utils/sites/collaborate-adapter';
import { rememberToken } from '@/utils/sites/collaborate-token';

const ID = '0123456789abcdef0123456789abcdef';
const LTI = 'https://eu-lti.bbcollab.com';
const DATA = `https://eu.bbcollab.com/collab/api/csa/recordings/${ID}/data`;

beforeEach(async () => {
  fakeBrowser.reset();
  await rememberToken(LTI, 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl');
  vi.stubGlobal('fetch', async () =>
    Response.json({
      chats: [{ url: 'https://media.example/chat.json' }],
      subtitles: [{ url: 'https://media.example/captions.vtt' }],
    }),
  );
});

describe("a Collaborate recording's chat and captions", () => {
  it('are planned at the data address, told apart by their kind', async () => {
    const request = collaborateAdapter.fileRequest;
    const chat = await request?.(LTI, { url: DATA, kind: 'chat' });
    const captions = await request?.(LTI, { url: DATA, kind: 'captions' });
    expect(chat?.url).toBe('https://media.example/chat.json');
    expect(chat?.convert).toBeTypeOf('function');
    expect(captions?.url).toBe('https://media.example/captions.vtt');
    expect(captions?.convert).toBeUndefined();
  });
});
