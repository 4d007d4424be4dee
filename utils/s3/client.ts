// The S3 client for a destination. Custom endpoints get path-style addresses and checksums only where S3
// requires them: some S3-compatible servers store the SDK's default aws-chunked framing as if it were the data
// (TOOLCHAIN.md, "AWS SDK and S3").
import { S3Client } from '@aws-sdk/client-s3';
import type { BuildMiddleware, MetadataBearer } from '@smithy/types';
import type { S3Destination } from './destination';

export function s3ClientFor(destination: S3Destination): S3Client {
  const custom = destination.endpoint !== undefined;
  const client = new S3Client({
    region: destination.region,
    endpoint: destination.endpoint,
    forcePathStyle: custom,
    credentials: {
      accessKeyId: destination.accessKeyId,
      secretAccessKey: destination.secretAccessKey,
      sessionToken: destination.sessionToken,
    },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Retries are ours (one place decides, errors.ts); the SDK's own would hide attempts from the history.
    maxAttempts: 1,
  });
  client.middlewareStack.add(unsignedPayload, { step: 'build', name: 'reclaimUnsignedPayload' });
  return client;
}

/**
 * Amazon S3 checks the CRC-32 sent with each part and with the whole object against the bytes it received, and
 * refuses what differs, so bytes changed on the way never become the archived object. Other S3-compatible servers
 * may refuse those checksum headers or an upload created with them (the SDK's switch to default checksums in
 * 2025 broke uploads to several), so only Amazon is sent them; elsewhere the size check stays the proof.
 */
export function checksumsFor(destination: S3Destination): boolean {
  return destination.endpoint === undefined;
}

/**
 * The bytes of an object are not hashed into the signature (`UNSIGNED-PAYLOAD`, as `aws s3 cp` does over https):
 * hashing every byte in the worker halved the copy's speed (the SDK's SHA-256 falls back to plain JavaScript for
 * 8 MiB). TLS guards the bytes on the way to S3; plain http is only allowed to this machine (a local server);
 * the object's size is checked with HeadObject. Parts are Blobs (multipart.ts), which the signer could not hash
 * anyway: the header says so explicitly instead of leaving it to the signer's fallback.
 */
const unsignedPayload: BuildMiddleware<object, MetadataBearer> = (next) => {
  return (args) => {
    const request = args.request as { body?: unknown; headers?: Record<string, string> };
    if ((request.body instanceof Uint8Array || request.body instanceof Blob) && request.headers) {
      request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    }
    return next(args);
  };
};
