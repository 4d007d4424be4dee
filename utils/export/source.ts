// One recording file from the platform, with the user's session, as a stream that survives a broken
// connection: a body cut short is continued with `Range` from the first missing byte (guarded by `If-Range`,
// so a file that changed meanwhile is never stitched together), and the byte count is checked at the end.
// Asking the platform, try after try, is file-requests.ts; what one answer says about the file, answers.ts.
import { type ErrorInfo, ExportError, toErrorInfo } from '../errors';
import type { FileKind, SiteId } from '../model';
import type { FileRequest } from '../sites/site';
import {
  changed,
  checkAnnouncedSize,
  contentLength,
  dropFirst,
  isEncoded,
  parseContentRange,
  readWhole,
  readWithin,
  validatorOf,
} from './answers';
import { FileRequests } from './file-requests';
import { DEFAULT_RETRY, type RetryPolicy, sleep } from './retry';

export interface SourceFile {
  url: string;
  kind: FileKind;
  /** The size the platform announced, if any. */
  sizeBytes?: number;
  /** True when the platform gives sizes in bytes; Zoom rounds to hundredths of a megabyte. */
  sizeExact?: boolean;
  /** The size is only roughly known (a report's gigabytes): never held against the file. */
  sizeRough?: boolean;
}

export interface SourceOptions {
  signal: AbortSignal;
  /** Throws when the answer is not the file (a sign-in page, a JSON error): the site adapter knows its answers. */
  check(response: Response): Promise<void>;
  /** The platform, named in the errors this source makes itself (an ended session). */
  site?: SiteId;
  /**
   * Asked when an answer is not the file (a page, or far too small): true when the platform says the user's
   * session has ended. Zoom may answer a download with its sign-in page and status 200 (SITES.md, "Files"): that
   * pauses the export for the user to sign in again, instead of failing this file and every one after it.
   */
  sessionEnded?: () => Promise<boolean>;
  /** Whether an address (asked for, or reached by redirects) is the platform's: any other is refused, unfetched. */
  onPlatform?: (url: string) => boolean;
  /** Asked before the first request and again before a retry: the platform's current address for the file. */
  request?: () => Promise<FileRequest>;
  policy?: RetryPolicy;
  /** Told before every new try, so the history can show how many it took. */
  onRetry?(attempt: number, error: ErrorInfo): void | Promise<void>;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * How long an answer's headers, or the next bytes of its body, may take before the connection counts as broken
   * (then tried again, or continued with Range). A connection that stalls must never hold an export forever.
   */
  idleMs?: number;
  /** Begin at this byte (an upload that goes on after a restart); the body then holds the bytes from here. */
  start?: number;
  /** The file's ETag or Last-Modified from an earlier run: a file that changed since is refused, not stitched. */
  validator?: string;
  /**
   * The file's length in an earlier run: an answer from `start` for a file of another length is another file,
   * refused even when the server gives no validator to tell.
   */
  expectedLength?: number;
  /**
   * Read only up to this byte (exclusive): one part of a file fetched in several ranges at once (ranged-fetch.ts).
   * A server that answers the whole file to a request from byte 0 is read whole (`OpenedFile.ranged` false).
   */
  end?: number;
  /** The file's address asked for already (by another part of it): used first, asked again after a failure. */
  address?: FileRequest;
}

export interface OpenedFile {
  body: ReadableStream<Uint8Array>;
  /** The exact size the server announced. */
  length?: number;
  /** Where the bytes came from after redirects (Zoom: a signed media URL that needs no cookies). */
  finalUrl: string;
  /** What tells this version of the file from a changed one (ETag or Last-Modified), if the server says. */
  validator?: string;
  /** The file as Reclaim made it from the platform's answer (a chat as text): saved from this, not from finalUrl. */
  text?: string;
  /** The server answered the range asked for (206): the body ends at `end`. */
  ranged?: boolean;
  /** The address the platform gave for the file (before redirects), for its other parts. */
  address?: FileRequest;
}

/** A minute without a byte: longer than any platform pauses on a live connection, short enough to notice. */
export const IDLE_TIMEOUT_MS = 60_000;

export { countBytes } from './answers';

