// One file of an S3 copy, from the platform into the bucket: asked as its first part (the answer tells the exact
// size and whether the server honours Range), then sent part by part, each acknowledged part in the upload's
// ledger. A resume proves the source is the version its acknowledged parts came from, or starts the file again.
import type { S3Client } from '@aws-sdk/client-s3';
import { recordArchived } from '../archive/ledger';
import { db, type ExportFile, type ExportJob, type S3Copy } from '../db';
import { type ErrorInfo, ExportError, toErrorInfo } from '../errors';
import { MIN_PART_SIZE, uploadObject } from '../s3/multipart';
import type { OpenRange } from '../s3/parts';
import { adapterFor } from '../sites/registry';
import { crcHex } from './crc32';
import { addProgress, updateFile } from './jobs';
import { platformSource } from './platform-source';
import { fetchedInParts, openFirstPart } from './ranged-fetch';
import { objectKey } from './s3-layout';
import { abandon, contentTypeOf, forgetUpload, ledgerFor } from './s3-records';
import { type OpenedFile, openSource } from './source';

export interface CopyContext {
  job: ExportJob;
  copy: S3Copy;
  client: S3Client;
  /** The server checks the CRC-32s sent with the bytes (Amazon S3: client.ts). */
  checksums: boolean;
  partsInFlight: number;
  /** Parts of one file fetched from the platform at once, each by its own range (the ZIP's setting too). */
  connections: number;
  signal: AbortSignal;
}

/** One file from the platform into the bucket. Resolves when it is there and its size checked. */
export async function copyFile(context: CopyContext, file: ExportFile, again = false): Promise<void> {
  const { job, copy, client, signal } = context;
  const adapter = adapterFor(job.site);
  if (!adapter) throw new ExportError({ code: 'bad-request', detail: job.site });
  await updateFile(file.id, { state: 'running' });
  const sourceOptions = platformSource(adapter, job.origin, file, {
    signal,
    onRetry: (attempt: number, error: ErrorInfo) => updateFile(file.id, { retries: attempt, error }),
  });
  let size = file.expectedBytes;
  let validator = file.sourceValidator;
  let first: OpenedFile | undefined;
  // Where the first answer's body ends when it was asked as a part: it serves only a part of that size.
  let firstEnd: number | undefined;
  const resuming = size !== undefined && (await db.uploads.get(file.id)) !== undefined;
  if (!resuming || size === undefined) {
    // A fresh start: the platform's answer tells the exact size, which decides the part size. Media is asked for
    // as its first part: the answer also tells whether the server honours Range.
    first = await openFirstPart(file, sourceOptions, MIN_PART_SIZE);
    if (first.length === undefined) throw new ExportError({ code: 'not-media', detail: 'no Content-Length' });
    size = first.length;
    if (first.ranged) firstEnd = Math.min(size, MIN_PART_SIZE);
    validator = first.validator;
    await updateFile(file.id, { expectedBytes: size, sourceValidator: validator });
  }
  let address = first?.address;
  const total = size;
  /** A part by its own range: the first answer's body when it is that part, else a new request for it. */
  const openRange: OpenRange = async (start, end, partSignal) => {
    const opened = first;
    first = undefined;
    if (opened && start === 0 && end === firstEnd) return opened.body;
    if (opened && !opened.ranged) {
      // The server ignores Range: the whole answer already here is the stream the parts come from.
      first = opened;
      return null;
    }
    await opened?.body.cancel();
    const part = await openSource(file, {
      ...sourceOptions,
      signal: partSignal,
      start,
      end,
      validator,
      expectedLength: total,
      address,
    });
    address = part.address ?? address;
    if (part.ranged) return part.body;
    if (start === 0) first = part;
    else await part.body.cancel();
    return null;
  };
  const uploaded: number[] = [];
  let crc: number | undefined;
  try {
    crc = await uploadObject(
      {
        client,
        bucket: copy.bucket,
        key: objectKey(copy, file.path),
        contentType: contentTypeOf(file.path),
        checksums: context.checksums,
      },
      {
        size,
        ledger: ledgerFor(file, signal),
        partsInFlight: context.partsInFlight,
        signal,
        async open(start) {
          const opened = first;
          first = undefined;
          // The first answer serves as the stream only when it holds the whole file (a part holds it all for a
          // file not bigger than one).
          if (opened && start === 0 && (firstEnd === undefined || firstEnd === total)) return opened.body;
          await opened?.body.cancel();
          return (await openSource(file, { ...sourceOptions, start, validator, expectedLength: size, address })).body;
        },
        openRange: fetchedInParts(file, MIN_PART_SIZE) ? openRange : undefined,
        connections: context.connections,
        async onBytes(count) {
          uploaded.push(count);
          await addProgress(job.id, { bytes: count, done: 0, failed: 0 });
        },
        onRetry: (attempt, error) => updateFile(file.id, { retries: attempt, error }),
      },
    );
  } catch (error) {
    // What this run counted for a file that did not make it is taken back.
    const counted = uploaded.reduce((sum, count) => sum + count, 0);
    if (counted) await addProgress(job.id, { bytes: -counted, done: 0, failed: 0 });
    if (resuming && !again && toErrorInfo(error).code === 'changed') {
      // The file changed on the platform since its acknowledged parts were sent: they are another version's.
      // That upload is given up and the file copied again from its first byte, as the version it is now.
      await giveUp(context, file);
      await forgetUpload(file.id);
      await updateFile(file.id, { expectedBytes: undefined, sourceValidator: undefined });
      return copyFile(context, { ...file, expectedBytes: undefined, sourceValidator: undefined }, true);
    }
    throw error;
  } finally {
    await first?.body.cancel();
  }
  // Written down as done, into the archive ledger, and its upload ledger dropped in one go: a worker stopped
  // between them would otherwise find neither and send the whole file again.
  const crc32 = crc === undefined ? undefined : crcHex(crc);
  await db.transaction('rw', [db.files, db.uploads, db.parts, db.archive], async () => {
    await updateFile(file.id, { state: 'done', bytesDone: size, error: undefined, crc32 });
    await forgetUpload(file.id);
    await recordArchived(job, [
      { file: { ...file, bytesDone: size as number, crc32 }, place: objectKey(copy, file.path) },
    ]);
  });
  await addProgress(job.id, { bytes: 0, done: 1, failed: 0 });
}

/** A file that failed for good: its unfinished upload is given up so its parts stop costing storage. */
export function giveUp(context: CopyContext, file: ExportFile): Promise<void> {
  return abandon(context.client, context.copy, file.id);
}
