// The LTI token in the background: kept per API host, only when it looks like a token and comes for Collaborate.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { looksLikeToken, rememberToken, tokenFor } from '@/utils/sites/collaborate-token';
import { tokenFromAddress } from '@/utils/sites/collaborate-token-page';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl';

describe('the Collaborate token', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is kept per API host, the LTI page and the API sharing one', async () => {
    await rememberToken('https://eu-lti.bbcollab.com', JWT);
    expect(await tokenFor('https://eu.bbcollab.com')).toBe(JWT);
    expect(await tokenFor('https://us.bbcollab.com')).toBeUndefined();
  });

  it('is not kept from another site or when it is no token', async () => {
    await rememberToken('https://evil.example', JWT);
    await rememberToken('https://au.bbcollab.com', 'not a token <script>');
    expect(await tokenFor('https://evil.example')).toBeUndefined();
    expect(await tokenFor('https://au.bbcollab.com')).toBeUndefined();
    expect(looksLikeToken(JWT)).toBe(true);
    expect(looksLikeToken('a'.repeat(9000))).toBe(false);
  });

  it("is read from the scheduler's address", () => {
    expect(tokenFromAddress(`https://eu-lti.bbcollab.com/collab/ui/scheduler/lti?token=${JWT}`)).toBe(JWT);
    expect(tokenFromAddress('https://eu-lti.bbcollab.com/collab/ui/scheduler/lti')).toBeUndefined();
  });
});
