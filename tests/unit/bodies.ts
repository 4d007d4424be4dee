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
