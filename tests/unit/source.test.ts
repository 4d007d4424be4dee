// The resumable source against a scripted server: cut bodies, Range answers, servers that ignore Range.
import { describe, expect, it } from 'vitest';
import { ExportError, httpError, pausesExport } from '@/utils/errors';
import { openSource, type SourceOptions } from '@/utils/export/source';
import { cutAfter, readAll, silentAfter } from './bodies';

const FILE = new Uint8Array(Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251));

interface Ask {
  range?: string;
  ifRange?: string;
}

type Script = (
  ask: Ask,
  n: number,
) => { status?: number; from?: number; cutAt?: number; etag?: string; body?: Uint8Array };

/** A fetch that serves FILE (or the script's body) and records every request. */
function server(script: Script) {
  const asks: Ask[] = [];
  const fetchImpl = (async (_url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const ask = { range: headers.get('Range') ?? undefined, ifRange: headers.get('If-Range') ?? undefined };
    asks.push(ask);
    const plan = script(ask, asks.length);
    const status = plan.status ?? (ask.range ? 206 : 200);
    const from = status === 206 ? Number(/bytes=(\d+)-/.exec(ask.range ?? '')?.[1]) : 0;
    const data = (plan.body ?? FILE).subarray(from);
    const cutAt = plan.cutAt;
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new TypeError('network error'));
        sent = true;
        controller.enqueue(cutAt === undefined ? data : data.subarray(0, cutAt));
        if (cutAt === undefined) controller.close();
      },
    });
    const responseHeaders: Record<string, string> = {
      'Content-Length': String(data.length),
      'Content-Type': 'video/mp4',
      ETag: plan.etag ?? '"v1"',
    };
    if (status === 206) responseHeaders['Content-Range'] = `bytes ${from}-${FILE.length - 1}/${FILE.length}`;
    return new Response(status >= 400 ? 'error' : body, { status, headers: responseHeaders });
  }) as typeof fetch;
  return { asks, fetchImpl };
}

function options(fetchImpl: typeof fetch, extra: Partial<SourceOptions> = {}): SourceOptions {
  return {
    signal: new AbortController().signal,
    check: async (response) => {
      if (!response.ok) throw httpError(response);
    },
    fetch: fetchImpl,
    sleep: async () => undefined,
    ...extra,
  };
}

const file = { url: 'https://ssrweb.zoom.us/x.mp4', kind: 'video' as const };

describe('a file that arrives in pieces', () => {
  it('continues a body cut half-way with Range and If-Range, and the bytes are whole', async () => {
    const { asks, fetchImpl } = server((_ask, n) => (n === 1 ? { cutAt: 4_000 } : {}));
    const retries: number[] = [];
    const opened = await openSource(file, options(fetchImpl, { onRetry: (n) => void retries.push(n) }));
    expect(opened.length).toBe(FILE.length);
    expect(await readAll(opened.body)).toEqual(FILE);
    expect(asks).toEqual([
      { range: undefined, ifRange: undefined },
      { range: 'bytes=4000-', ifRange: '"v1"' },
    ]);
    expect(retries).toEqual([1]);
  });

  it('survives several cuts in a row', async () => {
    const { asks, fetchImpl } = server((_ask, n) => (n <= 3 ? { cutAt: 1_000 } : {}));
    expect(await readAll((await openSource(file, options(fetchImpl))).body)).toEqual(FILE);
    expect(asks.map((a) => a.range)).toEqual([undefined, 'bytes=1000-', 'bytes=2000-', 'bytes=3000-']);
  });

  it('skips what it already has when the server ignores Range and sends the same file again', async () => {
    const { fetchImpl } = server((_ask, n) => (n === 1 ? { cutAt: 2_500 } : { status: 200 }));
    expect(await readAll((await openSource(file, options(fetchImpl))).body)).toEqual(FILE);
  });

  it('refuses to stitch together a file that changed meanwhile', async () => {
    const { fetchImpl } = server((_ask, n) => (n === 1 ? { cutAt: 2_500 } : { status: 200, etag: '"v2"' }));
    const opened = await openSource(file, options(fetchImpl));
    await expect(readAll(opened.body)).rejects.toMatchObject({ info: { code: 'changed' } });
  });

  it('gives up after the last try that brought nothing and says the file is incomplete', async () => {
    const { asks, fetchImpl } = server((_ask, n) => ({ cutAt: n === 1 ? 10 : 0 }));
    const opened = await openSource(file, options(fetchImpl, { policy: { attempts: 3, baseMs: 1, maxMs: 1 } }));
    await expect(readAll(opened.body)).rejects.toBeTruthy();
    // The first answer brought bytes, which gave the file its tries back; the three after it brought none.
    expect(asks.length).toBe(4);
  });

  it('gets its tries back when a body brought bytes before it broke (a soak file failed on scattered faults)', async () => {
    // As the soak's video met them: three 503s, a body that stalls after some bytes, two more 503s, then the rest.
    const { asks, fetchImpl } = server((_ask, n) =>
      n <= 3 || n === 5 || n === 6 ? { status: 503 } : n === 4 ? { cutAt: 2_480 } : {},
    );
    const opened = await openSource(file, options(fetchImpl));
    expect(await readAll(opened.body)).toEqual(FILE);
    expect(asks.length).toBe(7);
  });

  it('still ends against a server that cuts every answer after a few bytes', async () => {
    const { asks, fetchImpl } = server(() => ({ cutAt: 10 }));
    const opened = await openSource(file, options(fetchImpl, { policy: { attempts: 3, baseMs: 1, maxMs: 1 } }));
    await expect(readAll(opened.body)).rejects.toBeTruthy();
    // Bytes give the tries back only as many times as a file has tries: 3 + 3 asks, never a thousand.
    expect(asks.length).toBe(6);
  });
});

