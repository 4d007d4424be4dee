// Chrome folder mode when the platform refuses the browser's own download (Zoom's media host wanting a Referer that
// no rule can give the download manager): the export's files then come through Reclaim, byte for byte, once.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '@/utils/db';
import { continueFolder, fileDownloadEnded } from '@/utils/export/folder-export';
import { relayDownloadCreated, relayResponse } from '@/utils/export/folder-relay';
import { relayOfUrl, relayUrl } from '@/utils/export/relay-address';
import { fakeDownloads } from './fake-downloads';
import { jobRow, videoRow } from './rows';

const MEDIA = Uint8Array.from({ length: 5_000 }, (_, i) => (i * 7) % 251);

let downloads: ReturnType<typeof fakeDownloads>;
let mediaAsked: number;
/** What the browser saved of each relayed address (read from the worker's answer, as the download manager does). */
let saved: Map<string, Uint8Array>;
/** The user cancels the relayed download in the browser before a byte was saved (the browser drops the answer). */
let userCancels: boolean;

beforeEach(async () => {
  await db.delete();
  await db.open();
  downloads = fakeDownloads();
  mediaAsked = 0;
  saved = new Map();
  userCancels = false;
  vi.stubGlobal('fetch', async () => {
    mediaAsked += 1;
    // A user cancels a long download: its body has sent its first bytes and goes on (here: never ends).
    const body = userCancels
      ? new ReadableStream({ start: (controller) => controller.enqueue(MEDIA.slice(0, 100)) })
      : MEDIA;
    return new Response(body, { headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(MEDIA.length) } });
  });
  // The offscreen document is there; its frame's navigation is the worker's fetch handler, then a download.
  (fakeBrowser.runtime as unknown as { getContexts: () => Promise<unknown[]> }).getContexts = async () => [{}];
  fakeBrowser.runtime.sendMessage = (async (command: { url: string }) => {
    const ref = relayOfUrl(command.url);
    if (!ref) throw new Error(`not a relayed address: ${command.url}`);
    const answer = relayResponse(ref, command.url);
    const id = await fakeBrowser.downloads.download({ url: command.url });
    relayDownloadCreated(command.url, id);
    if (userCancels) await answer.body?.cancel();
    else saved.set(command.url, new Uint8Array(await answer.arrayBuffer()));
    return true;
  }) as never;
});
afterEach(() => vi.unstubAllGlobals());

async function refusedFile() {
  const jobId = await db.jobs.add(jobRow({ destination: 'folder', planned: true, fileCount: 1 }));
  const fileId = await db.files.add(videoRow(jobId, 1));
  await continueFolder(jobId);
  const direct = (await db.files.get(fileId))?.downloadId as number;
  expect(downloads.items.get(direct)?.url).toMatch(/^https:/);
  // The media host answered the browser's own request 403.
  downloads.interrupt(direct, 'SERVER_FORBIDDEN', false);
  await fileDownloadEnded((await db.files.get(fileId)) as never, false, 'SERVER_FORBIDDEN');
  return { jobId, fileId, direct };
}

describe('folder mode through Reclaim, when the browser may not fetch the files itself', () => {
  it('saves the file through the worker after a 403 to the browser, byte for byte, asking the platform once', async () => {
    const { jobId, fileId, direct } = await refusedFile();
    expect((await db.jobs.get(jobId))?.relayFiles).toBe(true);
    const file = await db.files.get(fileId);
    const address = relayUrl({ jobId, fileId });
    expect(file).toMatchObject({ state: 'running', downloadUrl: address, expectedBytes: MEDIA.length });
    expect(file?.downloadId).not.toBe(direct);
    // The refused download is gone from the browser's list; the relayed one has the recording's bytes.
    expect(downloads.items.has(direct)).toBe(false);
    expect(saved.get(address)).toEqual(MEDIA);
    // One request for the first (refused) try's check, one for the relayed file: its stream is the one saved.
    expect(mediaAsked).toBe(2);

    downloads.complete(file?.downloadId as number, { mime: 'application/octet-stream', bytes: MEDIA.length });
    await fileDownloadEnded((await db.files.get(fileId)) as never, true);
    expect(await db.files.get(fileId)).toMatchObject({ state: 'done', bytesDone: MEDIA.length });
  });

  it('starts a relayed file again when its stream died with a stopped worker, which Chrome calls a cancel', async () => {
    const { fileId } = await refusedFile();
    const first = (await db.files.get(fileId))?.downloadId as number;
    // The whole answer was read above, so this worker sends nothing more: the "cancel" is the stream's end.
    downloads.interrupt(first, 'USER_CANCELED', false);
    await fileDownloadEnded((await db.files.get(fileId)) as never, false, 'USER_CANCELED');
    const file = await db.files.get(fileId);
    expect(file?.state).toBe('running');
    expect(file?.downloadId).not.toBe(first);
    expect(file?.retries).toBe(1);
  });

  it('leaves the file out when the user cancels its download while Reclaim still sends it', async () => {
    userCancels = true;
    const { jobId, fileId } = await refusedFile();
    const download = (await db.files.get(fileId))?.downloadId as number;
    downloads.interrupt(download, 'USER_CANCELED', false);
    await fileDownloadEnded((await db.files.get(fileId)) as never, false, 'USER_CANCELED');
    expect(await db.files.get(fileId)).toMatchObject({ state: 'failed', error: { code: 'cancelled' } });
    // Not started again: the one relayed download, then the manifest.
    expect([...downloads.items.values()].filter((item) => relayOfUrl(item.url))).toHaveLength(1);
    expect((await db.jobs.get(jobId))?.filesFailed).toBe(1);
  });
});
