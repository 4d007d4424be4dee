// Reclaim before database version 4 kept S3 destinations, keys included, in storage.local, which content scripts
// can read. Opening the database moves them into it, once, and leaves no secret behind; the exports stay.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const destination = (id: string) => ({
  id,
  name: `Lectures ${id}`,
  bucket: 'lectures',
  region: 'eu-west-1',
  prefix: '2026',
  accessKeyId: `AKID-${id}`,
  secretAccessKey: `secret-${id}`,
  sessionToken: `token-${id}`,
});

it('moves stored destinations into the database when it opens, keeps their order, and leaves no secret', async () => {
  // Version 3 exactly as it shipped (utils/db.ts before version 4), with one export in its history.
  const old = new Dexie('reclaim');
  old.version(1).stores({
    jobs: '++id, state, createdAt',
    files: '++id, jobId, [jobId+state], [jobId+volume], downloadId, downloadUrl',
  });
  old.version(2).stores({ uploads: 'fileId, jobId', parts: 'key, fileId' });
  old.version(3).stores({ recordings: '++id, jobId' });
  const jobId = (await old.table('jobs').add({ name: 'Zoom recordings', state: 'completed', createdAt: 1 })) as number;
  old.close();
  const settings = { volumeBytes: 5, nameTemplate: '{topic}' };
  await fakeBrowser.storage.local.set({ settings, destinations: [destination('b'), destination('a')] });

  const { db } = await import('../../utils/db');
  const { listDestinations, moveDestinationsOutOfStorage } = await import('../../utils/s3/destinations');
  await db.open();
  expect(db.verno).toBeGreaterThanOrEqual(4);
  // Nothing else asked for them: opening the database (the worker does at every start) is enough.
  await vi.waitFor(async () => expect(await fakeBrowser.storage.local.get(null)).toEqual({ settings }));
  expect(await listDestinations()).toEqual([destination('b'), destination('a')]);
  expect((await db.table('jobs').get(jobId))?.name).toBe('Zoom recordings');

  // Once: moving again (or a worker that stopped between writing and removing) changes nothing.
  await moveDestinationsOutOfStorage();
  await fakeBrowser.storage.local.set({ destinations: [destination('a')] });
  await moveDestinationsOutOfStorage();
  expect((await listDestinations()).map((d) => d.id).sort()).toEqual(['a', 'b']);
  const text = JSON.stringify(await fakeBrowser.storage.local.get(null));
  expect(text).not.toMatch(/AKID|secret|token|accessKeyId|secretAccessKey|sessionToken/);
  db.close();
});
