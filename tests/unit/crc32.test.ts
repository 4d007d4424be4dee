import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { makeZip } from 'client-zip';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Combine, crc32Once, crcCounter, crcHex } from '@/utils/export/crc32';
import { clientZipFastCrc } from '../../wxt.config';

function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** The plain bytewise CRC-32 (client-zip's own, the one the build replaces): the reference for the fast one. */
function bytewiseCrc32(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return ~crc >>> 0;
}

describe('CRC-32', () => {
  it('agrees with the bytewise reference on random data, lengths, offsets and continuations', () => {
    let seed = 1;
    const random = (below: number) => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % below;
    };
    for (let round = 0; round < 300; round++) {
      const buffer = noise(random(3_000) + 40, round + 100);
      const offset = random(33);
      const bytes = buffer.subarray(offset, offset + random(buffer.length - offset + 1));
      const previous = random(2) ? 0 : bytewiseCrc32(noise(random(50), round));
      expect(crc32(bytes, previous), `round ${round}`).toBe(bytewiseCrc32(bytes, previous));
    }
  });

  it('gives zlib’s numbers for every length around the 16-byte steps', () => {
    for (let length = 0; length <= 70; length++) {
      const bytes = noise(length, length + 1);
      expect(crc32(bytes), `length ${length}`).toBe(zlibCrc32(bytes));
    }
    const big = noise(1 << 20, 7);
    expect(crc32(big)).toBe(zlibCrc32(big));
    expect(crc32(new Uint8Array(4096).fill(0xff))).toBe(zlibCrc32(new Uint8Array(4096).fill(0xff)));
  });

  it('continues from the CRC of what came before, wherever a chunk ends', () => {
    const bytes = noise(200, 3);
    const whole = zlibCrc32(bytes);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const first = crc32(bytes.subarray(0, cut));
      expect(crc32(bytes.subarray(cut), first), `cut at ${cut}`).toBe(whole);
    }
  });

  it('reads only its own view of a shared buffer', () => {
    const bytes = noise(100, 9);
    expect(crc32(bytes.subarray(5, 77))).toBe(zlibCrc32(bytes.subarray(5, 77)));
  });
});

describe('the build puts it in client-zip’s place', () => {
  const file = join(process.cwd(), 'node_modules', 'client-zip', 'index.js');
  const code = readFileSync(file, 'utf8');
  type Transform = (this: { error(message: string): never }, code: string, id: string) => string | null;
  const transform = clientZipFastCrc().transform as unknown as Transform;
  const context = {
    error(message: string): never {
      throw new Error(message);
    },
  };

  it('replaces the bytewise function of the installed client-zip with an import of ours', () => {
    const changed = transform.call(context, code, file) as string;
    expect(changed).not.toBe(code);
    expect(changed).toMatch(/import\{crc32Once as \w+\}from".*utils[\\/]export[\\/]crc32\.ts";/);
    expect(changed).not.toMatch(/>>>8\^\w+\[255&/);
  });

  it('stops the build when client-zip no longer has the function it replaces', () => {
    expect(() => transform.call(context, 'export const x = 1;', file)).toThrow(/client-zip changed/);
  });

  it('leaves every other module alone', () => {
    expect(transform.call(context, code, '/project/node_modules/other/index.js')).toBeNull();
  });

  it('still makes ZIPs whose CRCs zlib agrees with', async () => {
    const input = noise(100_000, 11);
    const zip = new Uint8Array(await new Response(makeZip([{ name: 'a.bin', input }])).arrayBuffer());
    const view = new DataView(zip.buffer);
    // The data descriptor after the entry's bytes: signature, CRC-32, sizes.
    const descriptor = 30 + 'a.bin'.length + input.length;
    expect(view.getUint32(descriptor, true)).toBe(0x08074b50);
    expect(view.getUint32(descriptor + 4, true)).toBe(zlibCrc32(input));
  });
});

describe('counted once in a ZIP export', () => {
  /** The chunks through a counter, as a ZIP export's file passes it before client-zip reads it. */
  async function throughCounter(chunks: Uint8Array[]) {
    const counter = crcCounter();
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    const reader = source.pipeThrough(counter.stream).getReader();
    const passed: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) passed.push(read.value);
    return { counter, passed };
  }

  it('gives client-zip the CRC the counter found for the same chunk, without reading its bytes again', async () => {
    const chunks = [noise(1000, 1), noise(70_000, 2), noise(3, 3)];
    const { counter, passed } = await throughCounter(chunks);
    expect(passed).toEqual(chunks);
    // client-zip's own steps: each chunk, continuing from the CRC of the ones before.
    let crc = 0;
    for (const chunk of passed) crc = crc32Once(chunk, crc);
    expect(crc).toBe(counter.crc());
    expect(crc).toBe(zlibCrc32(Buffer.concat(chunks)));
    // Not read again: bytes changed after the counter saw them still give what it found then.
    (passed[0] as Uint8Array).fill(0);
    expect(crc32Once(passed[0] as Uint8Array, 0)).toBe(crc32(noise(1000, 1)));
  });

  it('computes the CRC of anything else: other bytes, or the same chunk after other bytes', async () => {
    const { passed } = await throughCounter([noise(500, 4)]);
    const chunk = passed[0] as Uint8Array;
    expect(crc32Once(chunk, 12_345)).toBe(crc32(chunk, 12_345));
    const other = noise(500, 4);
    expect(crc32Once(other)).toBe(zlibCrc32(other));
    expect(crc32Once(new TextEncoder().encode('manifest'))).toBe(zlibCrc32(Buffer.from('manifest')));
  });
});

describe('combining CRC-32s', () => {
  it('gives the CRC of two parts joined, for parts of any length (an S3 object sent in parts over two runs)', () => {
    for (const [a, b] of [
      [0, 5],
      [7, 0],
      [1, 1],
      [100, 37],
      [1 << 16, (1 << 16) + 3],
    ] as const) {
      const first = noise(a, 3);
      const second = noise(b, 4);
      const joined = new Uint8Array(a + b);
      joined.set(first);
      joined.set(second, a);
      expect(crc32Combine(crc32(first), crc32(second), b), `${a}+${b}`).toBe(zlibCrc32(joined));
    }
    expect(crcHex(0x1234)).toBe('00001234');
  });
});
