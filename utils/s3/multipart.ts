// One object into S3, from a stream, with memory bounded by parts in flight × part size. Large objects go up as
// a multipart upload driven by hand: every acknowledged part is written to a ledger before it counts, so an
// upload that stopped (a stopped worker, a closed browser) goes on from the first missing part.
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { ExportError } from '../errors';
import { crc32Combine, crcBase64, crcHex } from '../export/crc32';
import type { RetryPolicy } from '../export/retry';
import { type OpenRange, readPart, sendByRanges, sendFromStream } from './parts';
import type { s3ErrorInfo } from './s3-error';
import { addCrcMetadata, CRC_METADATA, stored, storedSize } from './stored-object';
import { withRetries } from './with-retries';

const MiB = 1024 * 1024;
/** S3 allows at most 10,000 parts; 9,000 leaves room for a size announced a little too small. */
const MAX_PARTS = 9_000;
export const MIN_PART_SIZE = 8 * MiB;

export interface UploadedPart {
  partNumber: number;
  size: number;
  etag: string;
  /** CRC-32 of the part's bytes (absent in parts an older Reclaim sent). */
  crc32?: number;
}

/** Where an upload's progress is kept between runs (the database in the extension). */
export interface UploadLedger {
  load(): Promise<{ uploadId?: string; partSize?: number; checksums?: boolean; parts: UploadedPart[] }>;
  /**
   * A new upload: the parts of any earlier one are forgotten with it. `checksums`: created with S3's CRC-32
   * checks, so each of its parts must carry its CRC (and one begun without them must not).
   */
  begin(uploadId: string, partSize: number, checksums: boolean): Promise<void>;
  addPart(part: UploadedPart): Promise<void>;
}

export interface UploadTarget {
  client: S3Client;
  bucket: string;
  key: string;
  contentType?: string;
  /**
   * The server checks the CRC-32 given with each part and with the whole object against the bytes it received,
   * and refuses what differs (BadDigest): Amazon S3 (client.ts, `checksumsFor`).
   */
  checksums?: boolean;
}

export interface UploadOptions {
  size: number;
  /** The object's bytes from `start` on. */
  open(start: number): Promise<ReadableStream<Uint8Array>>;
  /** Each part fetched by a range of its own, this many at once (parts.ts); without it, parts come from `open`. */
  openRange?: OpenRange;
  connections?: number;
  ledger: UploadLedger;
  partsInFlight: number;
  signal: AbortSignal;
  policy?: RetryPolicy;
  /** Told of bytes S3 acknowledged in this run (parts from the ledger were told in the run that sent them). */
  onBytes?(count: number): void | Promise<void>;
  onRetry?(attempt: number, error: ReturnType<typeof s3ErrorInfo>): void | Promise<void>;
}

export function partSizeFor(size: number): number {
  return Math.max(MIN_PART_SIZE, Math.ceil(size / MAX_PARTS));
}

/** The object's CRC from its parts' in order, or undefined when a part's is not known. */
function objectCrc(parts: UploadedPart[]): number | undefined {
  let crc = 0;
  for (const part of parts) {
    if (part.crc32 === undefined) return undefined;
    crc = crc32Combine(crc, part.crc32, part.size);
  }
  return crc;
}

/** Uploads the object; resolves with the CRC-32 of its bytes, when every part's was known. */
export async function uploadObject(target: UploadTarget, options: UploadOptions): Promise<number | undefined> {
  const { client, bucket, key } = target;
  let crc: number | undefined;
  if (options.size < MIN_PART_SIZE) {
    const reader = (await options.open(0)).getReader();
    const { body, crc: whole } = await readPart(reader, options.size, []);
    if (body.size !== options.size)
      throw new ExportError({ code: 'incomplete', detail: `${body.size}/${options.size}` });
    await withRetries('PutObject', options, (abort) =>
      client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: target.contentType,
          Metadata: { [CRC_METADATA]: crcHex(whole) },
          ChecksumCRC32: target.checksums ? crcBase64(whole) : undefined,
        }),
        abort,
      ),
    );
    crc = whole;
    await options.onBytes?.(body.size);
  } else {
    let sent: Sent;
    try {
      sent = await uploadInParts(target, options, false);
    } catch (error) {
      if (!(error instanceof ExportError && error.info.code === 's3-upload-gone')) throw error;
      // S3 forgot the upload (a lifecycle rule removed it during a long pause): its parts are gone with it, so
      // the file goes up again from its first byte under a new upload. Forgotten twice, the file fails.
      sent = await uploadInParts(target, options, true);
    }
    crc = sent.crc;
    if (crc !== undefined && !sent.tagged) await addCrcMetadata(target, options, crc);
  }
  const stored = await storedSize(target, options);
  if (stored !== options.size) {
    throw new ExportError({ code: 'size-mismatch', detail: `${stored ?? 'no object'}/${options.size}` });
  }
  return crc;
}

