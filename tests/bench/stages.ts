// The ZIP path's stages measured one by one inside the extension's service worker, on one big recording file:
// fetching it alone (as Reclaim's source does, with the session cookie and the redirect), fetching it while
// computing CRC-32 the way client-zip 2.5 does (Sarwate's table, byte by byte; Reclaim's build puts a faster one,
// utils/export/crc32.ts, in its place, so these two lines show the older cost), the same through stream layers
// like Reclaim's (a pull-based wrapper as in source.ts, a TransformStream as in countBytes, another pull-based
// wrapper as in reportErrors), and CRC-32 alone on memory. What the export loses beyond the layered read is the
// hand-over of the ZIP stream from the worker's Response to the browser's download manager (and ZIP headers).
import type { Harness } from '../e2e/harness.ts';
import type { ZoomFile } from '../portal/dataset.ts';
import { shimNames } from './util.ts';

export interface Stages {
  bytes: number;
  fetchMBps: number;
  /** Mean size of the chunks fetch's body hands to JavaScript. */
  chunkKB: number;
  fetchCrcMBps: number;
  layersMBps: number;
  crcMBps: number;
}

export async function workerStages(harness: Harness, file: ZoomFile): Promise<Stages> {
  const url = `https://us06web.zoom.us/rec/download/${encodeURIComponent(file.playId)}`;
  const worker = await shimNames(harness.worker);
  return worker.evaluate(async (address: string): Promise<Stages> => {
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
    /** A pull-based wrapper that reads one chunk per pull, as Reclaim's source and error-reporting streams do. */
    const wrap = (stream: ReadableStream<Uint8Array>) => {
      const inner = stream.getReader();
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await inner.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
      });
    };
    const read = async (withCrc: boolean, layered = false) => {
      const start = performance.now();
      const response = await fetch(address, { credentials: 'include' });
      let body = response.body as ReadableStream<Uint8Array>;
      let layerCrc = 0;
      if (layered) {
        const counting = new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            layerCrc = crc32(chunk, layerCrc);
            controller.enqueue(chunk);
          },
        });
        body = wrap(wrap(body).pipeThrough(counting));
      }
      const reader = body.getReader();
      let bytes = 0;
      let chunks = 0;
      let crc = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        chunks += 1;
        if (withCrc) crc = crc32(value, crc);
      }
      return { bytes, chunks, ms: performance.now() - start, crc };
    };
    // Best of three, taken in turns: the machine is shared and a single half-second read is easily disturbed.
    const best = { plain: 0, crc: 0, layered: 0, chunks: 0, bytes: 0 };
    for (let round = 0; round < 3; round++) {
      const plainRead = await read(false);
      const crcRead = await read(true);
      const layeredRead = await read(false, true);
      best.bytes = plainRead.bytes;
      best.chunks = Math.max(best.chunks, plainRead.chunks);
      best.plain = Math.max(best.plain, plainRead.bytes / 1000 / plainRead.ms);
      best.crc = Math.max(best.crc, crcRead.bytes / 1000 / crcRead.ms);
      best.layered = Math.max(best.layered, layeredRead.bytes / 1000 / layeredRead.ms);
    }
    // CRC alone over 64 KiB blocks, 128 MB a round.
    const block = new Uint8Array(65536).map((_, i) => (i * 131) & 255);
    let crcMBps = 0;
    let crc = 0;
    for (let round = 0; round < 3; round++) {
      const crcStart = performance.now();
      for (let i = 0; i < 2048; i++) crc = crc32(block, crc);
      crcMBps = Math.max(crcMBps, (2048 * 65536) / 1000 / (performance.now() - crcStart));
    }
    return {
      bytes: best.bytes,
      fetchMBps: best.plain,
      // The most chunks seen gives the smallest mean chunk: the conservative figure.
      chunkKB: best.bytes / best.chunks / 1024,
      fetchCrcMBps: best.crc,
      layersMBps: best.layered,
      crcMBps: crcMBps + (crc & 0), // using `crc` keeps the loop from being optimised away
    };
  }, url);
}