describe('answers that are errors', () => {
  it('tries again after 503 twice, then takes the file', async () => {
    const { asks, fetchImpl } = server((_ask, n) => (n <= 2 ? { status: 503 } : {}));
    const retries: string[] = [];
    const opened = await openSource(
      file,
      options(fetchImpl, { onRetry: (_n, e) => void retries.push(e.detail ?? '') }),
    );
    expect(await readAll(opened.body)).toEqual(FILE);
    expect(asks.length).toBe(3);
    expect(retries).toEqual(['503', '503']);
  });

  it('does not try again after 404', async () => {
    const { asks, fetchImpl } = server(() => ({ status: 404 }));
    const error = (await openSource(file, options(fetchImpl)).catch((e) => e)) as ExportError;
    expect(error.info).toMatchObject({ code: 'http', detail: '404' });
    expect(asks.length).toBe(1);
  });

  it('refuses a file whose size is not what the platform announced in bytes', async () => {
    const { fetchImpl } = server(() => ({}));
    const error = (await openSource({ ...file, sizeBytes: 9_999, sizeExact: true }, options(fetchImpl)).catch(
      (e) => e,
    )) as ExportError;
    expect(error.info).toMatchObject({ code: 'size-mismatch', detail: '10000/9999' });
  });

  it('allows rounded megabytes their slack', async () => {
    const { fetchImpl } = server(() => ({}));
    const opened = await openSource({ ...file, sizeBytes: 10_485, sizeExact: false }, options(fetchImpl));
    expect(await readAll(opened.body)).toEqual(FILE);
  });
});

describe('an answer that is not the file, when the session has ended', () => {
  // SITES.md: Zoom may answer a download with its sign-in page, status 200, at the download address itself.
  const signInPage = (): Response =>
    new Response('<html><button>Sign in</button></html>', { headers: { 'Content-Type': 'text/html' } });
  const refuseHtml = async (response: Response) => {
    if (response.headers.get('Content-Type')?.includes('html')) {
      throw new ExportError({ code: 'not-media', detail: 'text/html' });
    }
  };

  it('asks the platform, and an ended session pauses the export instead of failing the file', async () => {
    let asked = 0;
    const error = (await openSource(
      file,
      options((async () => signInPage()) as typeof fetch, {
        check: refuseHtml,
        site: 'zoom',
        sessionEnded: async () => {
          asked += 1;
          return true;
        },
      }),
    ).catch((e) => e)) as ExportError;
    expect(asked).toBe(1);
    expect(error.info).toMatchObject({ code: 'session-expired', site: 'zoom' });
    expect(pausesExport(error.info)).toBe(true);
  });

  it('asks about a tiny answer of the wrong size too (a sign-in page without its type)', async () => {
    const tiny = new Response('<html>Sign in</html>', { headers: { 'Content-Length': '20' } });
    const error = (await openSource(
      { ...file, sizeBytes: 9_999, sizeExact: true },
      options((async () => tiny) as typeof fetch, { site: 'zoom', sessionEnded: async () => true }),
    ).catch((e) => e)) as ExportError;
    expect(error.info).toMatchObject({ code: 'session-expired', site: 'zoom' });
  });

  it('fails only that file when the session is alive', async () => {
    const error = (await openSource(
      file,
      options((async () => signInPage()) as typeof fetch, { check: refuseHtml, sessionEnded: async () => false }),
    ).catch((e) => e)) as ExportError;
    expect(error.info).toMatchObject({ code: 'not-media' });
  });
});

