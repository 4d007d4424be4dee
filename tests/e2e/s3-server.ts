// A real S3 server on loopback for the tests: s3rver with one bucket, in a folder of its own (TOOLCHAIN.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

/** A loopback port nothing listens on (for "unreachable" too). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startLocalS3(bucket = 'reclaim-archive', fixedPort?: number): Promise<LocalS3> {
  const dir = mkdtempSync(join(tmpdir(), 'reclaim-s3-'));
  const port = fixedPort ?? (await freePort());
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  answerOnlyWhatIsOnDisk(server);
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The part of s3rver's file store these tests lean on (s3rver 3.7, lib/stores/filesystem.js). */
interface FileStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putObject(object: { bucket: string; key: string }): Promise<{ size: number }>;
  putPart(bucket: string, uploadId: string, partNumber: number, content: unknown): Promise<{ size: number }>;
}

/**
 * s3rver answers a PUT (an object, a part, a completed upload) once the bytes have passed its MD5 transform, before
 * its write stream has flushed them to the file: a read right after, or a completion that reads the parts, may find
 * a file short of its last bytes (ci23's wrong object, ci30's missing one). Amazon acknowledges only what it
 * stored, so here an answer waits until the file holds every byte counted.
 */
function answerOnlyWhatIsOnDisk(server: S3rver): void {
  const store = (server as unknown as { store: FileStore }).store;
  const putObject = store.putObject.bind(store);
  const putPart = store.putPart.bind(store);
  store.putObject = async (object) => {
    const result = await putObject(object);
    await untilWhole(store.getResourcePath(object.bucket, object.key, 'object'), result.size);
    return result;
  };
  store.putPart = async (bucket, uploadId, partNumber, content) => {
    const result = await putPart(bucket, uploadId, partNumber, content);
    const uploads = store.getResourcePath(bucket, undefined, 'uploads');
    await untilWhole(join(uploads, uploadId, String(partNumber)), result.size);
    return result;
  };
}

/** Waits for a file to hold `size` bytes: the write stream flushes within moments of the last byte. */
async function untilWhole(path: string, size: number): Promise<void> {
  for (let look = 0; look < 2_000; look++) {
    const onDisk = await stat(path).then(
      (found) => found.size,
      () => -1,
    );
    if (onDisk === size) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
