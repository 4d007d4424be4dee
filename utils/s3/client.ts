// The S3 client for a destination. Custom endpoints get path-style addresses and checksums only where S3
// requires them: some S3-compatible servers store the SDK's default aws-chunked framing as if it were the data
// (TOOLCHAIN.md, "AWS SDK and S3").
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Destination } from './destination';

export function s3ClientFor(destination: S3Destination): S3Client {
  const custom = destination.endpoint !== undefined;
  return new S3Client({
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
}