export async function openSource(file: SourceFile, options: SourceOptions): Promise<OpenedFile> {
  // A body its reader cancelled (a probe that only wanted the headers) must stop for good: without its own
  // signal, the read that was pending would look like a cut connection and ask the platform again.
  const dropped = new AbortController();
  const signal = AbortSignal.any([options.signal, dropped.signal]);
  const policy = options.policy ?? DEFAULT_RETRY;
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const wait = options.sleep ?? sleep;
  const idleMs = options.idleMs ?? IDLE_TIMEOUT_MS;
  const requests = new FileRequests(file, options, { signal, policy, fetch: fetchImpl, wait, idleMs });
  // A body that brought bytes before it broke gives the file its tries back, as many times as it has tries: a
  // file that keeps moving is not failed by faults scattered over a long transfer (the soak's video met three
  // 503s, a stall and two more 503s), and a server that cuts every answer after a few bytes still ends.
  let triesGivenBack = 0;

  const start = options.start ?? 0;
  const first = await requests.withRetries(start, options.validator, options.end);
  const convert = requests.target?.convert;
  // A compressed answer's Content-Length and ranges count compressed bytes, while fetch hands out decoded ones:
  // such answers (text files; media is never compressed) are read whole and asked for whole again if they break.
  if (convert || isEncoded(first)) {
    let answer = first;
    for (;;) {
      if (answer.status === 206) {
        // Part of a file that is read whole anyway (an upload taken up again): the whole of it, from byte 0.
        await answer.body?.cancel().catch(() => undefined);
        if (requests.tries >= policy.attempts)
          throw new ExportError({ code: 'incomplete', detail: 'only parts offered' });
        answer = await requests.withRetries(0);
        continue;
      }
      try {
        const { validator, expectedLength } = options;
        const how = { convert, start, signal, idleMs, answer: requests.stalled, validator, expectedLength };
        return await readWhole(answer, how);
      } catch (error) {
        const info = toErrorInfo(error);
        if (signal.aborted || info.code !== 'network' || requests.tries >= policy.attempts) throw error;
        await requests.tellRetry(info);
        answer = await requests.withRetries(0);
      }
    }
  }
  const firstBody = first.body as ReadableStream<Uint8Array>;
  let length = contentLength(first);
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  const askedRange = start > 0 || options.end !== undefined;
  if (askedRange && first.status === 206) {
    const range = parseContentRange(first.headers.get('Content-Range'));
    if (range?.start !== start) throw changed();
    length = range.total;
    if (options.expectedLength !== undefined && length !== options.expectedLength) throw changed();
    reader = firstBody.getReader();
  } else if (start > 0) {
    // The whole file again: the server ignored Range, or If-Range found that the file changed.
    if (options.validator && validatorOf(first) !== options.validator) throw changed();
    if (options.expectedLength !== undefined && length !== options.expectedLength) throw changed();
    reader = firstBody.pipeThrough(dropFirst(start)).getReader();
  } else {
    // From byte 0 with what an earlier run knew (an S3 upload whose later parts are acknowledged): the same
    // version, or the bytes would be stitched to another version's.
    const known = options.validator && validatorOf(first);
    if (known && known !== options.validator) throw changed();
    if (options.expectedLength !== undefined && length !== options.expectedLength) throw changed();
    reader = firstBody.getReader();
  }
  try {
    checkAnnouncedSize(file, length);
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw await requests.sessionOr(error);
  }
  const validator = validatorOf(first) ?? options.validator;
  const ranged = askedRange && first.status === 206;
  // Where this body ends: the part asked for, or the whole file when the server sent it all from byte 0.
  const partEnd = ranged || start > 0 ? options.end : undefined;
  const end = partEnd !== undefined ? Math.min(partEnd, length ?? partEnd) : length;
  let received = start;
  // Where the answer being read began: bytes past it are the progress that gives tries back.
  let receivedAtAnswer = start;

  async function resume(): Promise<ReadableStreamDefaultReader<Uint8Array>> {
    const response = await requests.withRetries(received, validator, partEnd);
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get('Content-Range'));
      if (range?.start !== received || (length !== undefined && range.total !== length)) throw changed();
      return (response.body as ReadableStream<Uint8Array>).getReader();
    }
    // A whole file again: the server ignored Range, or If-Range found the file changed.
    if (validator && validatorOf(response) !== validator) throw changed();
    if (contentLength(response) !== length) throw changed();
    return (response.body as ReadableStream<Uint8Array>).pipeThrough(dropFirst(received)).getReader();
  }

  // highWaterMark 0: nothing is read before someone asks, so a probe costs the platform no body bytes.
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          try {
            const { done, value } = await readWithin(reader, idleMs, requests.stalled);
            if (!done) {
              // A whole answer where a part was asked for (a server that ignored Range): only the part is kept.
              const piece =
                end !== undefined && received + value.byteLength > end ? value.subarray(0, end - received) : value;
              received += piece.byteLength;
              if (length !== undefined && received > length) throw changed();
              if (piece !== value) {
                await reader.cancel().catch(() => undefined);
                reader = emptyReader();
              }
              controller.enqueue(piece);
              return;
            }
            if (end === undefined || received === end) {
              controller.close();
              return;
            }
            throw new ExportError({ code: 'incomplete', detail: `${received}/${end}` });
          } catch (error) {
            const info = toErrorInfo(error);
            const cutShort = info.code === 'network' || info.code === 'incomplete' || info.code === 'unknown';
            if (cutShort && received > receivedAtAnswer && triesGivenBack < policy.attempts) {
              triesGivenBack += 1;
              requests.tries = 0;
            }
            if (signal.aborted || !cutShort || requests.tries >= policy.attempts) throw error;
            await requests.tellRetry({ code: 'incomplete', detail: `${received}/${length ?? '?'}` });
            reader = await resume();
            receivedAtAnswer = received;
          }
        }
      },
      async cancel(reason) {
        dropped.abort(reason);
        // The aborted fetch has torn its body down already; its reader may only say so.
        await reader.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, length, finalUrl: first.url || file.url, validator, ranged, address: requests.target };
}

/** A reader already at its end: what is left to read once a part's last byte came inside a whole answer. */
function emptyReader(): ReadableStreamDefaultReader<Uint8Array> {
  return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() }).getReader();
}