/** What a multipart upload ended with: the object's CRC when known, and whether the object carries it already. */
interface Sent {
  crc?: number;
  tagged?: boolean;
}

async function uploadInParts(target: UploadTarget, options: UploadOptions, fresh: boolean): Promise<Sent> {
  const { client, bucket, key } = target;
  let ledger: Awaited<ReturnType<UploadLedger['load']>> = fresh ? { parts: [] } : await options.ledger.load();
  const resumed = ledger.uploadId !== undefined;
  if (!ledger.uploadId || !ledger.partSize) {
    const partSize = partSizeFor(options.size);
    const checksums = target.checksums === true;
    // A full-object CRC-32: S3 checks the whole object's at the end, besides each part's on arrival.
    const checked = checksums ? ({ ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' } as const) : {};
    const created = await withRetries('CreateMultipartUpload', options, (abort) =>
      client.send(
        new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: target.contentType, ...checked }),
        abort,
      ),
    );
    if (!created.UploadId) throw new ExportError({ code: 's3-server', detail: 'CreateMultipartUpload: no UploadId' });
    await options.ledger.begin(created.UploadId, partSize, checksums);
    ledger = { uploadId: created.UploadId, partSize, checksums, parts: [] };
  }
  const uploadId = ledger.uploadId as string;
  const partSize = ledger.partSize as number;
  const checksums = ledger.checksums === true;
  const partCount = Math.ceil(options.size / partSize);
  const done = new Map(ledger.parts.map((part) => [part.partNumber, part]));

  /** One part into S3, then into the ledger: only then does it count as sent. */
  const send = async (number: number, body: Blob, crc: number) => {
    const answer = await withRetries('UploadPart', options, (abort) =>
      client.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: number,
          Body: body,
          ChecksumCRC32: checksums ? crcBase64(crc) : undefined,
        }),
        abort,
      ),
    );
    const part = { partNumber: number, size: body.size, etag: answer.ETag ?? '', crc32: crc };
    await options.ledger.addPart(part);
    done.set(number, part);
    await options.onBytes?.(part.size);
  };
  const missing = () => Array.from({ length: partCount }, (_, at) => at + 1).filter((number) => !done.has(number));
  let byStream = missing().length > 0;
  const first = missing()[0] ?? partCount + 1;
  if (byStream && options.openRange) {
    const { partsInFlight, signal, openRange, size } = options;
    const connections = options.connections ?? 1;
    const job = { numbers: missing(), partSize, size, partsInFlight, connections, signal, openRange, send };
    byStream = !(await sendByRanges(job));
  }
  if (byStream) await sendFromStream(options, partSize, partCount, done, send);
  // Every part was in the ledger: a run stopped after completing the upload but before the file was written down
  // as done (s3-export.ts drops the ledger only then). S3 no longer knows the upload id (Amazon answers
  // NoSuchUpload, s3rver 500), so look for the object first. The copy folder is new for each copy, so an object
  // of the right size at this key is this upload's.
  const parts = [...done.values()].sort((a, b) => a.partNumber - b.partNumber);
  if (resumed && first > partCount) {
    const found = await stored(target, options);
    if (found?.ContentLength === options.size) {
      const crc = objectCrc(parts);
      // Stopped after the upload but maybe before its CRC was copied onto it: copied now if it is not there.
      return { crc, tagged: crc !== undefined && found.Metadata?.[CRC_METADATA] === crcHex(crc) };
    }
  }
  const crc = objectCrc(parts);
  // Every part of a checked upload was sent with its CRC (the ledger keeps it): S3 compares the whole object's.
  const whole =
    checksums && crc !== undefined ? ({ ChecksumCRC32: crcBase64(crc), ChecksumType: 'FULL_OBJECT' } as const) : {};
  await withRetries('CompleteMultipartUpload', options, (abort) =>
    client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: parts.map((part) => ({
            PartNumber: part.partNumber,
            ETag: part.etag,
            ChecksumCRC32: checksums && part.crc32 !== undefined ? crcBase64(part.crc32) : undefined,
          })),
        },
        ...whole,
      }),
      abort,
    ),
  );
  return { crc };
}
