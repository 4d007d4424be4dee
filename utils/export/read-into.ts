// Reading a stream into a buffer the reader brings. An S3 part is 8 MiB or more: read chunk by chunk, every
// chunk of a download is a new buffer that only the garbage collector gives back, and in a long copy the worker
// held hundreds of megabytes of them. A byte stream (a fetch body) is read in place ("BYOB") into one small
// buffer of our own that is used again and again, then copied where the caller wants it (a copy costs far less
// than the garbage). Not straight into the caller's buffer: a byte stream takes a buffer over while it reads,
// and a read that fails (a cut connection) would lose the part read so far with it.

const SCRATCH_BYTES = 1024 * 1024;

export interface IntoReader {
  /** Copies the next bytes into `into` (at least one, unless the stream has ended); returns how many, 0 at the end. */
  read(into: Uint8Array): Promise<number>;
  cancel(reason?: unknown): Promise<void>;
}

export function intoReader(stream: ReadableStream<Uint8Array>): IntoReader {
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream: its chunks are copied from as they come.
  }
  return byob ? inPlace(byob) : fromChunks(stream.getReader());
}

function inPlace(reader: ReadableStreamBYOBReader): IntoReader {
  let scratch = new Uint8Array(SCRATCH_BYTES);
  return {
    async read(into) {
      const { value } = await reader.read(scratch.subarray(0, Math.min(into.byteLength, scratch.byteLength)));
      // `value` is undefined only when the stream was cancelled: nothing more to read.
      if (!value) return 0;
      // The buffer comes back as the view's (the one passed in is detached now).
      scratch = new Uint8Array(value.buffer);
      into.set(value);
      return value.byteLength;
    },
    cancel: (reason) => reader.cancel(reason),
  };
}

function fromChunks(reader: ReadableStreamDefaultReader<Uint8Array>): IntoReader {
  let carry: Uint8Array | undefined;
  return {
    async read(into) {
      let chunk = carry;
      carry = undefined;
      while (!chunk?.byteLength) {
        const next = await reader.read();
        if (next.done) return 0;
        chunk = next.value;
      }
      const take = Math.min(chunk.byteLength, into.byteLength);
      into.set(chunk.subarray(0, take));
      if (take < chunk.byteLength) carry = chunk.subarray(take);
      return take;
    },
    cancel: (reason) => reader.cancel(reason),
  };
}
