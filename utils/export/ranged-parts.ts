// What a ranged fetch is made of: the volume's connections, a part read into memory as it comes, and the parts
// of a file handed on strictly in order, each part's connection given back once its last byte was read.

/** The volume's connections: a part waits for one, in the order the parts were asked for. */
export class Connections {
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
export class Part {
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

/** The parts of a file as they are asked for; its reader waits here for the one it needs next. */
export class PartList {
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
export function inOrder(
  parts: PartList,
  count: number,
  signal: AbortSignal,
  giveUp: () => void,
): ReadableStream<Uint8Array> {
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
export function releasing(body: ReadableStream<Uint8Array>, release: () => void): ReadableStream<Uint8Array> {
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
