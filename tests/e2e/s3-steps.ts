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

/**
 * Makes these the user's only destinations. Written where an older Reclaim kept them (storage.local), which the
 * extension moves into its own database before it reads them: so the move is exercised too. What that database
 * held from an earlier test is cleared first, as the list is replaced, not added to.
 */
export async function useDestinations(harness: Harness, ...destinations: Record<string, string>[]): Promise<void> {
  const options = await harness.context.newPage();
  await options.goto(`chrome-extension://${harness.extensionId}/options.html`);
  await options.evaluate(async (list) => {
    const known = await indexedDB.databases();
    if (known.some((database) => database.name === 'reclaim')) {
      await new Promise<void>((resolve, reject) => {
        const opening = indexedDB.open('reclaim');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const database = opening.result;
          if (!database.objectStoreNames.contains('destinations')) {
            database.close();
            resolve();
            return;
          }
          const clearing = database.transaction('destinations', 'readwrite');
          clearing.objectStore('destinations').clear();
          clearing.oncomplete = () => {
            database.close();
            resolve();
          };
          clearing.onerror = () => reject(clearing.error);
        };
      });
    }
    await (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.local.set({
      destinations: list,
    });
  }, destinations);
  await options.close();
}
