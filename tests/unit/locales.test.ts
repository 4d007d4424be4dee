// A test about the codebase itself: the three catalogues say the same things.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string): Catalogue => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'));
const english = load('en');

describe.each(['nl', 'sv'])('the %s catalogue', (lang) => {
  const catalogue = load(lang);

  it('has exactly the English keys', () => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english).sort());
  });

  it('has the same placeholders as English, each used in the sentence', () => {
    for (const [key, entry] of Object.entries(catalogue)) {
      const expected = english[key]?.placeholders ?? {};
      expect(entry.placeholders ?? {}, key).toEqual(expected);
      for (const name of Object.keys(expected)) expect(entry.message, key).toContain(`$${name.toUpperCase()}$`);
    }
  });

  it('is translated, not copied, where the words differ', () => {
    const same = Object.keys(english).filter((key) => catalogue[key]?.message === english[key]?.message);
    expect(same).toEqual(['extensionName']);
  });
});

describe('the English catalogue', () => {
  it('has no empty message', () => {
    for (const [key, entry] of Object.entries(english)) expect(entry.message.trim(), key).not.toBe('');
  });
});
