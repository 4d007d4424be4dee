// The history page's reading and its two actions on a fake IndexedDB: exports newest first, filtered and searched;
// an export's files by index, in plan order; Save as CSV with the manifest's columns; Retry failed files plans
// only the failed files (under the paths they had); Delete from history never while an export may still run.
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, type ExportFile } from '@/utils/db';
import { deleteExport, retryFailedFiles } from '@/utils/export/history-actions';
import { NO_VOLUME, planExport } from '@/utils/export/plan';
import { downloadToShow, historyCsv, historyFileListing, historyJobs } from '@/utils/history';
import type { Recording } from '@/utils/model';
import type { SiteAdapter } from '@/utils/sites/site';
import { zoomAdapter } from '@/utils/sites/zoom-client';
import { jobRow, videoRow } from './engine/rows';

const recording = (n: number): Recording => ({
  site: 'zoom',
  id: `m${n}`,
  title: `Lecture ${n}`,
  startedAt: '2026-11-02T09:00:00Z',
  status: 'ready',
  columns: {},
});

// Zoom as far as planning asks: a video and a transcript per recording.
const adapter: SiteAdapter = {
  ...zoomAdapter,
  prepareDownloads: undefined,
  listFiles: async (_origin, rec) =>
    ['video', 'transcript'].map((kind) => ({
      id: `${rec.id}-${kind}`,
      kind: kind as 'video' | 'transcript',
      ext: kind === 'video' ? 'mp4' : 'vtt',
      url: `https://us06web.zoom.us/rec/download/${rec.id}/${kind}`,
      sizeBytes: 10,
    })),
};

beforeEach(async () => {
  await db.delete();
  await db.open();
});

/** An ended export of recordings 1..n, one video each, with these files failed. */
async function endedExport(n: number, failed: number[], fields: Parameters<typeof jobRow>[0] = { destination: 'zip' }) {
  const jobId = await db.jobs.add(jobRow({ state: 'completed-with-failures', filesFailed: failed.length, ...fields }));
  await db.recordings.bulkAdd(Array.from({ length: n }, (_, i) => ({ jobId, recording: recording(i + 1) })));
  await db.files.bulkAdd(
    Array.from({ length: n }, (_, i) =>
      failed.includes(i + 1)
        ? videoRow(jobId, i + 1, { state: 'failed', error: { code: 'http', detail: '403' } })
        : videoRow(jobId, i + 1, { state: 'done', bytesDone: 10 }),
    ),
  );
  return jobId;
}

describe('the exports of the history', () => {
  it('come newest first, of one state, and a search finds them by a recording title, name or copy id', async () => {
    const older = await endedExport(2, [2], { destination: 'zip', createdAt: 1000, name: 'Zoom A' });
    const newer = await db.jobs.add(
      jobRow({ destination: 's3', state: 'completed', createdAt: 2000, name: 'Zoom B', s3: s3Copy('K7Q2') }),
    );
    await db.recordings.add({ jobId: newer, recording: { ...recording(9), title: 'Thermodynamics week 3' } });
    expect((await historyJobs('all')).map((job) => job.id)).toEqual([newer, older]);
    expect((await historyJobs('completed-with-failures')).map((job) => job.id)).toEqual([older]);
    expect((await historyJobs('all', 'thermo')).map((job) => job.id)).toEqual([newer]);
    expect((await historyJobs('all', 'LECTURE 2')).map((job) => job.id)).toEqual([older]);
    expect((await historyJobs('all', 'k7q2')).map((job) => job.id)).toEqual([newer]);
    expect(await historyJobs('failed', 'thermo')).toEqual([]);
  });
});

