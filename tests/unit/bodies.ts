// Bodies a scripted server sends in the unit tests: some bytes, then a broken connection, or silence.

/** `bytes`, then the connection breaks (a TypeError, as fetch reports one). */
export function cutAfter(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) return controller.error(new TypeError('network error'));
      sent = true;
      controller.enqueue(bytes);
    },
  });
}

/** `bytes`, then nothing at all: the connection stays open but silent. A cancelled read settles as the end. */
export function silentAfter(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) return new Promise<void>(() => undefined);
      sent = true;
      controller.enqueue(bytes);
    },
  });
}

/** The pieces as one array, in their order. */
export function joined(pieces: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.byteLength, 0));
  let at = 0;
  for (const piece of pieces) {
    whole.set(piece, at);
    at += piece.byteLength;
  }
  return whole;
}

/** Every byte of a body; with `upTo`, the reader stops (cancels) once it has at least that many, as a stopped worker. */
export async function readAll(body: ReadableStream<Uint8Array>, upTo = Number.POSITIVE_INFINITY): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    pieces.push(next.value);
    size += next.value.byteLength;
    if (size >= upTo) {
      await reader.cancel();
      break;
    }
  }
  return joined(pieces);
}
