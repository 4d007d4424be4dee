// The one formatting layer (utils/i18n.ts, utils/format.ts): plurals by the UI language's rules, numbers and sizes
// as that language writes them, failure messages that say what to do next, and identical failures grouped.
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FilePath } from '@/components/FilePath';
import { JobFailures } from '@/components/JobFailures';
import { jobStatusText } from '@/components/job-status';
import { db } from '@/utils/db';
import type { ErrorCode } from '@/utils/errors';
import { formatDuration, formatRate, formatSize, formatTimeLeft } from '@/utils/format';
import { describeError, formatNumber, plural, t } from '@/utils/i18n';
import type { JobSnapshot } from '@/utils/protocol';
import { patience } from '../patience';
import { jobRow, videoRow } from './engine/rows';
import { speak } from './language';

afterEach(() => speak('en', 'en-US'));

const MB = 1024 * 1024;

describe.each([
  ['en', ['0 files', '1 file', '2 files', '5 files', '21 files'], '98.4 MB', '1,234,567', '1 hr 2 min'],
  [
    'nl',
    ['0 bestanden', '1 bestand', '2 bestanden', '5 bestanden', '21 bestanden'],
    '98,4 MB',
    '1.234.567',
    '1 uur 2 min',
  ],
  ['sv', ['0 filer', '1 fil', '2 filer', '5 filer', '21 filer'], '98,4 MB', '1 234 567', '1 tim 2 min'],
] as const)('in %s', (language, files, size, count, duration) => {
  it('picks the plural form by the language’s rules for 0, 1, 2, 5 and 21', () => {
    speak(language);
    const shown = [0, 1, 2, 5, 21].map((n) => plural('fmtHistoryFilesShown', n).split(' ').slice(0, 2).join(' '));
    expect(shown).toEqual(files);
  });

  it('writes counts and sizes as the language does', () => {
    speak(language);
    expect(formatNumber(1_234_567).replace(/\s/g, ' ')).toBe(count);
    expect(formatSize(98.4 * MB)).toBe(size);
    expect(formatRate(98.4 * MB)).toBe(`${size}/s`);
    expect(formatDuration(3_723_000).replace(/\s/g, ' ')).toBe(duration);
    // A count in a sentence: through the plural form, written the language's way.
    expect(plural('fmtFilesWithReason', 1_234_567, 'x').replace(/\s/g, ' ')).toMatch(new RegExp(`^${count} `));
  });

  it('never says "1 files" (or its Dutch or Swedish twin), in any message with a count', () => {
    speak(language);
    const many = { en: 'files', nl: 'bestanden', sv: 'filer' }[language];
    const job = { name: 'Lectures', filesDone: 1, filesFailed: 1, fileCount: 1, bytesDone: 0, bytesTotal: 0 };
    const done = jobStatusText({ ...job, state: 'completed-with-failures', destination: 'zip' } as JobSnapshot);
    expect(done).not.toContain(`1 ${many}`);
    expect(t('progressFiles', 1, 1)).not.toContain(many);
    expect(t('progressFiles', 1, 2)).toContain(many);
  });
});

describe('the UI language picks the forms even with regional variants', () => {
  it('en-GB, nl-BE and sv-FI follow their language', () => {
    speak('nl', 'nl-BE');
    expect(formatSize(1.5 * MB)).toBe('1,5 MB');
    speak('en', 'en-GB');
    expect(plural('fmtMoreFiles', 1)).toBe('and 1 more file');
    expect(formatTimeLeft(90)).toBe('about 2 min left');
  });
});

const CODES: ErrorCode[] = [
  'session-expired',
  'not-shared',
  'processing',
  'not-media',
  'off-platform',
  'http',
  'network',
  'incomplete',
  'size-mismatch',
  'changed',
  'download-failed',
  'page-unreadable',
  'listing-failed',
  'bad-request',
  'cancelled',
  's3-keys',
  's3-keys-expired',
  's3-upload-gone',
  's3-refused',
  's3-bucket',
  's3-region',
  's3-denied',
  's3-unreachable',
  's3-server',
  's3-no-destination',
  'unknown',
];

// Words that start a next step in each language: a message without one only says what went wrong.
const NEXT_STEP = {
  en: /\b(check|sign in|reload|retry|wait|press|try|add|allow|tell|set|give|put|start|export|look)\b/i,
  nl: /\b(controleer|meld je|laad|probeer|wacht|druk|voeg|sta|meld het|stel|geef|vul|start|exporteer|bekijk|kijk|stuur)\b/i,
  sv: /\b(kontrollera|logga in|ladda om|försök|vänta|tryck|lägg till|tillåt|tala om|ange|ge|fyll i|starta|exportera|skicka)\b/i,
};

