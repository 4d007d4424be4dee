import { describe, expect, it } from 'vitest';
import { parseCommand } from '@/utils/protocol';

const good = {
  type: 'export',
  site: 'zoom',
  destination: 'zip',
  origin: 'https://us06web.zoom.us',
  recordings: [{ id: 'abc==', title: 'T', startedAt: '2026-11-03T10:00:00', status: 'ready', columns: { a: '1' } }],
};

describe('messages from pages are checked before use', () => {
  it('accepts a well-formed export and keeps only known fields', () => {
    const command = parseCommand({ ...good, recordings: [{ ...good.recordings[0], evil: 'x' }] });
    expect(command).toEqual({
      type: 'export',
      site: 'zoom',
      destination: 'zip',
      origin: 'https://us06web.zoom.us',
      recordings: [
        {
          site: 'zoom',
          id: 'abc==',
          title: 'T',
          owner: undefined,
          startedAt: '2026-11-03T10:00:00',
          durationSec: undefined,
          sizeBytes: undefined,
          status: 'ready',
          columns: { a: '1' },
        },
      ],
    });
  });

  it.each([
    ['an unknown type', { ...good, type: 'delete' }, /type/],
    ['an unknown site', { ...good, site: 'teams' }, /site/],
    ['an unknown destination', { ...good, destination: 'ftp' }, /destination/],
    ['no recordings', { ...good, recordings: [] }, /recordings/],
    ['a recording id that is not text', { ...good, recordings: [{ ...good.recordings[0], id: 5 }] }, /id/],
    ['a negative size', { ...good, recordings: [{ ...good.recordings[0], sizeBytes: -1 }] }, /sizeBytes/],
    ['an unknown status', { ...good, recordings: [{ ...good.recordings[0], status: 'x' }] }, /status/],
    ['a column that is not text', { ...good, recordings: [{ ...good.recordings[0], columns: { a: {} } }] }, /cell/],
    ['a huge title', { ...good, recordings: [{ ...good.recordings[0], title: 'x'.repeat(3000) }] }, /title/],
    ['nothing at all', undefined, /type/],
    ['a cancel without a job', { type: 'cancel', jobId: 'x' }, /jobId/],
    ['a name template with an unknown field', { ...good, nameTemplate: '{topic}/{secret}.{ext}' }, /nameTemplate/],
    ['a name template that is not text', { ...good, nameTemplate: 42 }, /nameTemplate/],
    ['an unknown file choice', { ...good, skippedFiles: ['chat', 'passwords'] }, /skippedFiles/],
  ])('refuses %s', (_what, message, reason) => {
    expect(() => parseCommand(message)).toThrowError(reason);
  });

  it('keeps the name template and the file choices the page sends', () => {
    const command = parseCommand({ ...good, nameTemplate: '{topic}/{kind}.{ext}', skippedFiles: ['chat', 'chat'] });
    expect(command).toMatchObject({ nameTemplate: '{topic}/{kind}.{ext}', skippedFiles: ['chat'] });
  });

  it('keeps the export name the bar sends, one line and short, or none', () => {
    expect(parseCommand({ ...good, name: '  Zoom · 37 recordings ' })).toMatchObject({ name: 'Zoom · 37 recordings' });
    expect(parseCommand({ ...good, name: '   ' })).toMatchObject({ name: undefined });
    expect(() => parseCommand({ ...good, name: 'two\nlines' })).toThrowError(/name/);
    expect(() => parseCommand({ ...good, name: 'x'.repeat(121) })).toThrowError(/name/);
    expect(() => parseCommand({ ...good, name: 7 })).toThrowError(/name/);
  });

  it('refuses more recordings than one export may hold', () => {
    const many = Array.from({ length: 10_001 }, () => good.recordings[0]);
    expect(() => parseCommand({ ...good, recordings: many })).toThrowError(/too many/);
  });
});

describe("the page's token message", () => {
  const token = { type: 'site-token', site: 'collaborate', origin: 'https://eu-lti.bbcollab.com', token: 'a.b.c' };

  it('is accepted with its known fields only', () => {
    expect(parseCommand({ ...token, extra: 1 })).toEqual(token);
  });

  it.each([
    ['an unknown site', { ...token, site: 'teams' }, /site/],
    ['a token that is no text', { ...token, token: 42 }, /token/],
    ['a token far too long', { ...token, token: 'x'.repeat(9000) }, /token/],
  ])('is refused with %s', (_, message, reason) => {
    expect(() => parseCommand(message)).toThrow(reason);
  });
});
