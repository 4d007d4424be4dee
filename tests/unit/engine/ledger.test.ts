// The archive ledger on a fake IndexedDB: what a finished file writes, and the questions an incremental export,
// the marks on rows and the deletion report ask of it.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  archivedBy,
  archivedIn,
  archivedOf,
  compareWithArchive,
  destinationKey,
  destinationKeyOf,
  forgetArchived,
  isRecordingArchived,
  markVerified,
  recordArchived,
} from '@/utils/archive/ledger';
import { db, type ExportFile, type ExportJob } from '@/utils/db';
import { jobRow, videoRow } from './rows';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

const s3 = {
  destinationId: 'dest-1',
  destinationName: 'Archive',
  bucket: 'lectures',
  prefix: 'zoom',
  copyId: 'c1',
  startedAt: 1,
};

/** A job with two recordings: m1 has a video and a transcript, m2 a video. */
async function exportOf(destination: ExportJob['destination']) {
  const jobId = await db.jobs.add(jobRow({ destination, ...(destination === 's3' ? { s3 } : {}) }));
  const rows = [
    videoRow(jobId, 1, { fileId: 'v1', sizeBytes: 100, bytesDone: 100, crc32: '0a0b0c0d' }),
    videoRow(jobId, 1, { fileId: 't1', kind: 'transcript', path: 'Lecture 1/transcript.vtt', bytesDone: 7 }),
    videoRow(jobId, 2, { fileId: 'v2', sizeBytes: 200, bytesDone: 200 }),
  ];
  await db.files.bulkAdd(rows as ExportFile[]);
  const job = (await db.jobs.get(jobId)) as ExportJob;
  const files = await db.files.where('jobId').equals(jobId).sortBy('id');
  return { job, files };
}

/** What a sink does when files are saved: marked done and written to the ledger in one transaction. */
async function saved(job: ExportJob, files: ExportFile[], at: number) {
  await db.transaction('rw', db.files, db.archive, async () => {
    for (const file of files) await db.files.update(file.id, { state: 'done' });
    await recordArchived(
      job,
      files.map((file) => ({ file, place: `zoom/c1/${file.path}` })),
      at,
    );
  });
}

describe('the archive ledger', () => {
  it('keeps where, how big, the CRC and when for every saved file, by destination', async () => {
    const { job, files } = await exportOf('s3');
    await saved(job, files.slice(0, 2), 1000);
    const key = destinationKeyOf(job);
    expect(key).toBe('s3:dest-1');
    expect(destinationKey('s3', 'dest-1')).toBe(key);
    expect(destinationKeyOf({ destination: 'zip' })).toBe('zip');

    const byRecording = await archivedOf(key, 'zoom', ['m1', 'm2']);
    expect([...byRecording.keys()]).toEqual(['m1']);
    const video = byRecording.get('m1')?.find((entry) => entry.fileId === 'v1');
    expect(video).toMatchObject({
      site: 'zoom',
      recordingId: 'm1',
      kind: 'video',
      sizeBytes: 100,
      announcedBytes: 100,
      crc32: '0a0b0c0d',
      place: 'zoom/c1/Lecture 1/video.mp4',
      bucket: 'lectures',
      destinationName: 'Archive',
      recordingFileIds: ['v1', 't1'],
      archivedAt: 1000,
      verifiedAt: 1000,
      jobId: job.id,
    });
    // Another destination knows nothing of it.
    expect((await archivedOf('zip', 'zoom', ['m1'])).size).toBe(0);
    expect((await archivedIn(key, 'zoom')).map((entry) => entry.fileId).sort()).toEqual(['t1', 'v1']);
    expect(await archivedBy(job.id)).toHaveLength(2);
  });

  it("reads only the saved files' recordings, not every file of the export, to name a recording's files", async () => {
    const jobId = await db.jobs.add(jobRow({ destination: 'folder' }));
    const rows = Array.from({ length: 3_000 }, (_, n) => videoRow(jobId, n, { fileId: `v${n}`, bytesDone: 10 }));
    await db.files.bulkAdd([...rows, videoRow(jobId, 7, { fileId: 't7', kind: 'transcript' })] as ExportFile[]);
    const job = (await db.jobs.get(jobId)) as ExportJob;
    const file = (await db.files
      .where('jobId')
      .equals(jobId)
      .filter((f) => f.fileId === 'v7')
      .first()) as ExportFile;
    // Counted at the database's cursor: a filter's rows never reach Dexie's reading hook.
    const steps = vi.spyOn(IDBCursor.prototype, 'continue');
    await saved(job, [file], 1000);
    const rowsRead = steps.mock.calls.length;
    steps.mockRestore();
    expect((await archivedOf('folder', 'zoom', ['m7'])).get('m7')?.[0]?.recordingFileIds.sort()).toEqual(['t7', 'v7']);
    // Every saved file of an export of twenty thousand read all twenty thousand rows: minutes of a busy database.
    expect(rowsRead).toBeLessThan(10);
  });

  it('is written with the file done or not at all', async () => {
    const { job, files } = await exportOf('folder');
    await expect(
      db.transaction('rw', db.files, db.archive, async () => {
        await db.files.update(files[0]?.id as number, { state: 'done' });
        await recordArchived(job, [{ file: files[0] as ExportFile, place: 'a' }]);
        throw new Error('worker stopped');
      }),
    ).rejects.toThrow('worker stopped');
    expect(await db.archive.count()).toBe(0);
    expect((await db.files.get(files[0]?.id as number))?.state).toBe('queued');
  });

  it('says a recording is archived only when every chosen file is, at the size announced now', async () => {
    const { job, files } = await exportOf('zip');
    const key = destinationKeyOf(job);
    await saved(job, files.slice(0, 1), 1);
    // The transcript was chosen in that export but is not saved yet.
    expect(await isRecordingArchived(key, 'zoom', 'm1')).toBe(false);
    await saved(job, files.slice(1), 2);
    expect(await isRecordingArchived(key, 'zoom', 'm1')).toBe(true);
    expect(await isRecordingArchived(key, 'zoom', 'm2')).toBe(true);
    expect(await isRecordingArchived(key, 'zoom', 'm3')).toBe(false);
    // As listed now: a transcript added since, or a video of another size, is not archived.
    expect(await isRecordingArchived(key, 'zoom', 'm2', [{ id: 'v2', sizeBytes: 200 }])).toBe(true);
    expect(await isRecordingArchived(key, 'zoom', 'm2', [{ id: 'v2', sizeBytes: 201 }])).toBe(false);
    expect(await isRecordingArchived(key, 'zoom', 'm2', [{ id: 'v2' }, { id: 'c2' }])).toBe(false);
  });

  it('sorts a recording listed again into archived, new and changed files', async () => {
    const { job, files } = await exportOf('s3');
    await saved(job, files, 1);
    const entries = (await archivedOf(destinationKeyOf(job), 'zoom', ['m1'])).get('m1') ?? [];
    const listed = [
      { id: 'v1', sizeBytes: 150 },
      { id: 't1', sizeBytes: undefined },
      { id: 'c1', sizeBytes: 3 },
    ];
    const { archived, fresh, changed } = compareWithArchive(entries, listed);
    expect(archived.map((file) => file.id)).toEqual(['t1']);
    expect(fresh.map((file) => file.id)).toEqual(['c1']);
    expect(changed.map((file) => file.id)).toEqual(['v1']);
  });

  it('leaves out files of older exports that carry no platform id, and replaces an entry saved again', async () => {
    const { job, files } = await exportOf('zip');
    const old = { ...(files[0] as ExportFile), fileId: undefined };
    await saved(job, [old], 1);
    expect(await db.archive.count()).toBe(0);
    await saved(job, files.slice(0, 1), 1);
    await saved(job, files.slice(0, 1), 5);
    const entries = await archivedIn('zip', 'zoom');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.archivedAt).toBe(5);
  });

  it('is confirmed or forgotten after the bucket was checked', async () => {
    const { job, files } = await exportOf('s3');
    await saved(job, files, 1);
    const [first, second] = await archivedIn(destinationKeyOf(job), 'zoom');
    await markVerified([first?.key as string], 99);
    await forgetArchived([second?.key as string]);
    const left = await archivedIn(destinationKeyOf(job), 'zoom');
    expect(left.map((entry) => [entry.key, entry.verifiedAt])).toEqual([[first?.key, 99], expect.anything()]);
    expect(left.map((entry) => entry.key)).not.toContain(second?.key);
  });
});

