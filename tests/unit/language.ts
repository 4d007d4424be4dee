// The fake browser speaking one of the three languages: its catalogue, with Chrome's placeholder rules, and its
// UI language. Unit tests speak English (setup.ts); a test of the formatting layer may switch.
import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

export function speak(language: 'en' | 'nl' | 'sv', uiLanguage: string = language): void {
  const catalogue: Record<string, Entry> = JSON.parse(
    readFileSync(`public/_locales/${language}/messages.json`, 'utf8'),
  );
  fakeBrowser.i18n.getUILanguage = () => uiLanguage;
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
    const entry = catalogue[key];
    if (!entry) return '';
    const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? '');
    });
  }) as typeof fakeBrowser.i18n.getMessage;
}
