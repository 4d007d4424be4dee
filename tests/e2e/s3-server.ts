// A real S3 server on loopback for the tests: s3rver with one bucket, in a folder of its own (TOOLCHAIN.md).
import { mkdtempSync, rmSync } from 'node:fs';
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
