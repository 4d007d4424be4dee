// Chrome's download manager refuses some names outright ("Invalid filename": zero-width joiners inside emoji,
// direction marks, a leading dot...). Every folder and file name Reclaim makes from hostile titles must be one
// it accepts, or folder mode would fail every file of such a recording.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFileName, safeSegment } from '../../utils/export/naming.ts';
import { type Harness, startHarness } from './harness.ts';

const TITLES = [
  'Teacher 👩‍🏫 office hours', // zero-width joiner inside the emoji
  'Ethics \u200Fשיעור\u200F 3', // right-to-left marks
  'co\u00ADoperation', // soft hyphen
  '\uFEFFWeek 1', // byte order mark
  '.NET lecture',
  '...',
  'Lecture 5.',
  'Week 1 ~ recap',
  'CON',
  'a/b\\c:d*e?f"g<h>i|j',
  'tab\there\u0007bell',
  '数据科学 讲座 '.repeat(40),
  'Überblick – Föreläsning ½',
];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ signedIn: false });
});
afterAll(() => harness?.close());

describe('names in folder mode', () => {
  it('are all accepted by Chrome for hostile recording titles', async () => {
    const paths = TITLES.map((title) => `Reclaim/${safeSegment(title)}/${safeFileName(title, 'mp4')}`);
    const refused = await harness.worker.evaluate(async (list: string[]) => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.downloads;
      const out: string[] = [];
      for (const filename of list) {
        try {
          const id = await api.download({ url: 'data:text/plain,ok', filename, conflictAction: 'uniquify' });
          await api.cancel(id).catch(() => undefined);
        } catch (error) {
          out.push(`${filename}: ${String(error)}`);
        }
      }
      return out;
    }, paths);
    expect(refused).toEqual([]);
  });
});
