// The history keeps what a user looks for (which files, where, what went wrong), not what could be misused: a
// saved file's signed link (and a chat's text, which folder mode hands the browser as an address) goes as soon
// as the file is saved, and exports older than the setting's days keep no link or transient data at all.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/utils/db';
import { continueFolder, fileDownloadEnded } from '@/utils/export/folder-export';
import { pruneOldExports } from '@/utils/export/history-privacy';
import { DEFAULT_SETTINGS, saveSettings } from '@/utils/settings';
import { fakeDownloads } from './fake-downloads';
import { jobRow, videoRow } from './rows';

const DAY = 86_400_000;
const SIGNED = 'https://ssrweb.zoom.us/replay/file.mp4?Policy=secret&Signature=secret';

let downloads: ReturnType<typeof fakeDownloads>;

beforeEach(async () => {
  await db.delete();
  await db.open();
  downloads = fakeDownloads();
});
afterEach(() => vi.unstubAllGlobals());

describe("a saved file's signed link", () => {
  it('is not kept once the browser has saved the file', async () => {
    vi.stubGlobal('fetch', async () => {
      const response = new Response(new Uint8Array(64), { headers: { 'Content-Type': 'video/mp4' } });
      Object.defineProperty(response, 'url', { value: SIGNED });
      return response;
    });
    const jobId = await db.jobs.add(jobRow({ destination: 'folder', planned: true, fileCount: 1 }));
    const fileId = await db.files.add(videoRow(jobId, 1));
    await continueFolder(jobId);
    const started = await db.files.get(fileId);
    expect(started?.downloadUrl).toBe(SIGNED);
    downloads.complete(started?.downloadId as number, { mime: 'video/mp4', bytes: 64 });
    await fileDownloadEnded(started as never, true);
    const saved = await db.files.get(fileId);
    expect(saved?.state).toBe('done');
    expect(JSON.stringify(saved)).not.toContain('Signature');
  });
});

describe('exports older than the days the settings keep', () => {
  it('keep their files and reasons, but no links, download ids or unfinished uploads', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, keepLinksDays: 30 });
    const old = await db.jobs.add(
      jobRow({
        destination: 'folder',
        state: 'failed',
        createdAt: Date.now() - 40 * DAY,
        finishedAt: Date.now() - 40 * DAY,
      }),
    );
    const recent = await db.jobs.add(
      jobRow({ destination: 'folder', state: 'failed', createdAt: Date.now() - DAY, finishedAt: Date.now() - DAY }),
    );
    const failed = {
      state: 'failed' as const,
      downloadUrl: SIGNED,
      downloadId: 9,
      error: { code: 'network' as const },
    };
    const oldFile = await db.files.add(videoRow(old, 1, failed));
    const recentFile = await db.files.add(videoRow(recent, 2, failed));
    await db.uploads.put({ fileId: oldFile, jobId: old, uploadId: 'u1', partSize: 8 });
    await pruneOldExports();
    const pruned = await db.files.get(oldFile);
    expect(pruned).toMatchObject({ state: 'failed', error: { code: 'network' }, path: 'Lecture 1/video.mp4' });
    expect(pruned?.downloadUrl).toBeUndefined();
    expect(pruned?.downloadId).toBeUndefined();
    expect(await db.uploads.count()).toBe(0);
    expect((await db.files.get(recentFile))?.downloadUrl).toBe(SIGNED);
  });
});
