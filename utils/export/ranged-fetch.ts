// A file fetched in several ranges at once, read strictly in order: real links are limited per connection (a CDN's
// per-connection rate, TCP over a long distance), and a download accelerator's answer to that is ours too. The
// connections are shared by the whole volume: parts start strictly in the archive's order, a part holds its
// connection until its last byte was read, so memory stays under connections × part size and the part being read
// always has one (no later part can starve it). Every part is an openSource (source.ts) of its own: If-Range,
// the size check, refused pages, retries and continuing a cut connection all hold per part.
import { toErrorInfo } from '../errors';
import type { FileKind } from '../model';
import { Connections, inOrder, Part, PartList, releasing } from './ranged-parts';
import { type OpenedFile, openSource, type SourceFile, type SourceOptions } from './source';

/**
 * 8 MiB parts: a round trip per part is little next to its bytes even on a slow link, and 4 of them are 32 MiB.
 * 4 MiB parts measured no faster (bench:zip --link, 20 MB/s per connection, load ~10 on 2 cores: ZIP 24.7 MB/s,
 * against 22.7–30.1 with 8 MiB): twice the requests, each costing the busy worker a round trip.
 */
export const PART_BYTES = 8 * 1024 * 1024;

// Only media is worth ranges: text files are small, and some are converted or compressed (read whole anyway).
const RANGED_KINDS = new Set<FileKind>(['video', 'audio']);

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
