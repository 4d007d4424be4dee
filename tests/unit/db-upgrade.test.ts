// The database is every export's history: an upgrade of its one schema (utils/db.ts) must keep all of it. A
// version 2 database, whose jobs held their recordings in the job row, opens as version 3 with the recordings in
// their own table, in the order they were chosen.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { expect, it } from 'vitest';
import type { Recording } from '../../utils/model';

const recording = (id: string): Recording => ({
  site: 'zoom',
  id,
  title: `Lecture ${id}`,
  startedAt: '2026-11-02T09:00:00Z',
  status: 'ready',
  columns: { meetingNumber: id },
});

const job = (name: string, recordings: Recording[]) => ({
  site: 'zoom',
  destination: 'zip',
  origin: 'https://us06web.zoom.us',
  name,
  state: 'completed',
  createdAt: 1,
  updatedAt: 1,
  recordings,
  fileCount: 0,
  filesDone: 0,
  filesFailed: 0,
  bytesTotal: 0,
  bytesDone: 0,
  volumes: [],
});

it('moves the recordings of older exports into their own table, in their order, and out of the job row', async () => {
  // Version 2 exactly as it shipped (utils/db.ts before version 3).
  const old = new Dexie('reclaim');
  old.version(1).stores({
    jobs: '++id, state, createdAt',
    files: '++id, jobId, [jobId+state], [jobId+volume], downloadId, downloadUrl',
  });
  old.version(2).stores({ uploads: 'fileId, jobId', parts: 'key, fileId' });
  const semester = [recording('303'), recording('101'), recording('202')];
  const first = (await old.table('jobs').add(job('Zoom recordings 2026-11-02 10.00', semester))) as number;
  const second = (await old.table('jobs').add(job('Zoom recordings 2026-11-03 10.00', [recording('404')]))) as number;
  old.close();

  const { db } = await import('../../utils/db');
  const { getJob, jobRecordings } = await import('../../utils/export/jobs');
  await db.open();
  expect(db.verno).toBeGreaterThanOrEqual(3);
  expect(await jobRecordings(first)).toEqual(semester);
  expect(await jobRecordings(second)).toEqual([recording('404')]);
  const upgraded = await getJob(first);
  expect(upgraded?.name).toBe('Zoom recordings 2026-11-02 10.00');
  expect(upgraded).not.toHaveProperty('recordings');
  db.close();
});