describe('a signed link that expired before a resume', () => {
  it('asks the platform for a fresh link and continues from the first missing byte', async () => {
    const asks: Array<{ url: string; range?: string }> = [];
    const fetchImpl = (async (url: string, init?: RequestInit) => {
      const range = new Headers(init?.headers).get('Range') ?? undefined;
      asks.push({ url, range });
      if (url.endsWith('/1') && !range) {
        const cut = cutAfter(FILE.subarray(0, 4_000));
        return new Response(cut, { headers: { 'Content-Length': String(FILE.length), ETag: '"v1"' } });
      }
      // The first link expired meanwhile (Collaborate's links live 30 minutes): S3's refusal.
      if (url.endsWith('/1')) return new Response('<Error><Code>AccessDenied</Code></Error>', { status: 403 });
      return new Response(FILE.subarray(4_000), {
        status: 206,
        headers: { 'Content-Range': `bytes 4000-${FILE.length - 1}/${FILE.length}`, ETag: '"v1"' },
      });
    }) as typeof fetch;
    let links = 0;
    const request = async () => ({ url: `https://signed.example/${++links}` });
    const opened = await openSource(file, options(fetchImpl, { request }));
    expect(await readAll(opened.body)).toEqual(FILE);
    expect(asks).toEqual([
      { url: 'https://signed.example/1', range: undefined },
      { url: 'https://signed.example/1', range: 'bytes=4000-' },
      { url: 'https://signed.example/2', range: 'bytes=4000-' },
    ]);
  });

  it('takes a 403 on a link asked for just now as final', async () => {
    const fetchImpl = (async () => new Response('denied', { status: 403 })) as typeof fetch;
    let links = 0;
    const request = async () => ({ url: `https://signed.example/${++links}` });
    const error = (await openSource(file, options(fetchImpl, { request })).catch((e) => e)) as ExportError;
    expect(error.info).toMatchObject({ code: 'http', detail: '403' });
    expect(links).toBe(1);
  });
});

describe('a text file the server compresses', () => {
  const vtt = new TextEncoder().encode(`WEBVTT\n\n${'00:00:01.000 --> 00:00:02.000\nline\n\n'.repeat(500)}`);
  // What a browser's fetch shows: the compressed length in Content-Length, the body already decoded.
  const gzipped = () =>
    new Response(vtt, { headers: { 'Content-Encoding': 'gzip', 'Content-Length': '412', 'Content-Type': 'text/vtt' } });

  it('takes a gzip-encoded answer whole, its length the decoded one', async () => {
    const opened = await openSource({ ...file, kind: 'captions' }, options((async () => gzipped()) as typeof fetch));
    expect(opened.length).toBe(vtt.length);
    expect(await readAll(opened.body)).toEqual(vtt);
  });

  it('asks again when the compressed answer breaks off, and never stitches decoded bytes with Range', async () => {
    const asks: Ask[] = [];
    const fetchImpl = (async (_url: string, init?: RequestInit) => {
      asks.push({ range: new Headers(init?.headers).get('Range') ?? undefined });
      if (asks.length > 1) return gzipped();
      const broken = cutAfter(vtt.subarray(0, 100));
      return new Response(broken, { headers: { 'Content-Encoding': 'gzip', 'Content-Length': '412' } });
    }) as typeof fetch;
    const opened = await openSource({ ...file, kind: 'captions' }, options(fetchImpl));
    expect(await readAll(opened.body)).toEqual(vtt);
    expect(asks).toEqual([{ range: undefined }, { range: undefined }]);
  });
});

describe('a compressed text file taken up again after a restart', () => {
  it('refuses another version, or another length, instead of stitching it to the parts already sent', async () => {
    const text = new TextEncoder().encode('x'.repeat(12_000));
    const answer = (etag: string) =>
      (async () => new Response(text, { headers: { 'Content-Encoding': 'gzip', ETag: etag } })) as typeof fetch;
    await expect(
      openSource({ ...file, kind: 'transcript' }, options(answer('"v2"'), { start: 4_000, validator: '"v1"' })),
    ).rejects.toMatchObject({ info: { code: 'changed' } });
    await expect(
      openSource({ ...file, kind: 'transcript' }, options(answer('"v1"'), { start: 0, expectedLength: 99_999 })),
    ).rejects.toMatchObject({ info: { code: 'changed' } });
    const same = await openSource(
      { ...file, kind: 'transcript' },
      options(answer('"v1"'), { start: 4_000, validator: '"v1"', expectedLength: text.length }),
    );
    expect(await readAll(same.body)).toEqual(text.subarray(4_000));
  });

  it('stops asking a server that answers every request with a part of the file', async () => {
    let requests = 0;
    const partial = (async () => {
      requests += 1;
      return new Response('abc', {
        status: 206,
        headers: { 'Content-Encoding': 'gzip', 'Content-Range': 'bytes 0-2/9' },
      });
    }) as typeof fetch;
    await expect(openSource({ ...file, kind: 'transcript' }, options(partial))).rejects.toBeTruthy();
    expect(requests).toBeLessThanOrEqual(6);
  });
});