describe("an export's files", () => {
  it('are counted and read by place in plan order, of one state, and searched by file or recording name', async () => {
    const jobId = await endedExport(12, [3, 11]);
    const other = await endedExport(5, [1]);
    const all = await historyFileListing(jobId, 'all');
    expect(all.count).toBe(12);
    const paths = (files: ExportFile[]) => files.map((file) => file.path);
    expect(paths(await all.read(0, 12))).toEqual(Array.from({ length: 12 }, (_, n) => `Lecture ${n + 1}/video.mp4`));
    // The rows in view only, by their place.
    expect(paths(await all.read(4, 7))).toEqual(['Lecture 5/video.mp4', 'Lecture 6/video.mp4', 'Lecture 7/video.mp4']);
    const failed = await historyFileListing(jobId, 'failed');
    expect(failed.count).toBe(2);
    expect(paths(await failed.read(0, 2))).toEqual(['Lecture 3/video.mp4', 'Lecture 11/video.mp4']);
    const found = await historyFileListing(jobId, 'all', 'lecture 1');
    expect(found.count).toBe(4);
    expect((await found.read(1, 4)).map((file) => file.recordingTitle)).toEqual([
      'Lecture 10',
      'Lecture 11',
      'Lecture 12',
    ]);
    expect((await historyFileListing(jobId, 'failed', 'LECTURE 11/')).count).toBe(1);
    expect((await historyFileListing(other, 'done', 'lecture 1')).count).toBe(0);
  });

  it("are saved as CSV with the manifest's columns, one row each, the reason with the failed ones", async () => {
    const jobId = await endedExport(3, [2]);
    const csv = await historyCsv(jobId);
    const { data, meta } = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(meta.fields).toEqual([
      'Recording',
      'Recording ID',
      'File',
      'Kind',
      'Size (bytes)',
      'CRC-32',
      'Status',
      'Problem',
      'Tries',
    ]);
    expect(data.map((row) => [row.Recording, row.File, row.Status])).toEqual([
      ['Lecture 1', 'Lecture 1/video.mp4', 'saved'],
      ['Lecture 2', 'Lecture 2/video.mp4', 'failed'],
      ['Lecture 3', 'Lecture 3/video.mp4', 'saved'],
    ]);
    expect(data[1]?.Problem).toContain('403');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('show in folder: a ZIP by its volume, a folder export by its manifest or a saved file, an S3 copy never', async () => {
    const zip = await db.jobs.get(
      await db.jobs.add(jobRow({ destination: 'zip', volumes: [{ state: 'saved', tries: 1, downloadId: 41 }] })),
    );
    expect(await downloadToShow(zip as NonNullable<typeof zip>)).toBe(41);
    const folderId = await endedExport(2, [1], { destination: 'folder' });
    await db.files.where('jobId').equals(folderId).modify({ downloadId: 52 });
    const folder = await db.jobs.get(folderId);
    expect(await downloadToShow(folder as NonNullable<typeof folder>)).toBe(52);
    expect(await downloadToShow({ ...(folder as NonNullable<typeof folder>), manifestDownloadId: 53 })).toBe(53);
    const s3 = await db.jobs.get(await db.jobs.add(jobRow({ destination: 's3', s3: s3Copy('X') })));
    expect(await downloadToShow(s3 as NonNullable<typeof s3>)).toBeUndefined();
  });
});

describe('Retry failed files', () => {
  beforeEach(async () => {
    // Another export runs meanwhile: the retry waits in the queue, and this test plans it by hand.
    await db.jobs.add(jobRow({ destination: 'zip', state: 'running' }));
  });

  it('is a new export of only the failed files, to the same destination, under the paths they had', async () => {
    const jobId = await db.jobs.add(
      jobRow({ destination: 'folder', state: 'completed-with-failures', nameTemplate: '{topic}/{file}' }),
    );
    await db.recordings.bulkAdd([1, 2, 3].map((n) => ({ jobId, recording: recording(n) })));
    await planExport(jobId, adapter, 0);
    const planned = await db.files.where('jobId').equals(jobId).sortBy('id');
    expect(planned).toHaveLength(6);
    // Recording 2's transcript and recording 3's video failed; everything else was saved.
    const failedPaths = [planned[3]?.path, planned[4]?.path];
    for (const file of planned) {
      const failed = failedPaths.includes(file.path);
      await db.files.update(file.id, failed ? { state: 'failed', error: { code: 'network' } } : { state: 'done' });
    }
    await db.jobs.update(jobId, { filesFailed: 2 });

    const retry = await retryFailedFiles(jobId);
    const job = await db.jobs.get(retry);
    expect(job).toMatchObject({
      destination: 'folder',
      state: 'queued',
      retryOf: jobId,
      nameTemplate: '{topic}/{file}',
    });
    const recordings = await db.recordings.where('jobId').equals(retry).toArray();
    expect(recordings.map((row) => row.recording.id)).toEqual(['m2', 'm3']);
    await planExport(retry, adapter, 0);
    const files = await db.files.where('jobId').equals(retry).sortBy('id');
    expect(files.map((file) => file.path)).toEqual(failedPaths);
    expect(files.every((file) => file.state === 'queued')).toBe(true);
    expect((await db.jobs.get(retry))?.fileCount).toBe(2);
  });

  it('lists a recording that could not be listed again whole, and keeps the S3 destination', async () => {
    const jobId = await db.jobs.add(
      jobRow({ destination: 's3', state: 'completed-with-failures', filesFailed: 1, s3: s3Copy('OLD1') }),
    );
    await db.recordings.bulkAdd([1, 2].map((n) => ({ jobId, recording: recording(n) })));
    await db.files.bulkAdd([
      videoRow(jobId, 1, { state: 'done' }),
      videoRow(jobId, 2, { path: 'Lecture 2/', volume: NO_VOLUME, state: 'failed', error: { code: 'listing-failed' } }),
    ]);
    await db.destinations.add({ ...destination(), order: 0 });
    const retry = await retryFailedFiles(jobId);
    const job = await db.jobs.get(retry);
    expect(job?.s3).toMatchObject({ destinationId: 'dest-1', bucket: 'lectures' });
    expect(job?.s3?.copyId).not.toBe('OLD1');
    await planExport(retry, adapter, 0);
    const files = await db.files.where('jobId').equals(retry).sortBy('id');
    expect(files.map((file) => file.kind)).toEqual(['video', 'transcript']);
    expect(files.every((file) => file.recordingId === 'm2')).toBe(true);
  });

  it('is refused for an export still running or with nothing failed', async () => {
    const running = await endedExport(2, [1], { destination: 'zip', state: 'running' });
    const fine = await endedExport(2, [], { destination: 'zip', state: 'completed' });
    await expect(retryFailedFiles(running)).rejects.toMatchObject({ info: { code: 'bad-request' } });
    await expect(retryFailedFiles(fine)).rejects.toMatchObject({ info: { code: 'bad-request' } });
  });
});

describe('Delete from history', () => {
  it('removes the export, its files and recordings, and nothing of another export', async () => {
    const gone = await endedExport(3, [1]);
    const kept = await endedExport(2, [1]);
    await deleteExport(gone);
    expect(await db.jobs.get(gone)).toBeUndefined();
    expect(await db.files.where('jobId').equals(gone).count()).toBe(0);
    expect(await db.recordings.where('jobId').equals(gone).count()).toBe(0);
    expect(await db.files.where('jobId').equals(kept).count()).toBe(2);
    expect(await db.recordings.where('jobId').equals(kept).count()).toBe(2);
  });

  it('is refused while the export may still run: it is cancelled first', async () => {
    for (const state of ['running', 'paused', 'queued'] as const) {
      const jobId = await endedExport(1, [], { destination: 'zip', state });
      await expect(deleteExport(jobId)).rejects.toMatchObject({ info: { code: 'bad-request' } });
      expect(await db.jobs.get(jobId)).toBeDefined();
    }
  });
});

function s3Copy(copyId: string) {
  return { destinationId: 'dest-1', destinationName: 'Lectures', bucket: 'lectures', prefix: '', copyId, startedAt: 0 };
}

function destination() {
  return {
    id: 'dest-1',
    name: 'Lectures',
    bucket: 'lectures',
    region: 'eu-north-1',
    prefix: '',
    accessKeyId: 'AKIAEXAMPLE',
    secretAccessKey: 'secret',
  };
}
