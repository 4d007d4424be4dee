// A file fetched in several ranges at once, read strictly in order: real links are limited per connection (a CDN's
// per-connection rate, TCP over a long distance), and a download accelerator's answer to that is ours too. The
// connections are shared by the whole volume: parts start strictly in the archive's order, a part holds its
// connection until its last byte was read, so memory stays under connections × part size and the part being read
// always has one (no later part can starve it). Every part is an openSource (source.ts) of its own: If-Range,
// the size check, refused pages, retries and continuing a cut connection all hold per part.
import { toErrorInfo } from '../errors';
import type { FileKind } from '../model';
import { type OpenedFile, openSource, type SourceFile, type SourceOptions } from './source';

/**
 * 8 MiB parts: a round trip per part is little next to its bytes even on a slow link, and 4 of them are 32 MiB.
 * 4 MiB parts measured no faster (bench:zip --link, 20 MB/s per connection, load ~10 on 2 cores: ZIP 24.7 MB/s,
 * against 22.7–30.1 with 8 MiB): twice the requests, each costing the busy worker a round trip.
 */
export const PART_BYTES = 8 * 1024 * 1024;

// Only media is worth ranges: text files are small, and some are converted or compressed (read whole anyway).
const RANGED_KINDS = new Set<FileKind>(['video', 'audio']);

/** The volume's connections: a part waits for one, in the order the parts were asked for. */
class Connections {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(count: number) {
    this.free = count;
  }

  take(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.free > 0 && this.waiting.length === 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal.reason);
      };
      this.waiting.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

/** One range of a file, read into memory as it comes (at most PART_BYTES), until the file's reader takes it. */
class Part {
  private readonly pieces: Uint8Array[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  constructor(private readonly held: { release(): void }) {}

  /** Reads `body` to its end; a failure is kept for the reader, who meets it at this part's turn. */
  async fill(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    this.reader = reader;
    try {
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        this.pieces.push(next.value);
        this.poke();
      }
      this.ended = true;
    } catch (error) {
      this.failure = { error };
    }
    this.poke();
  }

  fail(error: unknown): void {
    this.failure ??= { error };
    this.poke();
  }

