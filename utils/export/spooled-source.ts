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

/**
 * The kept pieces, then the platform's bytes, each piece of those kept before it goes on. A kept piece that cannot
 * be read back is fetched again from its first byte.
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
  // Where the platform's bytes begin, and where the next piece of them begins.
  let at = kept.bytes;
  let carry: Uint8Array | undefined;
  let ready: Uint8Array[] = [];
  let ended = false;

  async function fromPlatformAt(start: number): Promise<void> {
    await rest?.cancel().catch(() => undefined);
    rest = (await fetchFrom(start, kept, true)).body.getReader();
    at = start;
    carry = undefined;
    next = kept.pieces.length;
  }

  /** The next piece of the platform's bytes, kept before it is handed on; empty at the end. */
  async function nextPiece(): Promise<Uint8Array[]> {
    const reader = rest as ReadableStreamDefaultReader<Uint8Array>;
    if (!spool.spooling && !carry) {
      // Nothing is kept any more (the disk refused): the bytes go on as they come, as without a spool.
      const { done, value } = await reader.read();
      ended = done;
      return done ? [] : [value];
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (carry) {
      chunks.push(carry);
      size = carry.byteLength;
      carry = undefined;
    }
    while (size < spool.pieceBytes) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      const room = spool.pieceBytes - size;
      if (value.byteLength > room) {
        chunks.push(value.subarray(0, room));
        carry = value.subarray(room);
        size += room;
      } else {
        chunks.push(value);
        size += value.byteLength;
      }
    }
    if (size > 0) await spool.keep(fileId, at, chunks);
    at += size;
    if (ended) await spool.end(fileId, kept.bytes > 0 ? kept : { validator: opened?.validator }, at);
    return chunks;
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const chunk = ready.shift();
          if (chunk) return controller.enqueue(chunk);
          const piece = kept.pieces[next];
          if (piece) {
            try {
              const bytes = await spool.piece(fileId, piece.start);
              if (bytes.byteLength !== piece.size) throw new Error('spooled piece changed size');
              next += 1;
              return controller.enqueue(bytes);
            } catch {
              await fromPlatformAt(piece.start);
              continue;
            }
          }
          if (!rest || ended) return controller.close();
          ready = await nextPiece();
        }
      },
      async cancel(reason) {
        await rest?.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
