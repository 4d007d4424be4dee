import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ExportError } from '@/utils/errors';
import { ZOOM } from '@/utils/sites/zoom';
import { ZoomClient } from '@/utils/sites/zoom-client';
import { listQueryOf } from '@/utils/sites/zoom-page';
import { zoomRefererRule } from '@/utils/sites/zoom-referer';
import { parseUsDate, splitRange } from '@/utils/sites/zoom-time';

const DAY = 86_400_000;

describe('date ranges longer than one listing call may span', () => {
  it.each([
    [{ from: '11/01/2026', to: '11/30/2026' }, 30, [{ from: '11/01/2026', to: '11/30/2026' }]],
    [
      { from: '11/01/2026', to: '12/01/2026' },
      30,
      [
        { from: '11/02/2026', to: '12/01/2026' },
        { from: '11/01/2026', to: '11/01/2026' },
      ],
    ],
    [
      { from: '02/27/2028', to: '03/02/2028' },
      2,
      [
        { from: '03/01/2028', to: '03/02/2028' },
        { from: '02/28/2028', to: '02/29/2028' },
        { from: '02/27/2028', to: '02/27/2028' },
      ],
    ],
    [{ from: '01/05/2026', to: '01/05/2026' }, 30, [{ from: '01/05/2026', to: '01/05/2026' }]],
  ])('splits %j into parts of %i days, newest first', (range, days, parts) => {
    expect(splitRange(range, days)).toEqual(parts);
  });

  it('covers every day of fifteen years once, in parts no longer than the limit', () => {
    const parts = splitRange({ from: '01/01/2012', to: '11/22/2026' }, ZOOM.maxListDays);
    const days = parts.flatMap(({ from, to }) => {
      const [start, end] = [parseUsDate(from) ?? 0, parseUsDate(to) ?? 0];
      expect((end - start) / DAY + 1).toBeLessThanOrEqual(ZOOM.maxListDays);
      return Array.from({ length: (end - start) / DAY + 1 }, (_, i) => start + i * DAY);
    });
    expect(new Set(days).size).toBe(days.length);
    expect(days.length).toBe(((parseUsDate('11/22/2026') ?? 0) - (parseUsDate('01/01/2012') ?? 0)) / DAY + 1);
  });

  it('passes a range it cannot read on as it is', () => {
    expect(splitRange({ from: '', to: '13/45/2026' }, 30)).toEqual([{ from: '', to: '13/45/2026' }]);
    expect(splitRange({ from: '12/01/2026', to: '11/01/2026' }, 30)).toEqual([
      { from: '12/01/2026', to: '11/01/2026' },
    ]);
    expect(parseUsDate('02/30/2026')).toBeNull();
  });
});

/** A portal in a function: answers by path, records what it was asked. */
function fakeZoom(answer: (path: string, init: RequestInit, body: URLSearchParams) => Response) {
  const asked: Array<{ path: string; headers: Record<string, string>; body: URLSearchParams }> = [];
  const fetchImpl = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const body = new URLSearchParams(typeof init.body === 'string' ? init.body : String(init.body ?? ''));
    asked.push({ path: url.pathname + url.search, headers: (init.headers ?? {}) as Record<string, string>, body });
    return answer(url.pathname + url.search, init, body);
  }) as typeof fetch;
  return { asked, client: new ZoomClient('https://us06web.zoom.us', fetchImpl) };
}

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
const text = (value: string) => new Response(value, { headers: { 'Content-Type': 'text/plain' } });
const listAnswer = (total: number, ids: string[]) => ({
  status: true,
  result: { total_records: total, recordings: ids.map((meetingId) => ({ meetingId, topic: meetingId })) },
});

