import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  destinationChoices,
  endpointPermission,
  listDestinations,
  removeDestination,
  saveDestination,
} from '@/utils/s3/destinations';

const minio = {
  name: 'Lectures',
  bucket: 'lectures',
  region: 'us-east-1',
  prefix: '/2026/spring/',
  endpoint: 'https://minio.example.org:9000/ignored/path',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'secret-one',
};

describe('saved S3 destinations', () => {
  beforeEach(() => fakeBrowser.reset());

  it('saves a destination tidied, with an id', async () => {
    const saved = await saveDestination(minio);
    expect(saved).toMatchObject({ prefix: '2026/spring', endpoint: 'https://minio.example.org:9000' });
    expect(saved.id).toMatch(/\S/);
    expect(await listDestinations()).toEqual([saved]);
  });

  it('replaces the destination with the same id and keeps the others', async () => {
    const first = await saveDestination(minio);
    const second = await saveDestination({ ...minio, name: 'Other', bucket: 'other' });
    await saveDestination({ ...minio, id: first.id, bucket: 'renamed' });
    const list = await listDestinations();
    expect(list.map((d) => [d.id, d.bucket])).toEqual([
      [second.id, 'other'],
      [first.id, 'renamed'],
    ]);
  });

  it('removes only the destination asked for', async () => {
    const first = await saveDestination(minio);
    const second = await saveDestination({ ...minio, bucket: 'other' });
    await removeDestination(first.id);
    expect((await listDestinations()).map((d) => d.id)).toEqual([second.id]);
  });

  it('tells pages names and buckets, never keys', async () => {
    const saved = await saveDestination(minio);
    expect(await destinationChoices()).toEqual([
      { id: saved.id, name: 'Lectures', bucket: 'lectures', prefix: '2026/spring' },
    ]);
  });

  it('drops a stored entry that no longer passes the checks, and anything that is not a list', async () => {
    const good = await saveDestination(minio);
    await fakeBrowser.storage.local.set({ destinations: [good, { ...good, bucket: 'Not_A_Bucket' }, 'junk', null] });
    expect(await listDestinations()).toEqual([good]);
    await fakeBrowser.storage.local.set({ destinations: { [good.id]: good } });
    expect(await listDestinations()).toEqual([]);
  });

  it.each([
    ['https://minio.example.org:9000', 'https://minio.example.org/*'],
    ['https://account.r2.cloudflarestorage.com', 'https://account.r2.cloudflarestorage.com/*'],
    ['http://127.0.0.1:9000', 'http://127.0.0.1/*'],
    [undefined, undefined],
  ])('needs the host permission of endpoint %s: %s', (endpoint, permission) => {
    expect(endpointPermission({ endpoint })).toBe(permission);
  });
});
