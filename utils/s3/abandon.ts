// Giving up an unfinished multipart upload, and what became of it.
import { AbortMultipartUploadCommand } from '@aws-sdk/client-s3';
import type { UploadTarget } from './multipart';

/** What became of an abort: done, impossible on this server (nothing left to try), or refused for now. */
export type Abandoned = { aborted: true } | { aborted: false; note: string; worthKeeping: boolean };

/**
 * Gives up an unfinished multipart upload, so its parts stop costing storage. Some S3-compatible servers do not
 * support this (s3rver answers 405): nothing can ever abort it there. A refusal (keys without the permission, a
 * network gone) may pass: the upload is worth keeping to try again.
 */
export async function abandonUpload(target: UploadTarget, uploadId: string): Promise<Abandoned> {
  try {
    await target.client.send(
      new AbortMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, UploadId: uploadId }),
    );
    return { aborted: true };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return { aborted: true };
    if (status === 405 || status === 501) {
      return { aborted: false, note: 'AbortMultipartUpload is not supported by this server', worthKeeping: false };
    }
    return { aborted: false, note: String(error), worthKeeping: true };
  }
}
