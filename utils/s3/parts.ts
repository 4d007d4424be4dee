// A part's bytes on their way into S3: read from the one stream of a file, or fetched by a range of their own.
// Real links limit each connection (a CDN's per-connection rate, TCP over a long distance): a file whose parts are
// fetched over several connections at once is not bound by one. Every part held, fetched or on its way to S3,
// counts against the parts in flight, so memory stays under parts in flight × part size.
import { ExportError } from '../errors';
import { crc32 } from '../export/crc32';
import type { UploadedPart, UploadOptions } from './multipart';

/**
 * Exactly `size` bytes (fewer at the end of the stream) as a Blob made from the fetched chunks themselves.
 * A Blob body goes to the network by reference: with a Uint8Array, fetch() copied every part once more in the
 * worker (a third of its busy time) and left 8 MiB copies for the collector. A retry sends the same Blob again.
 * A sent part's data stays in the browser process until the worker's collector frees its Blob, and the collector
 * counts ArrayBuffers, not Blobs: the chunks read here are what make it run. Reading every part into one reused
 * buffer let finished parts pile up there to 900 MB (bench:s3, "after copy" lines).
 */
export async function readPart(reader: ReadableStreamDefaultReader<Uint8Array>, size: number, carry: Uint8Array[]) {
  const chunks: Uint8Array[] = [];
  let filled = 0;
  // The CRC of the bytes as they pass: the only time this worker holds them.
  let crc = 0;
  while (filled < size) {
    const chunk = carry.shift() ?? (await reader.read()).value;
    if (!chunk) break;
    const take = Math.min(chunk.byteLength, size - filled);
    const part = take < chunk.byteLength ? chunk.subarray(0, take) : chunk;
    crc = crc32(part, crc);
    chunks.push(part);
    filled += take;
    if (take < chunk.byteLength) carry.unshift(chunk.subarray(take));
  }
  return { body: new Blob(chunks as BlobPart[]), crc };
}

/**
 * The bytes [start, end) of the file on a connection of their own, or null when the server ignores Range (it
 * answered the whole file): the parts left then go by one stream, as reading the file whole for each would cost.
 */
export type OpenRange = (start: number, end: number, signal: AbortSignal) => Promise<ReadableStream<Uint8Array> | null>;

export interface RangedParts {
  /** The parts not yet in S3, in order. */
  numbers: number[];
  partSize: number;
  size: number;
  /** Parts held at once, fetched or on their way to S3. */
  partsInFlight: number;
  /** Parts fetched from the platform at once. */
  connections: number;
  signal: AbortSignal;
  openRange: OpenRange;
  /** Sends the part to S3 and writes it into the ledger. */
  send(number: number, body: Blob, crc: number): Promise<void>;
}

/**
 * Sends the parts, each fetched by its own range; resolves false when the server ignored Range, with the parts
 * that were fetched already sent (the caller sends the rest from one stream). A failure stops the other fetches,
 * but lets the parts on their way to S3 end first, so whoever acts on it never races a part landing afterwards.
 */
export async function sendByRanges(job: RangedParts): Promise<boolean> {
  const stop = new AbortController();
  const signal = AbortSignal.any([job.signal, stop.signal]);
  const held = new Set<Promise<void>>();
  let fetching = 0;
  let failure: { error: unknown } | undefined;
  let ignored = false;
  let poke = () => {};
  let changed = new Promise<void>((resolve) => {
    poke = resolve;
  });
  const wake = () => {
    poke();
    changed = new Promise<void>((resolve) => {
      poke = resolve;
    });
  };
  const busy = () => held.size >= Math.max(1, job.partsInFlight) || fetching >= Math.max(1, job.connections);

  for (const [index, number] of job.numbers.entries()) {
    while (!failure && !ignored && busy()) await changed;
    if (failure || ignored || job.signal.aborted) break;
    const start = (number - 1) * job.partSize;
    const end = Math.min(job.size, start + job.partSize);
    fetching += 1;
    const opening = job.openRange(start, end, signal);
    const task = (async () => {
      let fetched: Awaited<ReturnType<typeof readPart>> | undefined;
      try {
        const body = await opening;
        if (!body) {
          ignored = true;
          return;
        }
        fetched = await readRange(body, end - start);
      } finally {
        fetching -= 1;
        wake();
      }
      await job.send(number, fetched.body, fetched.crc);
    })()
      .catch((error: unknown) => {
        failure ??= { error };
        stop.abort(error);
      })
      .finally(() => {
        held.delete(task);
        wake();
      });
    held.add(task);
    // The first answer alone tells whether the server honours Range: no other part is asked for before it.
    if (index === 0) await opening.catch(() => undefined);
  }
  await Promise.all(held);
  if (failure) throw failure.error;
  job.signal.throwIfAborted();
  return !ignored;
}

/** A range read whole, its length checked: the part it becomes must be exactly its size. */
async function readRange(body: ReadableStream<Uint8Array>, size: number) {
  const reader = body.getReader();
  try {
    const read = await readPart(reader, size, []);
    if (read.body.size !== size) throw new ExportError({ code: 'incomplete', detail: `${read.body.size}/${size}` });
    // The range's end, read: its connection goes back to the browser whole, not cut.
    await reader.read();
    return read;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * The parts not yet in S3 read in order from one stream, from the first byte S3 does not have (Range), never from
 * the start; parts sent already are read through, not sent again.
 */
export async function sendFromStream(
  options: UploadOptions,
  partSize: number,
  partCount: number,
  done: Map<number, UploadedPart>,
  send: (number: number, body: Blob, crc: number) => Promise<void>,
): Promise<void> {
  let first = 1;
  while (done.has(first)) first += 1;
  const reader = (await options.open((first - 1) * partSize)).getReader();
  const carry: Uint8Array[] = [];
  const inFlight = new Set<Promise<void>>();
  try {
    for (let number = first; number <= partCount; number++) {
      options.signal.throwIfAborted();
      // The part being read counts as in flight: it holds a buffer too.
      while (inFlight.size >= options.partsInFlight) await Promise.race(inFlight);
      const expected = Math.min(partSize, options.size - (number - 1) * partSize);
      const { body, crc } = await readPart(reader, expected, carry);
      if (body.size !== expected) throw new ExportError({ code: 'incomplete', detail: `part ${number}` });
      if (done.has(number)) continue;
      const sending = send(number, body, crc);
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending)).catch(() => undefined);
    }
    await Promise.all(inFlight);
  } catch (error) {
    // The parts still on their way end first (their ledger rows written or not), so whoever acts on this error
    // (abort the upload, start it again) never races a part that lands afterwards.
    await Promise.allSettled([...inFlight]);
    throw error;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