describe('a connection that stalls', () => {
  // The idle time is tiny here; what is tested is that a stall ends at all (it never ends by itself).
  const idle = { idleMs: 20 };

  /**
   * Headers, 4,000 bytes, then nothing at all (the connection open but silent); a request with Range gets the
   * rest. `lengthKnown`: whether the first answer says the file's length.
   */
  function silentThenResumable(lengthKnown: boolean) {
    const asks: Ask[] = [];
    const fetchImpl = (async (_url: string, init?: RequestInit) => {
      const range = new Headers(init?.headers).get('Range') ?? undefined;
      asks.push({ range });
      if (!range) {
        const headers: Record<string, string> = { ETag: '"v1"' };
        if (lengthKnown) headers['Content-Length'] = String(FILE.length);
        return new Response(silentAfter(FILE.subarray(0, 4_000)), { headers });
      }
      return new Response(FILE.subarray(4_000), {
        status: 206,
        headers: { 'Content-Range': `bytes 4000-${FILE.length - 1}/${FILE.length}`, ETag: '"v1"' },
      });
    }) as typeof fetch;
    return { asks, fetchImpl };
  }

  it('gives up on a body that stops sending, and continues it with Range from the first missing byte', async () => {
    const { asks, fetchImpl } = silentThenResumable(true);
    const opened = await openSource(file, options(fetchImpl, idle));
    expect(await readAll(opened.body)).toEqual(FILE);
    expect(asks).toEqual([{ range: undefined }, { range: 'bytes=4000-' }]);
  });

  it('never ends a file of unknown length at a stall: it is continued, not cut short', async () => {
    const { asks, fetchImpl } = silentThenResumable(false);
    const opened = await openSource(file, options(fetchImpl, idle));
    expect(await readAll(opened.body)).toEqual(FILE);
    expect(asks).toEqual([{ range: undefined }, { range: 'bytes=4000-' }]);
  });

  it('gives up on a compressed text answer that stops sending, and asks for it whole again', async () => {
    let requests = 0;
    const vtt = new TextEncoder().encode('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nline\n');
    const fetchImpl = (async () => {
      requests += 1;
      const headers = { 'Content-Encoding': 'gzip', 'Content-Type': 'text/vtt' };
      if (requests > 1) return new Response(vtt, { headers });
      const stalled = silentAfter(vtt.subarray(0, 10));
      return new Response(stalled, { headers });
    }) as typeof fetch;
    const opened = await openSource({ ...file, kind: 'captions' }, options(fetchImpl, idle));
    expect(await readAll(opened.body)).toEqual(vtt);
    expect(requests).toBe(2);
  });

  it('does not count as silence the time a body waits unread (a file asked for ahead of its turn)', async () => {
    let requests = 0;
    const fetchImpl = (async () => {
      requests += 1;
      return new Response(FILE, { headers: { 'Content-Length': String(FILE.length), ETag: '"v1"' } });
    }) as typeof fetch;
    const patient = { idleMs: 200 };
    const opened = await openSource(file, options(fetchImpl, patient));
    const reader = opened.body.getReader();
    const chunks: Uint8Array[] = [];
    const first = await reader.read();
    if (!first.done) chunks.push(first.value);
    // Its turn comes later: three idle times unread, then it is read on.
    await new Promise((resolve) => setTimeout(resolve, 3 * patient.idleMs));
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(FILE));
    expect(requests).toBe(1);
  });

  it('asks again when the headers of an answer never come', async () => {
    let requests = 0;
    const fetchImpl = (async (_url: string, init?: RequestInit) => {
      requests += 1;
      if (requests === 1) {
        // Never answers; only an abort ends the wait.
        return new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        );
      }
      return new Response(FILE, { headers: { 'Content-Length': String(FILE.length) } });
    }) as typeof fetch;
    const retries: string[] = [];
    const opened = await openSource(
      file,
      options(fetchImpl, { ...idle, onRetry: (_n, error) => void retries.push(error.code) }),
    );
    expect(await readAll(opened.body)).toEqual(FILE);
    expect(requests).toBe(2);
    expect(retries).toEqual(['network']);
  });
});

