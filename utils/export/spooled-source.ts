// A file of a ZIP volume read from the spool as far as it holds it, and only the rest from the platform (with the
// version kept from its first answer: a file that changed starts again from the platform, its spool dropped).
// What comes from the platform is kept piece by piece, each piece on disk before its bytes go on.
import { toErrorInfo } from '../errors';
import { getJob, updateJob } from './jobs';
import type { OpenedFile } from './source';
import { type FileVersion, type KeptFile, type SpoolDisk, VolumeSpool } from './spool';

/**
 * Calls to the fetcher in the order the files were asked for, whatever each one's spool took to be read: the
 * fetcher serves files in the order of its calls, and a file served out of the archive's order could wait for
 * connections held by the parts of the files after it.
 */
export function inArchiveOrder(): () => { go<T>(call: () => Promise<T>): Promise<T>; pass(): void } {
  let last: Promise<void> = Promise.resolve();
  return () => {
    const before = last;
    let done = () => {};
    last = new Promise<void>((resolve) => {
      done = resolve;
    });
    return {
      async go(call) {
        await before;
        // Called before the next file may go: the fetcher takes its turn in the call's first, synchronous step.
        const result = call();
        done();
        return result;
      },
      pass: () => void before.then(done),
    };
  };
}

/** A volume's spool; its first failure is said once in the export's history (a stopped worker then refetches). */
export function volumeSpool(jobId: number, volume: number, disk: SpoolDisk): VolumeSpool {
  return new VolumeSpool(jobId, volume, disk, async (error) => {
    if ((await getJob(jobId))?.spoolFailed) return;
    await updateJob(jobId, { spoolFailed: { code: 'unknown', detail: toErrorInfo(error).detail } });
  });
}

/**
 * The platform's answer from byte `start` on, of the version kept (none from byte 0); `restarted` when the file had
 * changed and its answer begins at byte 0. `alone`: over one stream of its own, outside the volume's connections
 * (a piece that could not be read back, while the files after it may hold every connection).
 */
export type FetchFrom = (
  start: number,
  version?: FileVersion,
  alone?: boolean,
) => Promise<OpenedFile & { restarted?: boolean }>;

export async function openSpooled(spool: VolumeSpool, fileId: number, fetchFrom: FetchFrom): Promise<OpenedFile> {
  let kept = await spool.kept(fileId);
  if (kept.complete) {
    return { body: spooledBody(spool, fileId, kept, null, fetchFrom), length: kept.length, finalUrl: '' };
  }
  const rest = await fetchFrom(kept.bytes, kept.bytes > 0 ? kept : undefined);
  if (rest.restarted) {
    // Another version of the file on the platform: none of the kept bytes belong to it.
    kept = { pieces: [], bytes: 0, complete: false };
  }
  const version: FileVersion = kept.bytes > 0 ? kept : { validator: rest.validator, length: rest.length };
  if (kept.bytes === 0) await spool.begin(fileId, version);
  return { ...rest, length: version.length, body: spooledBody(spool, fileId, kept, rest, fetchFrom) };
}

/** Files up to this size are kept as soon as they are opened (at most the files opened ahead, 3 at a time). */
const SMALL_FILE_BYTES = 1024 * 1024;

/**
 * The kept pieces, then the platform's bytes, each piece of those kept before it goes on; the next piece is read and
 * kept while the archive takes the one before. A kept piece that cannot be read back is fetched again.
 */
function spooledBody(
  spool: VolumeSpool,
  fileId: number,
  kept: KeptFile,
  opened: OpenedFile | null,
  fetchFrom: FetchFrom,
): ReadableStream<Uint8Array> {
  let next = 0;
  let rest: ReadableStreamDefaultReader<Uint8Array> | undefined = opened?.body.getReader();
  // Where the next piece of the platform's bytes begins.
  let at = kept.bytes;
  let carry: Uint8Array | undefined;
  let ended = false;
  // Given up by its reader (the volume broke off): a read that ends now is no end of the file.
  let cancelled = false;
  let upcoming: Promise<Uint8Array | null> | undefined;
  // The piece being handed on, in slices.
  let ready: Uint8Array[] = [];

  async function fromPlatformAt(start: number): Promise<void> {
    await rest?.cancel().catch(() => undefined);
    rest = (await fetchFrom(start, kept, true)).body.getReader();
    at = start;
    next = kept.pieces.length;
  }

  /** The next piece of the platform's bytes as one array, kept before it is handed on; null at the end. */
  async function nextPiece(): Promise<Uint8Array | null> {
    const reader = rest as ReadableStreamDefaultReader<Uint8Array>;
    const chunks: Uint8Array[] = [];
    let size = 0;
    // Nothing is kept any more (the disk refused): the bytes go on as they come, as without a spool.
    const room = spool.spooling ? spool.pieceBytes : 1;
    const began = Date.now();
    // On a slow link a piece also ends after PIECE_MS: the archive, the download and the progress move every second
    // instead of waiting for 8 MiB (at 1 KB/s, a small file's one piece held its progress for a minute).
    while (size < room && !(size > 0 && Date.now() - began >= PIECE_MS)) {
      let value = carry;
      carry = undefined;
      if (!value) {
        const read = await reader.read();
        if (read.done) {
          ended = true;
          break;
        }
        value = read.value;
      }
      if (spool.spooling && size + value.byteLength > room) {
        carry = value.subarray(room - size);
        value = value.subarray(0, room - size);
      }
      chunks.push(value);
      size += value.byteLength;
    }
    if (cancelled) return null;
    const piece = joined(chunks, size);
    if (size > 0 || ended) await spool.keep(fileId, at, piece, ended);
    at += size;
    return size > 0 ? piece : null;
  }

  function readAhead(): void {
    if (!rest || ended || upcoming) return;
    upcoming = nextPiece();
    // Met by the next pull; a body given up before then must not leave its failure unhandled.
    upcoming.catch(() => undefined);
  }

  // A small file opened ahead is read and kept at once, while the files before it go into the archive: its write
  // to disk would otherwise wait for its turn, a round trip per file that a ZIP of many small files adds up.
  if (opened?.length !== undefined && opened.length <= SMALL_FILE_BYTES && kept.bytes === 0) readAhead();

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const chunk = ready.shift();
          if (chunk) return controller.enqueue(chunk);
          const piece = kept.pieces[next];
          if (piece) {
            try {
              const bytes = await spool.piece(piece.name);
              if (bytes.byteLength !== piece.size) throw new Error('spooled piece changed size');
              next += 1;
              ready = slices(bytes);
            } catch {
              await fromPlatformAt(piece.start);
            }
            continue;
          }
          readAhead();
          if (!upcoming) return controller.close();
          const bytes = await upcoming;
          upcoming = undefined;
          readAhead();
          if (!bytes) return controller.close();
          ready = slices(bytes);
        }
      },
      async cancel(reason) {
        cancelled = true;
        await rest?.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A piece handed on in slices of at most 1 MiB (views, not copies): the archive holds its last chunk back until the
 * next one comes (archive.ts), and a whole piece held back would keep 8 MiB from the download for a part's time.
 */
function slices(piece: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < piece.byteLength; at += SLICE_BYTES) out.push(piece.subarray(at, at + SLICE_BYTES));
  return out;
}

const SLICE_BYTES = 1024 * 1024;
const PIECE_MS = 1_000;

/** The chunks of a piece as one array: written to disk in one call, handed on as one chunk. */
function joined(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}
