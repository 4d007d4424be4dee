// The object once its bytes are up: read back for its size and metadata, and given its CRC-32 as metadata.
import { CopyObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { crcHex } from '../export/crc32';
import type { UploadOptions, UploadTarget } from './multipart';
import { withRetries } from './with-retries';

/** The largest object CopyObject copies in one request. */
const MAX_COPY = 5 * 1024 * 1024 * 1024;
/** The object metadata that carries the CRC-32 of its bytes (`x-amz-meta-crc32`), for anyone auditing the bucket. */
export const CRC_METADATA = 'crc32';

/**
 * S3 takes an object's metadata only when the object is written, and a multipart upload's CRC is known only after
 * its last part: the object is copied onto itself with the CRC added (a copy inside the bucket, no bytes sent).
 * CopyObject copies at most 5 GiB; a larger object keeps its CRC in the manifest and the log only.
 */
export async function addCrcMetadata(target: UploadTarget, options: UploadOptions, crc: number): Promise<void> {
  if (options.size > MAX_COPY) return;
  const { client, bucket, key } = target;
  // The object is there and whole already: a server that refuses the copy (some S3-compatible ones do not copy
  // an object onto itself) leaves it without the metadata, never fails the file.
  await withRetries('CopyObject', options, (abort) =>
    client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: key,
        CopySource: `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
        MetadataDirective: 'REPLACE',
        ContentType: target.contentType,
        Metadata: { [CRC_METADATA]: crcHex(crc) },
      }),
      abort,
    ),
  ).catch((error) => {
    if (options.signal.aborted) throw error;
  });
}

/** The size of the object at the target's key, or undefined when there is none. */
export async function storedSize(target: UploadTarget, options: UploadOptions): Promise<number | undefined> {
  return (await stored(target, options))?.ContentLength;
}

/** The object at the target's key (its size and metadata), or undefined when there is none. */
export async function stored(target: UploadTarget, options: UploadOptions) {
  return withRetries('HeadObject', options, (abort) =>
    target.client
      .send(new HeadObjectCommand({ Bucket: target.bucket, Key: target.key }), abort)
      .catch((error: { $metadata?: { httpStatusCode?: number } }) => {
        if (error?.$metadata?.httpStatusCode === 404) return undefined;
        throw error;
      }),
  );
}