describe('a body nobody wants any more', () => {
  /** A fetch whose bodies hang until cancelled, counting requests and the reads asked of each body. */
  function hangingServer() {
    let requests = 0;
    let reads = 0;
    const fetchImpl = (async () => {
      requests += 1;
      const body = new ReadableStream<Uint8Array>(
        {
          pull: () => {
            reads += 1;
            return new Promise<void>(() => undefined);
          },
        },
        { highWaterMark: 0 },
      );
      return new Response(body, { status: 200, headers: { 'Content-Length': String(FILE.length), ETag: '"v1"' } });
    }) as typeof fetch;
    return { fetchImpl, requests: () => requests, reads: () => reads };
  }

  it('reads no byte before it is asked: a probe costs the platform only the headers', async () => {
    const platform = hangingServer();
    await openSource({ url: 'https://x/f', kind: 'video' }, options(platform.fetchImpl));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(platform.reads()).toBe(0);
  });

  it('asks the platform nothing more once its reader cancelled it, even with a read pending', async () => {
    const platform = hangingServer();
    const opened = await openSource({ url: 'https://x/f', kind: 'video' }, options(platform.fetchImpl));
    const reader = opened.body.getReader();
    const pending = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await reader.cancel();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(platform.requests()).toBe(1);
  });
});

describe('a file taken up again after a restart', () => {
  it('starts at the byte asked for, with If-Range, and ends with the rest of the file', async () => {
    const { asks, fetchImpl } = server(() => ({}));
    const opened = await openSource(file, options(fetchImpl, { start: 4_000, validator: '"v1"' }));
    expect(opened.length).toBe(FILE.length);
    expect(await readAll(opened.body)).toEqual(FILE.subarray(4_000));
    expect(asks).toEqual([{ range: 'bytes=4000-', ifRange: '"v1"' }]);
  });

  it('skips the part it has when the server sends the whole file', async () => {
    const { fetchImpl } = server(() => ({ status: 200 }));
    const opened = await openSource(file, options(fetchImpl, { start: 4_000, validator: '"v1"' }));
    expect(await readAll(opened.body)).toEqual(FILE.subarray(4_000));
  });

  it('refuses a file that changed since the first run', async () => {
    const { fetchImpl } = server(() => ({ status: 200, etag: '"v2"' }));
    await expect(openSource(file, options(fetchImpl, { start: 4_000, validator: '"v1"' }))).rejects.toMatchObject({
      info: { code: 'changed' },
    });
  });

  it('refuses a file of another length even when the server gives no validator to tell', async () => {
    const { fetchImpl } = server(() => ({}));
    const resumed = openSource(file, options(fetchImpl, { start: 4_000, expectedLength: FILE.length + 1 }));
    await expect(resumed).rejects.toMatchObject({ info: { code: 'changed' } });
    const whole = openSource(
      file,
      options(server(() => ({ status: 200 })).fetchImpl, { start: 4_000, expectedLength: FILE.length - 1 }),
    );
    await expect(whole).rejects.toMatchObject({ info: { code: 'changed' } });
    const same = await openSource(file, options(fetchImpl, { start: 4_000, expectedLength: FILE.length }));
    expect(await readAll(same.body)).toEqual(FILE.subarray(4_000));
  });

  // An S3 upload whose parts 2-4 were acknowledged but not part 1 reads the file again from byte 0: those bytes
  // must be of the version the acknowledged parts came from, or the object would stitch two versions together.
  it('refuses a file that changed since the first run also when it starts again from byte 0', async () => {
    const changedVersion = server(() => ({ etag: '"v2"' })).fetchImpl;
    await expect(openSource(file, options(changedVersion, { start: 0, validator: '"v1"' }))).rejects.toMatchObject({
      info: { code: 'changed' },
    });
    const sameVersion = await openSource(file, options(server(() => ({})).fetchImpl, { start: 0, validator: '"v1"' }));
    expect(await readAll(sameVersion.body)).toEqual(FILE);
  });

  it('refuses a file of another length from byte 0 when the server gives no validator', async () => {
    const noValidator = (async () =>
      new Response(FILE, { headers: { 'Content-Length': String(FILE.length) } })) as typeof fetch;
    await expect(
      openSource(file, options(noValidator, { start: 0, expectedLength: FILE.length + 1 })),
    ).rejects.toMatchObject({ info: { code: 'changed' } });
  });
});
