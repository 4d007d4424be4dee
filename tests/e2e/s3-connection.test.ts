// "Test connection" against a real S3 server on loopback (s3rver): the three ways it most often goes wrong
// get three different messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseDestination, type S3Destination } from '../../utils/s3/destination.ts';
import { testConnection } from '../../utils/s3/test-connection.ts';
import { freePort, type LocalS3, startLocalS3 } from './s3-server.ts';

let s3: LocalS3;
let endpoint: string;

beforeAll(async () => {
  s3 = await startLocalS3('reclaim-archive');
  endpoint = s3.endpoint;
});
afterAll(() => s3?.close());

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
