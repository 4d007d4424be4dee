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

/**
 * The glossary, one voice per language, in the platforms' own words (Zoom's and Blackboard's Dutch and Swedish
 * help):
 * - Dutch speaks to "je" (never "u"/"uw"); a recording is an "opname", plural "opnamen" (never "opnames"); ticking
 *   rows is "selecteren"; choosing an option (a destination, a file) is "kiezen"; Reclaim's options page is "de
 *   instellingen"; a web address is a "link"; an S3 destination a "bestemming".
 * - Swedish speaks to "du" (never "Ni"); ticking rows and recordings is "markera" (never "välj"); choosing an
 *   option is "välja"; a file left out is "togs inte med"/"hoppar över", never "överhoppad"; an S3 destination is
 *   a "mål"; Reclaim's options page is "inställningarna".
 * - Counts with a noun go through plurals (`fmt…_one` / `fmt…_other`, utils/i18n.ts plural): no "$COUNT$ files".
 */
describe('one voice per language', () => {
  const messages = (lang: string) => Object.entries(load(lang)).map(([key, entry]) => [key, entry.message] as const);

  it('Dutch says "je", never "u" or "uw", and "opnamen", never "opnames"', () => {
    for (const [key, message] of messages('nl')) {
      expect(message, key).not.toMatch(/(^|[\s(])(u|uw|U|Uw)([\s.,:;!?)]|$)/);
      expect(message, key).not.toMatch(/\bopnames\b/i);
      // Reclaim's settings page is "de instellingen" (its title), a link is a "link" (never "opties", "koppeling").
      expect(message, key).not.toMatch(/\bopties\b|koppeling/i);
    }
  });

  it('Swedish says "du", never "Ni"; selects with "markera"; never "överhoppad"', () => {
    for (const [key, message] of messages('sv')) {
      expect(message, key).not.toMatch(/(^|[\s(])(Ni|Er|Ert|Era)([\s.,:;!?)]|$)/);
      expect(message, key).not.toMatch(/överhoppad/i);
      // An S3 destination is a "mål", as the options page names it.
      expect(message.replace(/\$\w+\$/g, ''), key).not.toMatch(/\bdestination/i);
      // Selecting recordings (English "select … recordings") is "markera"; "välj" is for choosing an option.
      if (/\bselect\b/i.test(english[key]?.message ?? '')) expect(message, key).not.toMatch(/\bvälj\b/i);
    }
  });

  it('every count before a plural noun is said through the plural forms', () => {
    const counted = /\$(COUNT|TOTAL|DONE)\$ (files|recordings|rows)\b/;
    const bare = Object.entries(english).filter(([key, entry]) => counted.test(entry.message) && !/_other$/.test(key));
    // Old keys still asked for by name are said through their plural forms (utils/i18n.ts COUNTED).
    const source = readFileSync('utils/i18n.ts', 'utf8');
    for (const [key] of bare) expect(source, key).toMatch(new RegExp(`\\b${key}: \\{ base: 'fmt`));
    for (const key of Object.keys(english).filter((k) => k.startsWith('fmt') && k.endsWith('_other'))) {
      expect(english[key.replace(/_other$/, '_one')], key).toBeDefined();
    }
  });
});
