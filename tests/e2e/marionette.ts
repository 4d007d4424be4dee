// A small client for Firefox's Marionette protocol (length-prefixed JSON over TCP), enough to drive Debian's
// firefox-esr in a test: Playwright's own Firefox driver needs a newer Firefox than the ESR (it asks for BiDi
// commands ESR 140 lacks), and Marionette needs no extra package or driver binary.
import { connect, type Socket } from 'node:net';

type Pending = { resolve(value: unknown): void; reject(error: Error): void; command: string };

export interface Marionette {
  send<T = unknown>(command: string, params?: Record<string, unknown>): Promise<T>;
  close(): void;
}

export async function connectMarionette(port: number): Promise<Marionette> {
  const socket: Socket = connect(port, '127.0.0.1');
  const pending = new Map<number, Pending>();
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  let greeted: (() => void) | undefined;
  const greeting = new Promise<void>((resolve) => {
    greeted = resolve;
  });
  socket.on('data', (data) => {
    buffer = Buffer.concat([buffer, data]);
    for (;;) {
      const colon = buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(buffer.subarray(0, colon).toString('ascii'));
      if (buffer.length < colon + 1 + length) return;
      const message = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
      buffer = buffer.subarray(colon + 1 + length);
      if (!Array.isArray(message)) {
        greeted?.();
        continue;
      }
      const [, id, error, result] = message as [number, number, { error: string; message: string } | null, unknown];
      const waiting = pending.get(id);
      pending.delete(id);
      if (!waiting) continue;
      if (error) waiting.reject(new Error(`${waiting.command}: ${error.error}: ${error.message}`));
      else waiting.resolve(result);
    }
  });
  socket.on('error', (error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  await greeting;
  return {
    send<T>(command: string, params: Record<string, unknown> = {}) {
      const id = nextId++;
      const body = Buffer.from(JSON.stringify([0, id, command, params]), 'utf8');
      socket.write(`${body.length}:`);
      socket.write(body);
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, command });
      });
    },
    close: () => socket.destroy(),
  };
}
