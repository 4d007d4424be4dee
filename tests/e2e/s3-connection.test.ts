// "Test connection" against a real S3 server on loopback (s3rver): the three ways it most often goes wrong
// get three different messages.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseDestination, type S3Destination } from '../../utils/s3/destination.ts';
import { testConnection } from '../../utils/s3/test-connection.ts';

let server: S3rver;
let dir: string;
let endpoint: string;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reclaim-s3-'));
  const port = await freePort();
  server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'reclaim-archive', configs: [] }],
  });
  await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const destination = (change: Partial<S3Destination> = {}) =>
  normaliseDestination({
    name: 'Archive',
    bucket: 'reclaim-archive',
    region: 'us-east-1',
    prefix: '/recordings/',
    endpoint,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    ...change,
  });

describe('Test connection', () => {
  it('passes with the right bucket and keys, and leaves nothing behind', async () => {
    expect(await testConnection(destination())).toBeNull();
  });

  it('says there is no such bucket', async () => {
    expect(await testConnection(destination({ bucket: 'no-such-bucket' }))).toMatchObject({ code: 's3-bucket' });
  });

  // s3rver checks the access key id but not SigV4 signatures, so a wrong secret cannot be shown here.
  it('says the keys are wrong', async () => {
    expect(await testConnection(destination({ accessKeyId: 'NOBODY' }))).toEqual({
      code: 's3-keys',
      detail: 'InvalidAccessKeyId',
    });
  });

  it('says the endpoint cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    expect(await testConnection(destination({ endpoint: closed }))).toMatchObject({ code: 's3-unreachable' });
  });
});

describe('a destination as the user typed it', () => {
  it('is tidied: prefix without slashes, endpoint as an origin, a name', () => {
    const tidy = destination({ endpoint: `${endpoint}/some/path` });
    expect(tidy).toMatchObject({ prefix: 'recordings', endpoint, name: 'Archive' });
  });

  it.each([
    ['bucket', { bucket: 'Bad_Bucket' }],
    ['region', { region: 'moon' }],
    ['endpoint', { endpoint: 'http://s3.example.com' }],
    ['endpoint', { endpoint: 'not a url' }],
    ['secretAccessKey', { secretAccessKey: '' }],
  ])('refuses a wrong %s', (field, change) => {
    expect(() => destination(change as Partial<S3Destination>)).toThrowError(field);
  });
});