  /** The next bytes, or null at the part's end. */
  async next(): Promise<Uint8Array | null> {
    for (;;) {
      const piece = this.pieces.shift();
      if (piece) return piece;
      if (this.failure) throw this.failure.error;
      if (this.ended) return null;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Its connection goes back (once): read to the end, or given up. */
  release(): void {
    this.pieces.length = 0;
    if (!this.ended && !this.failure) void this.reader?.cancel().catch(() => undefined);
    this.held.release();
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

export class RangedFetcher {
  private readonly connections: Connections;
  // Files take their turns strictly in order: a file's parts are all asked for before the next file's first.
  private turn: Promise<void> = Promise.resolve();
  private readonly stopped = new AbortController();

  constructor(
    connections: number,
    private readonly partBytes = PART_BYTES,
  ) {
    this.connections = new Connections(Math.max(1, connections));
  }

  /** Ends every part of every file (the volume broke off): connections and memory are let go. */
  stop(): void {
    this.stopped.abort(new DOMException('volume ended', 'AbortError'));
  }

  /**
   * The file, its body made of its parts in order; resolves once its first part has answered. From `options.start`
   * on when given (the bytes before it are kept elsewhere, spool.ts): the parts then begin there.
   */
  async open(
    file: SourceFile,
    options: SourceOptions,
    /**
     * A file that changed since `options.validator` starts again from byte 0 in its own turn (`restarted`), instead
     * of failing: asked for again later, it could wait for connections held by the files after it.
     */
    how: { fromStartIfChanged?: boolean } = {},
  ): Promise<OpenedFile & { restarted?: boolean }> {
    let from = options.start ?? 0;
    const before = this.turn;
    let endTurn = () => {};
    this.turn = new Promise((resolve) => {
      endTurn = resolve;
    });
    const mine = new AbortController();
    const signal = AbortSignal.any([options.signal, this.stopped.signal, mine.signal]);
    const parts = new PartList();
    try {
      await before;
      const held = await this.hold(signal);
      let first: OpenedFile & { parted?: boolean; restarted?: boolean };
      try {
        first = await this.openFirst(file, { ...options, signal }, from).catch(async (error) => {
          if (from === 0 || !how.fromStartIfChanged || toErrorInfo(error).code !== 'changed') throw error;
          from = 0;
          const again = { ...options, signal, start: 0, validator: undefined, expectedLength: undefined };
          return { ...(await this.openFirst(file, again, 0)), restarted: true };
        });
      } catch (error) {
        held.release();
        throw error;
      }
      const length = first.length;
      if (!first.parted || length === undefined) {
        endTurn();
        // A small file comes in at once, like a part. A big one over one stream (a server that ignores Range, a
        // size not said) is read when its turn comes, its connection held until then: memory stays bounded.
        if (length === undefined || length - from > this.partBytes)
          return { ...first, body: releasing(first.body, held.release) };
        const whole = new PartList();
        whole.push(Promise.resolve(this.filled(first.body, held)));
        return { ...first, body: inOrder(whole, 1, signal, () => mine.abort()) };
      }
      parts.push(Promise.resolve(this.filled(first.body, held)));
      const rest = { ...options, signal, validator: first.validator, expectedLength: length, address: first.address };
      void (async () => {
        try {
          for (let start = from + this.partBytes; start < length && !signal.aborted; start += this.partBytes) {
            const end = Math.min(length, start + this.partBytes);
            // Parts take their connections in order, but none waits for the one before it to answer: on a busy
            // machine an answer's head alone took a quarter of a second, a part's whole time on a fast link.
            const taken = this.hold(signal);
            parts.push(
              taken.then(async (held) => {
                try {
                  return this.filled((await openSource(file, { ...rest, start, end })).body, held);
                } catch (error) {
                  const failed = new Part(held);
                  failed.fail(error);
                  return failed;
                }
              }),
            );
            await taken.catch(() => undefined);
          }
        } finally {
          endTurn();
        }
      })();
      const count = Math.ceil((length - from) / this.partBytes);
      return { ...first, body: inOrder(parts, count, signal, () => mine.abort()) };
    } catch (error) {
      endTurn();
      throw error;
    }
  }

  /**
   * The first part (`parted`), or the whole file (from `from`) when it is not worth parts or has no bytes to range
   * over (416), or when a server that ignores Range answered a part asked for after byte 0 with the whole file.
   */
  private openFirst(
    file: SourceFile,
    options: SourceOptions,
    from: number,
  ): Promise<OpenedFile & { parted?: boolean }> {
    return openFirstPart(file, options, this.partBytes, from);
  }

  /** A connection, given back once: when the part was read or given up. */
  private async hold(signal: AbortSignal): Promise<{ release(): void }> {
    await this.connections.take(signal);
    let given = false;
    return {
      release: () => {
        if (given) return;
        given = true;
        this.connections.give();
      },
    };
  }

  private filled(body: ReadableStream<Uint8Array>, held: { release(): void }): Part {
    const part = new Part(held);
    void part.fill(body);
    return part;
  }
}

/**
 * A file's first part from byte `from` (`parted` when the server honoured Range), or the whole file from `from` when
 * it is not worth parts, has no bytes to range over (416), or when a server that ignores Range answered a part asked
 * for after byte 0 with the whole file. The ZIP's fetcher and the S3 copy both start a file with it.
 */
export async function openFirstPart(
  file: SourceFile,
  options: SourceOptions,
  partBytes: number,
  from = 0,
): Promise<OpenedFile & { parted?: boolean }> {
  if (!fetchedInParts(file, partBytes)) return openSource(file, options);
  let first: OpenedFile;
  try {
    first = await openSource(file, { ...options, end: from + partBytes });
  } catch (error) {
    const info = toErrorInfo(error);
    if (options.signal.aborted || info.code !== 'http' || info.detail !== '416') throw error;
    return openSource(file, options);
  }
  if (first.ranged || from === 0) return { ...first, parted: first.ranged };
  // Only the part would be read out of that whole answer: the rest of the file is asked for over one stream.
  await first.body.cancel().catch(() => undefined);
  return openSource(file, options);
}

/** Whether a file of this kind and announced size is asked for in parts (tests and the benchmark read it). */
export function fetchedInParts(file: Pick<SourceFile, 'kind' | 'sizeBytes'>, partBytes = PART_BYTES): boolean {
  return RANGED_KINDS.has(file.kind) && !(file.sizeBytes !== undefined && file.sizeBytes <= partBytes);
}

/** The parts of a file as they are asked for; its reader waits here for the one it needs next. */
class PartList {
  private readonly parts: Array<Promise<Part>> = [];
  private grew: (() => void) | undefined;

  push(part: Promise<Part>): void {
    part.catch(() => undefined);
    this.parts.push(part);
    this.grew?.();
    this.grew = undefined;
  }

  async at(index: number, signal: AbortSignal): Promise<Part> {
    while (this.parts.length <= index) {
      if (signal.aborted) throw signal.reason;
      await new Promise<void>((resolve) => {
        this.grew = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    }
    return this.parts[index] as Promise<Part>;
  }

  all(): Array<Promise<Part>> {
    return [...this.parts];
  }
}

/** The parts' bytes one after the other; each part's connection goes back when its last byte was read. */
function inOrder(parts: PartList, count: number, signal: AbortSignal, giveUp: () => void): ReadableStream<Uint8Array> {
  let index = 0;
  async function releaseAll(): Promise<void> {
    giveUp();
    for (const part of parts.all()) (await part.catch(() => null))?.release();
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          while (index < count) {
            const part = await parts.at(index, signal);
            const piece = await part.next();
            if (piece) return controller.enqueue(piece);
            part.release();
            index += 1;
          }
          controller.close();
        } catch (error) {
          await releaseAll();
          throw error;
        }
      },
      async cancel() {
        await releaseAll();
      },
    },
    { highWaterMark: 0 },
  );
}

/** The body as it is, its connection given back at its end, break or cancel. */
function releasing(body: ReadableStream<Uint8Array>, release: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await reader.read();
          if (next.done) {
            release();
            controller.close();
          } else controller.enqueue(next.value);
        } catch (error) {
          release();
          throw error;
        }
      },
      async cancel(reason) {
        release();
        await reader.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
