// What a platform's answer says about the file in it (its length, its version, the range it holds) and reading
// it without ever waiting forever: the small rules openSource (source.ts) is built from.
import { ExportError } from '../errors';
import type { OpenedFile, SourceFile } from './source';

// Converted answers (chats, captions) are small; anything bigger is not what we asked for.
const MAX_CONVERTED_BYTES = 64 * 1024 * 1024;

// An announced size in rounded megabytes may be off by this much before we call the file wrong.
const ROUNDED_SIZE_SLACK = 1024 * 1024;

/** True when the body fetch hands out is decoded from what the server sent (gzip, br, deflate). */
export function isEncoded(response: Response): boolean {
  const encoding = response.headers.get('Content-Encoding')?.trim().toLowerCase();
  return !!encoding && encoding !== 'identity';
}

/** The next chunk, or a broken connection when none comes within `idleMs`: the stalled answer is let go. */
export async function readWithin<T>(
  reader: ReadableStreamDefaultReader<T>,
  idleMs: number,
  answer: AbortController,
): Promise<ReadableStreamReadResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const silence = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      const error = stall();
      reject(error);
      answer.abort(error);
      void reader.cancel(error).catch(() => undefined);
    }, idleMs);
  });
  try {
    const result = await Promise.race([reader.read(), silence]);
    // A cancelled read settles as the body's end: after a stall that is a break, never the end of the file.
    if (timedOut) throw stall();
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/** Every byte of a small answer, each read within `idleMs` of the one before. */
export async function readAllWithin(
  body: ReadableStream<Uint8Array>,
  idleMs: number,
  answer: AbortController,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await readWithin(reader, idleMs, answer);
    if (done) break;
    total += value.byteLength;
    if (total > MAX_CONVERTED_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new ExportError({ code: 'not-media', detail: `${total} bytes` });
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}

export function stall(): ExportError {
  return new ExportError({ code: 'network', detail: 'no data for a while' });
}

export function changed(): ExportError {
  return new ExportError({ code: 'changed' });
}

export function contentLength(response: Response): number | undefined {
  const header = response.headers.get('Content-Length');
  const value = header === null ? Number.NaN : Number(header);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** The answer's length against the size the platform listed for the file: one far off is not the file. */
export function checkAnnouncedSize(file: SourceFile, length: number | undefined): void {
  if (file.sizeBytes === undefined || length === undefined || file.sizeRough) return;
  const slack = file.sizeExact ? 0 : Math.max(ROUNDED_SIZE_SLACK, file.sizeBytes * 0.02);
  if (Math.abs(length - file.sizeBytes) > slack) {
    throw new ExportError({ code: 'size-mismatch', detail: `${length}/${file.sizeBytes}` });
  }
}

/** A strong ETag, else Last-Modified: what If-Range accepts. */
export function validatorOf(response: Response): string | undefined {
  const etag = response.headers.get('ETag');
  if (etag && !etag.startsWith('W/')) return etag;
  return response.headers.get('Last-Modified') ?? undefined;
}

export function parseContentRange(header: string | null): { start: number; end: number; total?: number } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header?.trim() ?? '');
  if (!match) return null;
  return { start: Number(match[1]), end: Number(match[2]), total: match[3] === '*' ? undefined : Number(match[3]) };
}

/** Drops the first `count` bytes of a stream: the part of a file we already have. */
export function dropFirst(count: number): TransformStream<Uint8Array, Uint8Array> {
  let left = count;
  return new TransformStream({
    transform(chunk, controller) {
      if (left >= chunk.byteLength) {
        left -= chunk.byteLength;
        return;
      }
      controller.enqueue(left > 0 ? chunk.subarray(left) : chunk);
      left = 0;
    },
  });
}

/** Counts a file's bytes as they pass, and says when the whole file has passed. */
export function countBytes(
  body: ReadableStream<Uint8Array>,
  onBytes: (count: number) => void,
  onEnd: (total: number) => void | Promise<void>,
): ReadableStream<Uint8Array> {
  let total = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        onBytes(chunk.byteLength);
        controller.enqueue(chunk);
      },
      async flush() {
        await onEnd(total);
      },
    }),
  );
}

/**
 * A small answer read whole: the file we save, or what we turn into it (a chat as text); its length is that of
 * what we save. Begun at `start`, the bytes before it are left out.
 */
export async function readWhole(
  response: Response,
  how: {
    convert?: (answer: Uint8Array) => string;
    start: number;
    signal: AbortSignal;
    idleMs: number;
    answer: AbortController;
    /** What an earlier run saw of this file: another version or length is refused, never stitched. */
    validator?: string;
    expectedLength?: number;
  },
): Promise<OpenedFile> {
  const declared = contentLength(response);
  if (declared !== undefined && declared > MAX_CONVERTED_BYTES) {
    await response.body?.cancel();
    throw new ExportError({ code: 'not-media', detail: `${declared} bytes` });
  }
  const known = how.validator && validatorOf(response);
  if (known && known !== how.validator) {
    await response.body?.cancel().catch(() => undefined);
    throw changed();
  }
  let whole: Uint8Array<ArrayBuffer>;
  try {
    whole = response.body ? await readAllWithin(response.body, how.idleMs, how.answer) : new Uint8Array(0);
  } catch (error) {
    if (how.signal.aborted) throw how.signal.reason;
    if (error instanceof ExportError) throw error;
    throw new ExportError({ code: 'network', detail: error instanceof Error ? error.message : String(error) });
  }
  const text = how.convert?.(whole);
  const bytes: Uint8Array<ArrayBuffer> = text === undefined ? whole : new TextEncoder().encode(text);
  if (bytes.byteLength > MAX_CONVERTED_BYTES)
    throw new ExportError({ code: 'not-media', detail: `${bytes.byteLength} bytes` });
  if (how.expectedLength !== undefined && bytes.byteLength !== how.expectedLength) throw changed();
  return {
    body: new Blob([bytes.subarray(how.start)]).stream() as ReadableStream<Uint8Array>,
    length: bytes.byteLength,
    finalUrl: response.url,
    validator: validatorOf(response),
    text,
  };
}