describe.each(['en', 'nl', 'sv'] as const)('every failure in %s', (language) => {
  it.each(CODES)('%s says what happened and what to do next', (code) => {
    speak(language);
    const details: Record<string, string[]> = {
      http: ['404', '403', '503', '418'],
      'not-media': ['text/html; charset=utf-8', 'application/json', '52428800 bytes', 'empty body'],
    };
    for (const detail of details[code] ?? ['some detail']) {
      const sentence = describeError({ code, site: 'zoom', detail });
      expect(sentence, `${code} ${detail}`).toMatch(NEXT_STEP[language]);
      expect(sentence).not.toMatch(/text\/html|application\/|\d+ bytes|empty body/);
    }
  });
});

describe('what came instead of a file is named in words, never as a MIME type', () => {
  it('a web page, a text answer, the platform’s own message', () => {
    expect(describeError({ code: 'not-media', detail: 'text/html; charset=utf-8' })).toContain('sent a web page');
    expect(describeError({ code: 'not-media', detail: 'application/json' })).toContain('sent a text answer');
    expect(describeError({ code: 'not-media', detail: 'This recording does not exist' })).toContain(
      '“This recording does not exist”',
    );
    expect(describeError({ code: 'http', detail: '404' })).toMatch(
      /^The platform no longer has this file \(error 404\)/,
    );
  });
});

describe('the failures of an export, grouped by reason (happy-dom)', () => {
  let root: HTMLElement;
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  it('says "7 files: <reason>" once for identical failures, names five of them, counts the rest', async () => {
    await db.delete();
    await db.open();
    const jobId = await db.jobs.add(jobRow({ destination: 'zip', state: 'completed-with-failures', filesFailed: 8 }));
    const gone = { code: 'http' as const, site: 'zoom', detail: '404' };
    await db.files.bulkAdd([
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => videoRow(jobId, n, { state: 'failed', error: gone })),
      videoRow(jobId, 8, { state: 'failed', error: { code: 'network' }, path: 'محاضرة 8/video.mp4' }),
      videoRow(jobId, 9, { state: 'done' }),
    ]);
    root = document.createElement('div');
    document.body.append(root);
    render(<JobFailures jobId={jobId} />, root);
    const groups = () => [...root.querySelectorAll<HTMLElement>('[data-testid="reclaim-failure-group"]')];
    // The list reads the database after it is drawn: wait for its groups (a state), with the test's own budget.
    await vi.waitFor(
      async () => {
        await act(() => undefined);
        if (groups().length === 0) throw new Error('no failure groups yet');
      },
      { timeout: patience(10_000) },
    );
    expect(groups()).toHaveLength(2);
    const [first, second] = groups();
    expect(first?.querySelector('.reason')?.textContent).toBe(`7 files: ${describeError(gone)}`);
    expect([...(first?.querySelectorAll('.paths li') ?? [])].map((li) => li.textContent)).toEqual([
      'Lecture 1/video.mp4',
      'Lecture 2/video.mp4',
      'Lecture 3/video.mp4',
      'Lecture 4/video.mp4',
      'Lecture 5/video.mp4',
      'and 2 more files',
    ]);
    // One failure is said as it is; its path is isolated for direction, broken only after the "/".
    expect(second?.querySelector('.reason')?.textContent).toBe(describeError({ code: 'network' }));
    const path = second?.querySelector('bdi.path');
    expect(path?.textContent).toBe('محاضرة 8/video.mp4');
    expect(path?.querySelectorAll('wbr')).toHaveLength(1);
  });

  it('keeps a meeting id on one line wherever the path breaks', () => {
    root = document.createElement('div');
    document.body.append(root);
    render(<FilePath path="2026-11-02 0900 Biology (812 3456 7890)/Video - Gallery view.mp4" />, root);
    const whole = [...root.querySelectorAll<HTMLElement>('bdi.path span')].filter(
      (s) => s.style.whiteSpace === 'nowrap',
    );
    expect(whole.map((span) => span.textContent)).toEqual(['2026-11-02 0900', '812 3456 7890']);
    expect(root.textContent).toBe('2026-11-02 0900 Biology (812 3456 7890)/Video - Gallery view.mp4');
  });
});
