// Unit tests see the English catalogue through the fake browser's i18n, with Chrome's placeholder rules.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
  const entry = (en as Record<string, Entry>)[key];
  if (!entry) return '';
  const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? '');
  });
}) as typeof fakeBrowser.i18n.getMessage;
