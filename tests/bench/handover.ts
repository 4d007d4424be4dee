// The last stage of the ZIP path measured without Reclaim's code: a stream answered by the extension's service
// worker and saved by the browser's download manager, as Reclaim saves its ZIP. A probe fetch listener is added
// to the worker of the benchmark's own browser (only for /__bench/ addresses, which Reclaim's handler ignores):
//   /__bench/gen   — bytes made in the worker: the hand-over alone;
//   /__bench/relay — recording files fetched one after the other, CRC-32 computed as client-zip does (or not,
//                    with crc=0), and passed on: Reclaim's path minus client-zip's framing, the database and the
//                    progress writes.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Harness } from '../e2e/harness.ts';
import type { ZoomFile } from '../portal/dataset.ts';
import { shimNames, waitFor } from './util.ts';

interface FetchEventLike {
  request: Request;
  respondWith(response: Response): void;
}

/** Runs in the worker. Installs the probe once per worker. */
function installProbe(relayUrls: string[]): void {
  const scope = globalThis as unknown as { __benchProbe?: boolean; __benchRelay?: string[] };
  scope.__benchRelay = relayUrls;
  if (scope.__benchProbe) return;
  scope.__benchProbe = true;
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (c & 1 && 0xedb88320);
    table[i] = c;
  }
  const crc32 = (bytes: Uint8Array, previous: number) => {
    let c = ~previous;
    for (let i = 0; i < bytes.length; i++) c = (c >>> 8) ^ (table[(c ^ (bytes[i] as number)) & 255] as number);
    return ~c >>> 0;
  };
  const generated = (total: number, chunk: number) => {
    const block = new Uint8Array(chunk).map((_, i) => i & 255);
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close();
        const size = Math.min(chunk, total - sent);
        sent += size;
        // A fresh copy each time, as fetched chunks are: the hand-over may keep the buffer it is given.
        controller.enqueue(block.slice(0, size));
      },
    });
  };
  const relayed = (urls: string[], withCrc: boolean) => {
    let index = 0;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    let crc = 0;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        for (;;) {
          if (!reader) {
            const url = urls[index++];
            if (url === undefined) return controller.close();
            const response = await fetch(url, { credentials: 'include' });
            reader = (response.body as ReadableStream<Uint8Array>).getReader();
            crc = 0;
          }
          const { done, value } = await reader.read();
          if (done) {
            reader = undefined;
            continue;
          }
          if (withCrc) crc = crc32(value, crc);
          controller.enqueue(value);
          return;
        }
      },
    });
  };
  self.addEventListener('fetch', (event) => {
    const fetchEvent = event as unknown as FetchEventLike;
    const url = new URL(fetchEvent.request.url);
    if (!url.pathname.startsWith('/__bench/')) return;
    const body = url.pathname.endsWith('/gen')
      ? generated(Number(url.searchParams.get('bytes')), Number(url.searchParams.get('chunk')))
      : relayed(scope.__benchRelay ?? [], url.searchParams.get('crc') !== '0');
    const name = `bench-${url.pathname.split('/').pop()}.bin`;
    fetchEvent.respondWith(
      new Response(body, { headers: { 'Content-Disposition': `attachment; filename="${name}"` } }),
    );
  });
}

/** Opens `path` of the extension in a tab (the browser saves it), waits for the whole file; returns MB/s. */
async function saveThroughWorker(harness: Harness, path: string, name: string, bytes: number): Promise<number> {
  const dir = await harness.freshDownloads();
  const worker = await shimNames(harness.worker);
  const start = Date.now();
  await worker.evaluate(async (url: string) => {
    const tabs = (globalThis as unknown as { chrome: { tabs: { create(o: object): Promise<unknown> } } }).chrome.tabs;
    await tabs.create({ url, active: false });
  }, path);
  try {
    const file = await waitFor(
      `${name} saved from the worker`,
      120_000,
      () => {
        const names = readdirSync(dir);
        return names.includes(name) && !names.some((n) => n.endsWith('.crdownload')) ? join(dir, name) : undefined;
      },
      { intervalMs: 50, describe: () => readdirSync(dir).join(', ') },
    );
    const ms = Date.now() - start;
    if (statSync(file).size !== bytes) throw new Error(`${name}: ${statSync(file).size} bytes, expected ${bytes}`);
    return bytes / 1000 / ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function handoverStages(harness: Harness, relayFiles: ZoomFile[]) {
  const urls = relayFiles.map((file) => `https://us06web.zoom.us/rec/download/${encodeURIComponent(file.playId)}`);
  await (await shimNames(harness.worker)).evaluate(installProbe, urls);
  const genBytes = 1_000_000_000;
  // 256 KiB: about the size of the chunks fetch hands over (see the worker stages line).
  const gen = await saveThroughWorker(
    harness,
    `/__bench/gen?bytes=${genBytes}&chunk=262144`,
    'bench-gen.bin',
    genBytes,
  );
  const relayBytes = relayFiles.reduce((sum, file) => sum + file.sizeBytes, 0);
  const relay = await saveThroughWorker(harness, '/__bench/relay?crc=1', 'bench-relay.bin', relayBytes);
  const relayNoCrc = await saveThroughWorker(harness, '/__bench/relay?crc=0', 'bench-relay.bin', relayBytes);
  return { genMBps: gen, relayMBps: relay, relayNoCrcMBps: relayNoCrc, relayBytes, relayFiles: relayFiles.length };
}
