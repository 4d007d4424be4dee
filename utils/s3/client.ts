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
  client.middlewareStack.add(unsignedPayloadOverHttps, { step: 'build', name: 'reclaimUnsignedPayloadOverHttps' });
  return client;
}

/**
 * Over https the payload of a part is not hashed into the signature (`UNSIGNED-PAYLOAD`, as `aws s3 cp` does):
 * TLS already guards the bytes on the way, and hashing every byte in the worker halved the copy's speed (the
 * SDK's SHA-256 falls back to plain JavaScript for bodies of 8 MiB, our part size). The signer takes a
 * `x-amz-content-sha256` header that is already there as the payload's hash. Plain http keeps the full signature.
 */
const unsignedPayloadOverHttps: BuildMiddleware<object, MetadataBearer> = (next) => {
  return (args) => {
    const request = args.request as { protocol?: string; body?: unknown; headers?: Record<string, string> };
    if (request.protocol === 'https:' && request.body instanceof Uint8Array && request.headers) {
      request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    }
    return next(args);
  };
};
