// Collaborate's REST answers as Reclaim reads them, and its chat turned into readable text.
import { describe, expect, it } from 'vitest';
import type { ExportError } from '@/utils/errors';
import {
  apiOriginOf,
  chatAsText,
  idFromRecordingLink,
  parseRecordingData,
  parseRecordingList,
  recordingFiles,
} from '@/utils/sites/collaborate';
import { filtersOf } from '@/utils/sites/collaborate-page';

const ID = '0123456789abcdef0123456789abcdef';

describe('the chat as text', () => {
  it('writes one message a line: the time (UTC) when there is one, the speaker and the message', () => {
    const chat = [
      { id: '1', userName: 'Ann de Vries', body: 'Goedemorgen!', created: '2026-09-03T10:15:07.000Z' },
      { id: '2', userName: 'Björn', body: 'Line one\nline two', created: '2026-09-03T10:16:00Z' },
      { id: '3', userName: 'No time', body: 'Hello' },
      { id: '4', body: 'Anonymous' },
      { id: '5' },
      'not a message',
    ];
    expect(chatAsText(chat)).toBe(
      '[10:15:07] Ann de Vries: Goedemorgen!\r\n[10:16:00] Björn: Line one ↵ line two\r\nNo time: Hello\r\n?: Anonymous\r\n',
    );
  });

  it('writes nothing for an empty chat', () => {
    expect(chatAsText([])).toBe('');
  });

  it('refuses an answer that is no chat (an error object), never saving it as an empty chat', () => {
    const error = (() => {
      try {
        chatAsText({ errorKey: 'recording.notFound', message: 'Not found' });
        return null;
      } catch (thrown) {
        return (thrown as ExportError).info;
      }
    })();
    expect(error).toMatchObject({ code: 'not-media', site: 'collaborate' });
  });
});

describe('the REST answers', () => {
  it('reads a listing page into recordings whose columns are the report row', () => {
    const { size, recordings } = parseRecordingList(
      {
        size: 2300,
        limit: 1000,
        offset: 0,
        results: [
          {
            id: ID,
            name: 'Hoorcollege 1',
            sessionName: 'Hoorcollege',
            startTime: '2026-09-03T10:00:00.000Z',
            created: '2026-09-03T11:05:09.000Z',
            ownerId: 'owner',
            duration: 3_723_000,
            storageSize: 1_048_576,
            contextId: '_1234_1',
          },
          { id: 'not an id', name: 'x' },
        ],
      },
      'https://eu.bbcollab.com',
    );
    expect(size).toBe(2300);
    expect(recordings).toHaveLength(1);
    const [recording] = recordings;
    expect(recording?.sizeBytes).toBe(1_048_576);
    expect(recording?.columns).toMatchObject({
      RecordingCreated: '2026-09-03 11:05:09',
      RecordingName: 'Hoorcollege 1',
      RecordingLink: `https://eu.bbcollab.com/recording/${ID}`,
      RecordingDuration: '01:02:03',
      StorageUsageGigabytes: '0.000977',
      ContextIdentifier: '_1234_1',
    });
  });

  it('takes the first caption track only and falls back from mediaDownloadUrl to the MP4 stream', () => {
    expect(
      parseRecordingData({
        extStreams: [{ streamUrl: 'https://m/1.mp4', contentType: 'video/mp4' }],
        chats: [{ url: 'https://m/chat.json' }],
        subtitles: [
          { url: 'https://m/en.vtt', lang: 'en' },
          { url: 'https://m/nl.vtt', lang: 'nl' },
        ],
      }),
    ).toEqual({ mediaUrl: 'https://m/1.mp4', chatUrl: 'https://m/chat.json', subtitleUrl: 'https://m/en.vtt' });
    expect(parseRecordingData({})).toEqual({ mediaUrl: undefined, chatUrl: undefined, subtitleUrl: undefined });
  });

  it('plans the MP4 always, the chat and captions only when the recording has them, at API addresses', () => {
    const recording = {
      site: 'collaborate' as const,
      id: ID,
      title: 't',
      startedAt: '',
      status: 'ready' as const,
      sizeBytes: 10,
      columns: {},
    };
    const files = recordingFiles(recording, { chatUrl: 'https://m/chat.json' }, 'https://eu-lti.bbcollab.com');
    expect(files.map((file) => [file.kind, file.ext, file.sizeExact])).toEqual([
      ['video', 'mp4', true],
      ['chat', 'txt', undefined],
    ]);
    expect(files[0]?.url).toBe(
      `https://eu.bbcollab.com/collab/api/csa/recordings/${ID}/url?validHours=0&validMinutes=30&disposition=download`,
    );
    expect(files[1]?.url).toBe(`https://eu.bbcollab.com/collab/api/csa/recordings/${ID}/data`);
  });

  it('knows recording links, API hosts and the filters of the page listing', () => {
    expect(idFromRecordingLink(`https://eu.bbcollab.com/recording/${ID.toUpperCase()}`)).toBe(ID);
    expect(idFromRecordingLink(`https://evil.example/recording/${ID}`)).toBeUndefined();
    expect(apiOriginOf('https://techpreview-lti.bbcollab.com')).toBe('https://techpreview.bbcollab.com');
    expect(
      filtersOf(
        'https://eu.bbcollab.com/collab/api/csa/recordings?limit=1000&offset=0&name=les&startTime=2026-01-01T00:00:00Z',
      ),
    ).toEqual({ name: 'les', startTime: '2026-01-01T00:00:00Z' });
    expect(filtersOf('https://eu.bbcollab.com/collab/api/csa/sessions?name=x')).toBeUndefined();
  });
});