describe('asking Zoom for a whole search', () => {
  it('reads every page of every part of the range, each recording once, with the search', async () => {
    const { asked, client } = fakeZoom((path, _init, body) => {
      if (path === ZOOM.endpoints.csrf) return text('ZOOM-CSRFTOKEN:TOKEN1');
      const page = Number(body.get('p'));
      // The newer part holds 17 recordings (two pages), the older one 1; one recording spans both.
      if (body.get('from') === '11/02/2026') {
        return json(listAnswer(17, page === 1 ? Array.from({ length: 15 }, (_, i) => `new${i}`) : ['new15', 'both']));
      }
      return json(listAnswer(2, ['both', 'old0']));
    });
    const found = await client.listAll({ from: '11/01/2026', to: '12/01/2026', search: 'Macro' });
    expect(found.map((r) => r.id)).toEqual([...Array.from({ length: 16 }, (_, i) => `new${i}`), 'both', 'old0']);
    const lists = asked.filter((a) => a.path === ZOOM.endpoints.hostList);
    expect(
      lists.map((a) => [a.body.get('from'), a.body.get('to'), a.body.get('p'), a.body.get('search_value')]),
    ).toEqual([
      ['11/02/2026', '12/01/2026', '1', 'Macro'],
      ['11/02/2026', '12/01/2026', '2', 'Macro'],
      ['11/01/2026', '11/01/2026', '1', 'Macro'],
    ]);
    expect(lists.every((a) => a.headers['Zoom-Csrftoken'] === 'TOKEN1')).toBe(true);
    // One CSRF token for the whole search.
    expect(asked.filter((a) => a.path === ZOOM.endpoints.csrf)).toHaveLength(1);
  });

  it('sends the bearer with detail calls and fetches token and bearer again once on 401', async () => {
    let tokens = 0;
    let naks = 0;
    const { asked, client } = fakeZoom((path) => {
      if (path === ZOOM.endpoints.csrf) return text(`ZOOM-CSRFTOKEN:T${++tokens}`);
      if (path === ZOOM.endpoints.nak) return text(`h.p${++naks}.s`);
      // The first bearer has expired meanwhile.
      const bearer = asked.at(-1)?.headers.Authorization;
      if (bearer === 'Bearer h.p1.s') return json({ status: false, errorCode: 401 }, 401);
      return json({ status: true, result: { clipFilesResultMap: { '1': [{ playId: 'a', iconType: 'CHAT' }] } } });
    });
    const files = await client.files({
      site: 'zoom',
      id: 'm/1',
      title: '',
      startedAt: '',
      status: 'ready',
      columns: {},
    });
    expect(files.map((f) => f.id)).toEqual(['a']);
    const details = asked.filter((a) => a.path.startsWith(ZOOM.endpoints.detail));
    expect(details.map((a) => [a.path, a.headers.Authorization, a.headers['Zoom-Csrftoken']])).toEqual([
      [`${ZOOM.endpoints.detail}?meeting_id=m%2F1`, 'Bearer h.p1.s', 'T1'],
      [`${ZOOM.endpoints.detail}?meeting_id=m%2F1`, 'Bearer h.p2.s', 'T2'],
    ]);
  });

  it('calls a signed-out bearer answer an expired session', async () => {
    const { client } = fakeZoom((path) =>
      path === ZOOM.endpoints.nak ? json({ status: false, errorCode: 201 }) : text('ZOOM-CSRFTOKEN:x'),
    );
    const error = await client.recording('m').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).info).toEqual({ code: 'session-expired', site: 'zoom' });
  });

  it('calls a second 401 an expired session', async () => {
    const { client } = fakeZoom((path) =>
      path.startsWith(ZOOM.endpoints.hostList) ? json({}, 401) : text('ZOOM-CSRFTOKEN:x'),
    );
    const error = await client.listPage({ from: '', to: '', page: 1 }).catch((e: unknown) => e);
    expect((error as ExportError).info.code).toBe('session-expired');
  });
});

describe("the page's own search", () => {
  it('reads the search and the dates from the form the user filled in', () => {
    document.body.innerHTML = `<input class="search-input" value=" Macro "><input class="date-from" value="08/01/2026">
      <input class="date-to" value="11/30/2026">`;
    expect(listQueryOf('https://us06web.zoom.us/recording?p=3', document)).toEqual({
      from: '08/01/2026',
      to: '11/30/2026',
      search: 'Macro',
      page: 3,
    });
  });

  it('without a form: the address, else every recording up to tomorrow', () => {
    document.body.innerHTML = '';
    const today = new Date(2026, 10, 21, 12);
    expect(listQueryOf('https://zoom.us/recording?search_value=x&from=01/02/2026', document, today)).toEqual({
      from: '01/02/2026',
      to: '11/22/2026',
      search: 'x',
      page: 1,
    });
    expect(listQueryOf('https://zoom.us/recording?from=bad', document, today).from).toBe('01/01/2011');
  });
});

describe('the Referer for Zoom media', () => {
  it("is set only on the extension's own requests (no tab, this extension) to the media host, for the export's portal", () => {
    expect(zoomRefererRule('https://uni-example.zoom.us')).toEqual({
      id: expect.any(Number),
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [{ header: 'Referer', operation: 'set', value: 'https://uni-example.zoom.us/' }],
      },
      condition: {
        requestDomains: ['ssrweb.zoom.us'],
        initiatorDomains: [new URL(fakeBrowser.runtime.getURL('/')).host],
        tabIds: [-1],
        resourceTypes: ['xmlhttprequest', 'media', 'other'],
      },
    });
  });
});