describe('an export that skips what is archived', () => {
  it('plans only new files of old recordings, files of another size, and new recordings', async () => {
    const { planExport } = await import('@/utils/export/plan');
    const { zoomAdapter } = await import('@/utils/sites/zoom-client');
    // Archived to the folder: m1's video and transcript, m2's video.
    const { job, files } = await exportOf('folder');
    await saved(job, files, 1);
    const listing: Record<string, Array<{ id: string; kind: 'video' | 'transcript' | 'chat'; sizeBytes?: number }>> = {
      m1: [
        { id: 'v1', kind: 'video', sizeBytes: 100 },
        { id: 't1', kind: 'transcript' },
        { id: 'c1', kind: 'chat', sizeBytes: 3 },
      ],
      m2: [{ id: 'v2', kind: 'video', sizeBytes: 250 }],
      m3: [{ id: 'v3', kind: 'video', sizeBytes: 10 }],
    };
    const adapter = {
      ...zoomAdapter,
      prepareDownloads: undefined,
      listFiles: async (_origin: string, rec: { id: string }) =>
        (listing[rec.id] ?? []).map((file) => ({ ...file, ext: 'x', url: `https://us06web.zoom.us/${file.id}` })),
    };
    const again = async (skipArchived: boolean) => {
      const jobId = await db.jobs.add(jobRow({ destination: 'folder', skipArchived }));
      await db.recordings.bulkAdd(
        ['m1', 'm2', 'm3'].map((id) => ({
          jobId,
          recording: { site: 'zoom' as const, id, title: id, startedAt: '', status: 'ready' as const, columns: {} },
        })),
      );
      await planExport(jobId, adapter, 0);
      const planned = await db.files.where('jobId').equals(jobId).sortBy('id');
      return { planned: planned.map((file) => file.fileId), job: await db.jobs.get(jobId) };
    };
    const skipping = await again(true);
    // The chat added to m1, m2's video at another size, and all of m3.
    expect(skipping.planned).toEqual(['c1', 'v2', 'v3']);
    expect(skipping.job?.filesArchived).toBe(2);
    expect((await again(false)).planned).toEqual(['v1', 't1', 'c1', 'v2', 'v3']);
  });
});
