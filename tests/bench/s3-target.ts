// The S3 side of `npm run bench:s3`, in a process of its own: s3rver and the Amazon-style https proxy in front of
// it. In the benchmark's process they would share one event loop with the demo portal, which feeds the
// extension's copy but not aws's upload; a real Zoom and a real S3 are separate machines.
// Arguments: <s3rver folder> <bucket>. Prints one JSON line when listening; ends when its stdin closes, so it
// never outlives the benchmark, however that ends. The folder belongs to the caller, who removes it.
import S3rver from 's3rver';
import { startS3Proxy } from '../e2e/s3-proxy.ts';
import { freePort } from '../e2e/s3-server.ts';

export interface S3TargetReady {
  /** s3rver itself (http, path style): where Node checks what arrived. */
  endpoint: string;
  /** The https proxy: Amazon host names from the browser, path-style requests from aws. */
  proxyPort: number;
}

async function main(): Promise<void> {
  const [directory, bucket] = process.argv.slice(2);
  if (!directory || !bucket) throw new Error('usage: s3-target.ts <folder> <bucket>');
  const port = await freePort();
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const proxy = await startS3Proxy(endpoint, { amazon: true, checksums: false });
  const ready: S3TargetReady = { endpoint, proxyPort: proxy.port };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(`s3-target: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
