// Reclaim's own CRC-32 (utils/export/crc32.ts, slicing-by-16) measured in the extension's service worker, next to
// the bytewise one client-zip ships: the module is bundled as it is and evaluated in the worker, so the figure is
// the shipped code's in V8, not a copy of it.
import { buildSync } from 'esbuild';
import type { Harness } from '../e2e/harness.ts';
import { shimNames } from './util.ts';

export interface CrcStage {
  /** MB/s over 64 KiB blocks, best of three rounds of 128 MB. */
  slicedMBps: number;
  bytewiseMBps: number;
}

function bundledCrc(): string {
  const out = buildSync({
    entryPoints: ['utils/export/crc32.ts'],
    bundle: true,
    format: 'iife',
    globalName: '__reclaimCrc',
    write: false,
    target: 'es2022',
  });
  return (out.outputFiles[0] as { text: string }).text;
}

export async function crcStage(harness: Harness): Promise<CrcStage> {
  const worker = await shimNames(harness.worker);
  await worker.evaluate(`${bundledCrc()}; globalThis.__reclaimCrc = __reclaimCrc;`);
  return worker.evaluate(() => {
    const sliced = (globalThis as unknown as { __reclaimCrc: { crc32(b: Uint8Array, p: number): number } }).__reclaimCrc
      .crc32;
    const table = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (c & 1 && 0xedb88320);
      table[i] = c;
    }
    const bytewise = (bytes: Uint8Array, previous: number) => {
      let c = ~previous;
      for (let i = 0; i < bytes.length; i++) c = (c >>> 8) ^ (table[(c ^ (bytes[i] as number)) & 255] as number);
      return ~c >>> 0;
    };
    const block = new Uint8Array(65536).map((_, i) => (i * 131) & 255);
    const measure = (crc32: (b: Uint8Array, p: number) => number) => {
      let best = 0;
      let crc = 0;
      for (let round = 0; round < 3; round++) {
        const start = performance.now();
        for (let i = 0; i < 2048; i++) crc = crc32(block, crc);
        best = Math.max(best, (2048 * 65536) / 1000 / (performance.now() - start));
      }
      // Both must agree, or the faster figure means nothing.
      return { best, crc };
    };
    const fast = measure(sliced);
    const slow = measure(bytewise);
    if (fast.crc !== slow.crc) throw new Error(`CRC-32 differs: ${fast.crc} / ${slow.crc}`);
    return { slicedMBps: fast.best, bytewiseMBps: slow.best };
  });
}
