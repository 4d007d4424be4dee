// Deterministic "media" bytes: a file of any size (5 GiB and more) can be served, resumed at any offset and
// checked afterwards without ever being stored. Speed matters more than randomness quality: the benchmark
// streams many gigabytes through this, so almost all the work is memcpy from one shared block.
//
// Byte o of file k = base[(o + rot(k) + shift(k, b)) mod 1 MiB] XOR word(k, b), where b = the 64 KiB block
// holding o. The per-block shift and word make every block of every file different, so a download that
// repeats, drops or reorders blocks produces a different hash.
import { createHash } from 'node:crypto';

const BASE_SIZE = 1 << 20;
const BLOCK_SIZE = 1 << 16;
const DEFAULT_CHUNK = 256 * 1024;

/** The base block, written twice in a row so a block-sized copy never wraps. */
const base = makeBase(0x5eed_cafe);
/** Scratch for one block; allocUnsafeSlow gives it its own (4-aligned) ArrayBuffer for the XOR pass. */
const scratch = Buffer.allocUnsafeSlow(BLOCK_SIZE);
const scratchWords = new Uint32Array(scratch.buffer, scratch.byteOffset, BLOCK_SIZE / 4);

function makeBase(seed: number): Buffer {
  const doubled = Buffer.allocUnsafeSlow(BASE_SIZE * 2);
  const words = new Uint32Array(doubled.buffer, doubled.byteOffset, BASE_SIZE / 4);
  let state = seed >>> 0;
  for (let i = 0; i < words.length; i++) {
    // xorshift32: plenty for filler bytes, and fast to build once at load
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  doubled.copy(doubled, BASE_SIZE, 0, BASE_SIZE);
  return doubled;
}

/** A 32-bit integer mix (murmur3's finaliser): small input changes flip about half the output bits. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const keyHashes = new Map<string, [number, number]>();

function hashKey(fileKey: string): [number, number] {
  let known = keyHashes.get(fileKey);
  if (!known) {
    const digest = createHash('sha256').update(fileKey).digest();
    known = [digest.readUInt32LE(0), digest.readUInt32LE(4)];
    if (keyHashes.size > 10_000) keyHashes.clear();
    keyHashes.set(fileKey, known);
  }
  return known;
}

let scratchKey = '';
let scratchBlock = -1;

/** Fills the scratch buffer with block `block` of file `fileKey` (kept until another block is asked for). */
function loadBlock(fileKey: string, block: number): void {
  if (scratchKey === fileKey && scratchBlock === block) return;
  const [rotSeed, wordSeed] = hashKey(fileKey);
  // Blocks can exceed 2^32 / 64K only beyond 256 TiB, so `block` fits the 32-bit mixes below.
  const shift = mix32(rotSeed ^ Math.imul(block + 1, 0x9e37_79b1));
  const start = (rotSeed + block * BLOCK_SIZE + shift) % BASE_SIZE;
  base.copy(scratch, 0, start, start + BLOCK_SIZE);
  const word = mix32(wordSeed + Math.imul(block, 0x7feb_352d)) | 1;
  for (let i = 0; i < scratchWords.length; i++) scratchWords[i] = (scratchWords[i] as number) ^ word;
  scratchKey = fileKey;
  scratchBlock = block;
}

function checkRange(size: number, start: number, end: number): void {
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start <= end && end <= size)) {
    throw new RangeError(`bad media range ${start}-${end} of ${size}`);
  }
}

/** Copies bytes [start, end) of the file into `out` at `at`. */
function copyInto(fileKey: string, start: number, end: number, out: Buffer, at: number): void {
  let offset = start;
  let position = at;
  while (offset < end) {
    const block = Math.floor(offset / BLOCK_SIZE);
    const within = offset - block * BLOCK_SIZE;
    const length = Math.min(BLOCK_SIZE - within, end - offset);
    loadBlock(fileKey, block);
    scratch.copy(out, position, within, within + length);
    offset += length;
    position += length;
  }
}

/** Bytes [start, end) of the media file `fileKey` that is `size` bytes long (end exclusive). */
export function mediaChunk(fileKey: string, size: number, start: number, end: number): Buffer {
  checkRange(size, start, end);
  const out = Buffer.allocUnsafe(end - start);
  copyInto(fileKey, start, end, out, 0);
  return out;
}

/** Bytes [start, end) as a sequence of fresh buffers of at most `chunkSize` bytes, made one at a time. */
export function* mediaChunks(
  fileKey: string,
  size: number,
  start: number,
  end: number,
  chunkSize = DEFAULT_CHUNK,
): Generator<Buffer> {
  checkRange(size, start, end);
  for (let offset = start; offset < end; offset += chunkSize) {
    yield mediaChunk(fileKey, size, offset, Math.min(end, offset + chunkSize));
  }
}

/** The SHA-256 (hex) of the whole file, computed by streaming: what a finished download must hash to. */
export function mediaSha256(fileKey: string, size: number): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (let offset = 0; offset < size; offset += buffer.length) {
    const end = Math.min(size, offset + buffer.length);
    copyInto(fileKey, offset, end, buffer, 0);
    hash.update(buffer.subarray(0, end - offset));
  }
  return hash.digest('hex');
}
