// The user's S3 destinations: stored tidied, listed in the order saved, keys never where a content script reads.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '@/utils/db';
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
  sessionToken: 'token-one',
};

/** Everything a content script could read of storage.local, as one text. */
const storageText = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

describe('saved S3 destinations', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await db.delete();
    await db.open();
  });

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

  it('keeps no key, secret or session token in storage.local, where content scripts can read', async () => {
    await fakeBrowser.storage.local.set({ settings: { volumeBytes: 1 } });
    const saved = await saveDestination(minio);
    await saveDestination({ ...minio, id: saved.id, name: 'Renamed' });
    expect(await listDestinations()).toHaveLength(1);
    const text = await storageText();
    for (const secret of ['AKIDEXAMPLE', 'secret-one', 'token-one', 'accessKeyId', 'secretAccessKey', 'sessionToken']) {
      expect(text).not.toContain(secret);
    }
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ settings: { volumeBytes: 1 } });
  });

  it('drops a stored entry that no longer passes the checks', async () => {
    const good = await saveDestination(minio);
    await db.destinations.put({ ...good, id: 'bad', bucket: 'Not_A_Bucket', order: 99 });
    expect(await listDestinations()).toEqual([good]);
  });

  it('moves destinations an older Reclaim kept in storage.local into the database, leaving out broken ones', async () => {
    const good = await saveDestination(minio);
    const old = { ...minio, id: 'old-one', name: 'Older' };
    await fakeBrowser.storage.local.set({ destinations: [old, { ...old, bucket: 'Not_A_Bucket' }, 'junk', null] });
    expect((await listDestinations()).map((d) => d.id)).toEqual([good.id, 'old-one']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // Anything but a list is nothing to move, and is removed all the same.
    await fakeBrowser.storage.local.set({ destinations: { [good.id]: good } });
    expect(await listDestinations()).toHaveLength(2);
    expect(await storageText()).toBe('{}');
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
