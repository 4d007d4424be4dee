// A file fetched in several ranges at once against a scripted server that honours Range (or ignores it, cuts
// connections, answers 503): the bytes come out whole and in order, the connections are shared and bounded.
import { describe, expect, it } from 'vitest';
import { httpError } from '@/utils/errors';
import { RangedFetcher } from '@/utils/export/ranged-fetch';
import type { SourceFile, SourceOptions } from '@/utils/export/source';
import { readAll } from './bodies';

const PART = 1_000;

function bytesOf(length: number, seed: number): Uint8Array {
  return new Uint8Array(Array.from({ length }, (_, i) => (i * 7 + seed) % 251));
}

interface Ask {
  url: string;
  range?: string;
  ifRange?: string;
}

interface Plan {
  status?: number;
  /** Bytes of the answer's body sent before the connection breaks. */
  cutAt?: number;
  etag?: string;
  /** Answer the whole file with 200, whatever the Range. */
  ignoreRange?: boolean;
}

/**
 * Files by address, served like S3: a single range → 206 with Content-Range, If-Range honoured. Counts the
 * connections open at once and the body bytes sent but not yet read by the consumer of the file.
 */
function server(files: Record<string, Uint8Array>, script: (ask: Ask, n: number) => Plan = () => ({})) {
  const asks: Ask[] = [];
  let open = 0;
  let mostOpen = 0;
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const ask = { url, range: headers.get('Range') ?? undefined, ifRange: headers.get('If-Range') ?? undefined };
    asks.push(ask);
    const plan = script(ask, asks.length);
    const file = files[url] as Uint8Array;
    const etag = plan.etag ?? '"v1"';
    if (plan.status) return new Response('busy', { status: plan.status });
    const match = /^bytes=(\d+)-(\d*)$/.exec(ask.range ?? '');
    const ranged = match && !plan.ignoreRange && (!ask.ifRange || ask.ifRange === etag);
    if (ranged && Number(match[1]) >= file.length) {
      return new Response('', { status: 416, headers: { 'Content-Range': `bytes */${file.length}` } });
    }
    const from = ranged ? Number(match[1]) : 0;
    const to = ranged && match[2] ? Math.min(file.length, Number(match[2]) + 1) : file.length;
    const data = file.subarray(from, to);
    const cutAt = plan.cutAt;
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    let sent = 0;
    const closed = () => {
      open -= 1;
    };
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const end = Math.min(data.length, cutAt ?? data.length, sent + 300);
          if (sent >= end) {
            closed();
            return cutAt !== undefined && cutAt < data.length
              ? controller.error(new TypeError('network error'))
              : controller.close();
          }
          controller.enqueue(data.slice(sent, end));
          sent = end;
        },
        cancel: closed,
      },
      { highWaterMark: 0 },
    );
    const responseHeaders: Record<string, string> = {
      'Content-Length': String(data.length),
      'Content-Type': 'video/mp4',
      ETag: etag,
    };
    if (ranged) responseHeaders['Content-Range'] = `bytes ${from}-${to - 1}/${file.length}`;
    return new Response(body, { status: ranged ? 206 : 200, headers: responseHeaders });
  }) as typeof fetch;
  return { asks, fetchImpl, mostOpen: () => mostOpen };
}

function options(fetchImpl: typeof fetch, signal = new AbortController().signal): SourceOptions {
  return {
    signal,
    check: async (response) => {
      if (!response.ok) throw httpError(response);
    },
    fetch: fetchImpl,
    sleep: async () => undefined,
  };
}

const video = (url: string, sizeBytes?: number): SourceFile => ({ url, kind: 'video', sizeBytes, sizeExact: true });

