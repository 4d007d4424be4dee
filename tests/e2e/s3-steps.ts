// S3 in browser tests: destinations stored as the options page stores them, and the bucket read back by an
// independent client (the SDK from Node, straight to the local server), never through the extension.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Harness } from './harness.ts';
import type { LocalS3 } from './s3-server.ts';

export interface BucketReader {
  /** Every object under `prefix`, with its size. */
  objectsUnder(prefix: string): Promise<Map<string, number>>;
  objectBytes(key: string): Promise<Buffer>;
  destroy(): void;
}

export function bucketReader(s3: LocalS3, bucket: string): BucketReader {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return {
    async objectsUnder(prefix) {
      const found = new Map<string, number>();
      let token: string | undefined;
      do {
        const listing = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const object of listing.Contents ?? []) found.set(object.Key ?? '', object.Size ?? 0);
        token = listing.NextContinuationToken;
      } while (token);
      return found;
    },
    async objectBytes(key) {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const body = answer.Body as { transformToByteArray(): Promise<Uint8Array> };
      return Buffer.from(await body.transformToByteArray());
    },
    destroy: () => client.destroy(),
  };
}

/** Stores destinations as the options page does (its form has tests of its own). */
export async function useDestinations(harness: Harness, ...destinations: Record<string, string>[]): Promise<void> {
  const options = await harness.context.newPage();
  await options.goto(`chrome-extension://${harness.extensionId}/options.html`);
  await options.evaluate(
    (list) =>
      (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.local.set({
        destinations: list,
      }),
    destinations,
  );
  await options.close();
}