describe('a file fetched in ranges', () => {
  it('comes out byte for byte in order, over no more connections than set, every range after the first with If-Range', async () => {
    const file = bytesOf(9_500, 1);
    const platform = server({ a: file });
    const fetcher = new RangedFetcher(4, PART);
    const opened = await fetcher.open(video('a'), options(platform.fetchImpl));
    expect(opened.length).toBe(9_500);
    expect(await readAll(opened.body)).toEqual(file);
    expect(platform.asks.map((ask) => ask.range)).toEqual(
      Array.from({ length: 10 }, (_, n) => `bytes=${n * PART}-${Math.min(9_499, n * PART + PART - 1)}`),
    );
    expect(platform.asks[0]?.ifRange).toBeUndefined();
    expect(platform.asks.slice(1).every((ask) => ask.ifRange === '"v1"')).toBe(true);
    expect(platform.mostOpen()).toBeGreaterThan(1);
    expect(platform.mostOpen()).toBeLessThanOrEqual(4);
  });

  it('holds no more than connections × part size that was not read yet', async () => {
    const file = bytesOf(20_000, 2);
    let served = 0;
    const platform = server({ a: file }, (ask) => {
      const match = /bytes=(\d+)-(\d+)/.exec(ask.range ?? '');
      served += match ? Number(match[2]) + 1 - Number(match[1]) : file.length;
      return {};
    });
    const fetcher = new RangedFetcher(3, PART);
    const opened = await fetcher.open(video('a'), options(platform.fetchImpl));
    const reader = opened.body.getReader();
    let read = 0;
    let mostAhead = 0;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      read += next.value.byteLength;
      // A slow reader: the parts ahead fill up meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 0));
      mostAhead = Math.max(mostAhead, served - read);
    }
    expect(read).toBe(file.length);
    expect(mostAhead).toBeLessThanOrEqual(3 * PART);
  });

  it('asks for the next file’s first part while the current one ends, and keeps the files apart', async () => {
    const a = bytesOf(2_500, 3);
    const b = bytesOf(1_800, 4);
    const platform = server({ a, b });
    const fetcher = new RangedFetcher(4, PART);
    const openedA = await fetcher.open(video('a'), options(platform.fetchImpl));
    const openingB = fetcher.open(video('b'), options(platform.fetchImpl));
    await expect.poll(() => platform.asks.some((ask) => ask.url === 'b')).toBe(true);
    // Not one byte of the first file was read yet, and the second is on its way.
    expect(await readAll(openedA.body)).toEqual(a);
    expect(await readAll((await openingB).body)).toEqual(b);
  });

  it('continues a cut range from its first missing byte and tries a range answered 503 again', async () => {
    const file = bytesOf(4_000, 5);
    const platform = server({ a: file }, (ask, n) => {
      if (ask.range === 'bytes=1000-1999') return { cutAt: 400 };
      if (ask.range === 'bytes=2000-2999' && n < 8) return { status: 503 };
      return {};
    });
    const fetcher = new RangedFetcher(4, PART);
    const opened = await fetcher.open(video('a'), options(platform.fetchImpl));
    expect(await readAll(opened.body)).toEqual(file);
    const ranges = platform.asks.map((ask) => ask.range);
    expect(ranges).toContain('bytes=1400-1999');
    expect(ranges.filter((range) => range === 'bytes=2000-2999').length).toBeGreaterThan(1);
  });

  it('reads the whole file over one connection when the server ignores Range', async () => {
    const file = bytesOf(5_000, 6);
    const platform = server({ a: file }, () => ({ ignoreRange: true }));
    const opened = await new RangedFetcher(4, PART).open(video('a'), options(platform.fetchImpl));
    expect(await readAll(opened.body)).toEqual(file);
    expect(platform.asks.length).toBe(1);
  });

  it('refuses to stitch a file that changed between its ranges', async () => {
    const file = bytesOf(3_000, 7);
    const platform = server({ a: file }, (_ask, n) => (n > 1 ? { etag: '"v2"' } : {}));
    const opened = await new RangedFetcher(2, PART).open(video('a'), options(platform.fetchImpl));
    await expect(readAll(opened.body)).rejects.toMatchObject({ info: { code: 'changed' } });
  });

  it('asks for an empty file, small files and text files whole', async () => {
    const platform = server({ empty: new Uint8Array(0), small: bytesOf(500, 8), chat: bytesOf(3_000, 9) });
    const fetcher = new RangedFetcher(2, PART);
    expect(await readAll((await fetcher.open(video('empty'), options(platform.fetchImpl))).body)).toEqual(
      new Uint8Array(0),
    );
    expect(await readAll((await fetcher.open(video('small', 500), options(platform.fetchImpl))).body)).toEqual(
      bytesOf(500, 8),
    );
    const chat = await fetcher.open({ url: 'chat', kind: 'chat' }, options(platform.fetchImpl));
    expect(await readAll(chat.body)).toEqual(bytesOf(3_000, 9));
    expect(platform.asks.map((ask) => [ask.url, ask.range])).toEqual([
      ['empty', 'bytes=0-999'],
      ['empty', undefined],
      ['small', undefined],
      ['chat', undefined],
    ]);
  });

  it('gives its connections back when a file is cancelled half-read, so the next file still comes', async () => {
    const a = bytesOf(5_000, 10);
    const b = bytesOf(2_000, 11);
    const platform = server({ a, b });
    const fetcher = new RangedFetcher(1, PART);
    const openedA = await fetcher.open(video('a'), options(platform.fetchImpl));
    const reader = openedA.body.getReader();
    await reader.read();
    await reader.cancel();
    expect(await readAll((await fetcher.open(video('b'), options(platform.fetchImpl))).body)).toEqual(b);
  });
});
