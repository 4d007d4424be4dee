// "Copy to S3" in the real browser: the built extension copies Zoom recordings into a real S3 server (s3rver)
// that the browser reaches as Amazon S3 (https, `<bucket>.s3.<region>.amazonaws.com`, through a counting proxy).
// Objects are read back with the SDK from Node, byte for byte; the metadata log is read as a user's Excel would.
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { patience } from '../patience.ts';
import { type ZoomFile, type ZoomMeeting, zoomFiles } from '../portal/dataset.ts';
import { mediaChunk } from '../portal/media.ts';
import { type Harness, openPopup, startHarness } from './harness.ts';
import { type S3Proxy, startS3Proxy } from './s3-proxy.ts';
import { type LocalS3, startLocalS3 } from './s3-server.ts';
import { type BucketReader, bucketReader, useDestinations } from './s3-steps.ts';
import {
  datePattern,
  endSessionThenResume,
  fileSha,
  meetingBytes,
  openRecordings,
  startExportFromBar,
  stopWorker,
  tick,
  waitForJobState,
} from './zoom-steps.ts';

const BUCKET = 'reclaim-archive';
const PREFIX = 'Archive/Zoom';
const MiB = 1024 * 1024;
let s3: LocalS3;
let proxy: S3Proxy;
let harness: Harness;
let page: Page;
let popup: Page;
let bucket: BucketReader;

beforeAll(async () => {
  s3 = await startLocalS3(BUCKET);
  proxy = await startS3Proxy(s3.endpoint, { amazon: true });
  // The biggest recording holds a main video over 60 MB: a multipart upload of several 8 MiB parts.
  harness = await startHarness({ dataset: { zoomMeetings: 20, mediaBytes: 64_000_000 }, amazonPort: proxy.port });
  page = await harness.context.newPage();
  popup = await openPopup(harness);
  bucket = bucketReader(s3, BUCKET);
});
afterAll(async () => {
  bucket?.destroy();
  await harness?.close();
  await proxy?.close();
  await s3?.close();
});
beforeEach(() => {
  proxy.seen.length = 0;
  harness.portal.resetHits();
});

const ARCHIVE = {
  id: 'archive',
  name: 'University archive',
  bucket: BUCKET,
  region: 'eu-west-1',
  prefix: PREFIX,
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
};

async function copyFromBar(choose: (ready: ZoomMeeting[]) => ZoomMeeting[]) {
  await openRecordings(page);
  const meetings = await tick(page, harness, choose);
  await expect.poll(() => page.getByTestId('reclaim-s3-destination').count()).toBe(1);
  await startExportFromBar(page, popup, 's3');
  return meetings;
}

async function copyIdOfNewest(): Promise<string> {
  await popup.reload();
  return (await popup.getByTestId('reclaim-job-copy-id').first().getAttribute('data-copy-id')) ?? '';
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** storage.local as the Zoom page's content script reads it, run in its isolated world (CDP). */
async function contentScriptStorage(): Promise<string> {
  const cdp = await harness.context.newCDPSession(page);
  const worlds: number[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin.includes(harness.extensionId)) worlds.push(context.id);
  });
  await cdp.send('Runtime.enable');
  expect(worlds.length).toBeGreaterThan(0);
  const expression = 'chrome.storage.local.get(null).then(JSON.stringify)';
  const answer = await cdp.send('Runtime.evaluate', { expression, contextId: worlds[0], awaitPromise: true });
  await cdp.detach();
  return String(answer.result.value);
}

/** The parts in Reclaim's ledger, as `<request path>#<part number>`, read from its database by an extension page. */
async function ledger(): Promise<string[]> {
  const rows = await popup.evaluate(
    () =>
      new Promise<{
        parts: { fileId: number; partNumber: number }[];
        files: { id: number; jobId: number; path: string }[];
        jobs: { id: number; s3?: { prefix: string; copyId: string } }[];
      }>((resolve, reject) => {
        const open = indexedDB.open('reclaim');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['parts', 'files', 'jobs'], 'readonly');
          const parts = tx.objectStore('parts').getAll();
          const files = tx.objectStore('files').getAll();
          const jobs = tx.objectStore('jobs').getAll();
          tx.oncomplete = () => {
            resolve({ parts: parts.result, files: files.result, jobs: jobs.result });
            open.result.close();
          };
        };
      }),
  );
  return rows.parts.map((part) => {
    const file = rows.files.find((f) => f.id === part.fileId);
    const copy = rows.jobs.find((job) => job.id === file?.jobId)?.s3;
    return `/${BUCKET}/${copy?.prefix}/${copy?.copyId}/${file?.path}#${part.partNumber}`;
  });
}

/** The newest copy holds every file of these recordings, once, byte for byte, each in its recording's folder. */
async function expectNewestCopyHolds(meetings: ZoomMeeting[]): Promise<void> {
  const copyId = await copyIdOfNewest();
  const objects = await bucket.objectsUnder(`${PREFIX}/${copyId}/`);
  const files = meetings.flatMap(zoomFiles);
  const media = [...objects.keys()].filter((key) => key.split('/').length === PREFIX.split('/').length + 3);
  expect(media.length).toBe(files.length);
  const shas = await Promise.all(media.map(async (key) => sha(await bucket.objectBytes(key))));
  expect(shas.sort()).toEqual(files.map(fileSha).sort());
}

const bySize = (ready: ZoomMeeting[]) => [...ready].sort((a, b) => meetingBytes(a) - meetingBytes(b));
const largestFile = (meeting: ZoomMeeting) => Math.max(...zoomFiles(meeting).map((file) => file.sizeBytes));

/**
 * The newest copy holds the meeting's largest files byte for byte. A meeting of two clips has two files of each
 * size, so every object of that size is compared with every file of it. A mismatch says where the bytes first
 * differ: CI once found this object wrong (ci23), as s3rver answered before its file was whole (s3-server.ts).
 */
async function expectLargestFilesCopied(meeting: ZoomMeeting): Promise<void> {
  const biggest = largestFile(meeting);
  const objects = await bucket.objectsUnder(`${PREFIX}/${await copyIdOfNewest()}/`);
  const keys = [...objects.entries()].filter(([, size]) => size === biggest).map(([key]) => key);
  const files = zoomFiles(meeting).filter((file) => file.sizeBytes === biggest);
  const expected = new Set(files.map(fileSha));
  const stored = await Promise.all(
    keys.map(async (key) => {
      const bytes = await bucket.objectBytes(key);
      const digest = sha(bytes);
      return { sha: digest, where: expected.has(digest) ? 'same bytes' : firstDifference(bytes, files) };
    }),
  );
  expect(stored.map((object) => object.sha).sort(), stored.map((object) => object.where).join('; ')).toEqual(
    files.map(fileSha).sort(),
  );
}

/** Where an object first differs from the nearest of these files, said in bytes and 8 MiB parts (for a failure). */
function firstDifference(bytes: Buffer, files: ZoomFile[]): string {
  const offsets = files.map((file) => {
    const expected = mediaChunk(file.fileKey, file.sizeBytes, 0, file.sizeBytes);
    let at = 0;
    while (at < bytes.length && at < expected.length && bytes[at] === expected[at]) at += 1;
    return at;
  });
  const at = Math.max(...offsets);
  return at >= bytes.length ? 'same bytes' : `first different byte ${at} (part ${Math.floor(at / MiB / 8) + 1})`;
}

describe('Copy to S3', () => {
  it('copies two recordings into <prefix>/<copy id>/<recording>/, every object the platform bytes (big files fetched in ranges over several connections), with the log', async () => {
    await useDestinations(harness, ARCHIVE);
    const meetings = await copyFromBar((ready) => bySize(ready).slice(0, 2));
    await waitForJobState(popup, 'completed');
    const copyId = await copyIdOfNewest();
    expect(copyId).toMatch(/^[0-9a-f]{12}$/);
    const folder = `${PREFIX}/${copyId}/`;
    const objects = await bucket.objectsUnder(folder);

    // Every file of both recordings, once, byte for byte, in a recording folder of the copy folder.
    const files = meetings.flatMap(zoomFiles);
    const media = [...objects.keys()].filter((key) => key.split('/').length === PREFIX.split('/').length + 3);
    expect(media.length).toBe(files.length);
    const shas = await Promise.all(media.map(async (key) => sha(await bucket.objectBytes(key))));
    expect(shas.sort()).toEqual(files.map(fileSha).sort());
    const big = files.reduce((a, b) => (a.sizeBytes >= b.sizeBytes ? a : b));
    expect(big.sizeBytes).toBeGreaterThan(3 * 8 * MiB);
    // Each 8 MiB part of the biggest file was asked for by a range of its own, several at once (the portal answered a
    // part's range while another was still being sent).
    const parts = harness.portal.hits('zoom.media').filter((hit) => hit.path.includes(big.fileName));
    const count = Math.ceil(big.sizeBytes / (8 * MiB));
    expect(parts.map((hit) => hit.range).sort()).toEqual(
      Array.from(
        { length: count },
        (_, n) => `bytes=${n * 8 * MiB}-${Math.min(big.sizeBytes, (n + 1) * 8 * MiB) - 1}`,
      ).sort(),
    );
    const overlapping = parts.filter((hit) =>
      parts.some((other) => other !== hit && other.at < hit.at && (other.closedAt ?? Infinity) > hit.at),
    );
    expect(overlapping.length).toBeGreaterThan(0);

    // The metadata log: named like Blackboard's, one row per recording, links where the files now are.
    const logKey = [...objects.keys()].find((key) => key.endsWith('_Zoom_recording_extract.csv')) ?? '';
    expect(logKey).toMatch(new RegExp(`^${folder}${datePattern(true)}_${copyId}_Zoom_recording_extract\\.csv$`));
    const log = Papa.parse<Record<string, string>>(
      (await bucket.objectBytes(logKey)).toString('utf8').replace(/^\uFEFF/, ''),
      {
        header: true,
        skipEmptyLines: true,
      },
    );
    expect(log.meta.fields).toEqual(
      expect.arrayContaining(['Meeting ID', 'Topic', 'RecordingLink', 'RecordingFailureStatus', 'ChatLink']),
    );
    expect(log.data.length).toBe(2);
    for (const row of log.data) {
      const meeting = meetings.find((m) => String(m.meetingNumber) === (row['Meeting ID'] ?? '').replace(/\D/g, ''));
      expect(meeting, row['Meeting ID']).toBeDefined();
      expect(row.RecordingFailureStatus).toBe('');
      expect(row.ChatFailureStatus).toBe('');
      expect(row.SubtitleFailureStatus).toBe('');
      expect(objects.has(row.RecordingLink ?? ''), row.RecordingLink).toBe(true);
      expect(row.RecordingLink).toMatch(/\.mp4$/);
      const hasChat = zoomFiles(meeting as ZoomMeeting).some((file) => file.iconType === 'CHAT');
      if (hasChat) expect(objects.has(row.ChatLink ?? ''), row.ChatLink).toBe(true);
      else expect(row.ChatLink).toBe('');
    }
    expect(objects.has(`${folder}Reclaim manifest.csv`)).toBe(true);
    // Over https the bytes are guarded by TLS and not hashed into the signature, as `aws s3 cp` does.
    const bodies = proxy.seen.filter((request) => request.method === 'PUT' && !request.copy);
    // The multipart objects were copied onto themselves with their CRC-32 (x-amz-meta-crc32), as the others were put.
    expect(proxy.seen.some((request) => request.copy)).toBe(true);
    expect(bodies.length).toBeGreaterThan(0);
    expect(new Set(bodies.map((request) => request.payloadHash))).toEqual(new Set(['UNSIGNED-PAYLOAD']));
    // The keys were stored the old way (storage.local): the copy moved them where content scripts cannot read.
    const stored = await contentScriptStorage();
    expect(stored).toMatch(/^\{/);
    expect(stored).not.toMatch(/S3RVER|accessKeyId|secretAccessKey|sessionToken/);
  });

  it('goes on by itself after the worker is stopped mid-file, without sending an acknowledged part again', async () => {
    await useDestinations(harness, ARCHIVE);
    // Slow enough that the worker can be stopped between parts.
    harness.portal.setFault('zoom.media', { bytesPerSecond: 6_000_000 });
    const [meeting] = await copyFromBar((ready) =>
      [...ready].sort((a, b) => largestFile(b) - largestFile(a)).slice(0, 1),
    );
    const big = zoomFiles(meeting as ZoomMeeting).reduce((a, b) => (a.sizeBytes >= b.sizeBytes ? a : b));
    expect(big.sizeBytes).toBeGreaterThan(60_000_000);
    const acknowledged = () =>
      proxy.seen
        .filter((request) => request.partNumber !== undefined && request.status === 200)
        .map((request) => `${decodeURIComponent(request.path)}#${request.partNumber}`);
    // Parts count as sent once they are in Reclaim's ledger (a part S3 took just before the stop but that was not
    // written down yet must be sent again: the server here cannot list parts).
    await expect.poll(async () => (await ledger()).length, { timeout: patience(60_000) }).toBeGreaterThanOrEqual(2);
    const before = await ledger();
    await stopWorker(harness, popup);
    harness.portal.setFault('zoom.media', null);
    await waitForJobState(popup, 'completed', 150_000);

    const sent = acknowledged();
    for (const part of before) expect(sent.filter((seen) => seen === part).length, part).toBe(1);
    // The source was asked again from past the acknowledged parts, not from the start.
    const ranges = harness.portal.hits('zoom.media').map((hit) => hit.range);
    expect(ranges.some((range) => Number(/bytes=(\d+)-/.exec(range ?? '')?.[1]) >= 8 * MiB)).toBe(true);

    await expectLargestFilesCopied(meeting as ZoomMeeting);
  });

  it('sends a part again when S3 answers it with 500, and the object is right', async () => {
    await useDestinations(harness, ARCHIVE);
    proxy.failPart(2, 500);
    const [meeting] = await copyFromBar((ready) =>
      [...ready].sort((a, b) => largestFile(b) - largestFile(a)).slice(0, 1),
    );
    await waitForJobState(popup, 'completed');
    // The injected 500 hit part 2 of whichever file came first; that part was sent again and taken.
    const partTwo = proxy.seen.filter((request) => request.partNumber === 2);
    const failed = partTwo.find((request) => request.status === 500);
    expect(failed).toBeDefined();
    const samePath = partTwo.filter((request) => request.path === failed?.path).map((request) => request.status);
    expect(samePath).toEqual([500, 200]);
    await expectLargestFilesCopied(meeting as ZoomMeeting);
  });

  it('gives S3 every part’s CRC-32 and the whole object’s; a part changed on the way is refused, sent again, and the object is right', async () => {
    await useDestinations(harness, ARCHIVE);
    proxy.corruptPart(2);
    const [meeting] = await copyFromBar((ready) =>
      [...ready].sort((a, b) => largestFile(b) - largestFile(a)).slice(0, 1),
    );
    await waitForJobState(popup, 'completed');
    // The proxy, as Amazon, refused the changed part 2 of whichever file came first (400 BadDigest).
    const partTwo = proxy.seen.filter((request) => request.partNumber === 2);
    const refused = partTwo.find((request) => request.badDigest);
    expect(refused, 'a part refused as changed on the way').toBeDefined();
    expect(partTwo.filter((request) => request.path === refused?.path).map((request) => request.status)).toEqual([
      400, 200,
    ]);
    // Every part went with its CRC, and every completion with the whole object's, which S3 checked.
    const parts = proxy.seen.filter((request) => request.partNumber !== undefined);
    expect(parts.filter((request) => !request.checksum)).toEqual([]);
    const completions = proxy.seen.filter((request) => request.completion);
    expect(completions.length).toBeGreaterThan(0);
    expect(completions.filter((request) => !request.checksum || request.status !== 200)).toEqual([]);
    await expectLargestFilesCopied(meeting as ZoomMeeting);
  });

  it('cancel stops the copy, gives up its unfinished uploads and writes no log that would claim a copy', async () => {
    await useDestinations(harness, ARCHIVE);
    harness.portal.setFault('zoom.media', { bytesPerSecond: 6_000_000 });
    await copyFromBar((ready) => [...ready].sort((a, b) => largestFile(b) - largestFile(a)).slice(0, 1));
    await expect.poll(async () => (await ledger()).length, { timeout: patience(60_000) }).toBeGreaterThanOrEqual(1);
    await popup.reload();
    await popup.getByTestId('reclaim-job-cancel').first().click();
    await waitForJobState(popup, 'cancelled');
    harness.portal.setFault('zoom.media', null);
    // The export says "cancelled" at once; its uploads are given up after that, one after another: every part
    // leaves the ledger once its upload's abort was asked (CI once read the ledger between two of them).
    await expect.poll(ledger, { timeout: patience(60_000) }).toEqual([]);
    // AbortMultipartUpload was asked for (s3rver does not support it and answers 405: noted, not a crash).
    expect(proxy.seen.some((request) => request.method === 'DELETE')).toBe(true);
    const objects = await bucket.objectsUnder(`${PREFIX}/${await copyIdOfNewest()}/`);
    expect([...objects.keys()].filter((key) => key.endsWith('_recording_extract.csv'))).toEqual([]);
  });

  it('stops at once on wrong keys, says so, and claims nothing was copied', async () => {
    await useDestinations(harness, { ...ARCHIVE, id: 'wrong', accessKeyId: 'NOT-A-KEY' });
    await copyFromBar((ready) => bySize(ready).slice(0, 2));
    const text = await waitForJobState(popup, 'failed');
    expect(text).toContain('The S3 keys were refused');
    await expect.poll(() => page.getByTestId('reclaim-status').textContent()).toContain('The S3 keys were refused');
    const job = popup.getByTestId('reclaim-job').first();
    expect(await job.textContent()).not.toMatch(/copied|completed/i);
    // One refusal stops the copy: no file after the first was tried.
    expect(proxy.seen.filter((request) => request.method === 'PUT').length).toBeLessThanOrEqual(3);
  });

  it('waits for Resume when S3 cannot be reached for a while, then finishes the copy with every object whole', async () => {
    await useDestinations(harness, ARCHIVE);
    // Every file trickles in, so that the copy is far from done when S3 goes out of reach after its first object.
    harness.portal.setFault('zoom.media', { bytesPerSecond: 1_000_000 });
    try {
      const meetings = await copyFromBar((ready) => bySize(ready).slice(0, 2));
      await expect
        .poll(() => proxy.seen.some((request) => request.method === 'PUT' && request.status === 200), {
          timeout: 60_000,
        })
        .toBe(true);
      proxy.setOffline(true);
      // Every request is tried again for about half a minute before the copy waits.
      const text = await waitForJobState(popup, 'paused', 120_000);
      expect(text).toContain('The S3 address cannot be reached');
      expect(text).toContain('until you press Resume');
      proxy.setOffline(false);
      harness.portal.setFault('zoom.media', null);
      await popup.getByTestId('reclaim-job-resume').first().click();
      await waitForJobState(popup, 'completed');
      await expectNewestCopyHolds(meetings);
    } finally {
      proxy.setOffline(false);
      harness.portal.setFault('zoom.media', null);
    }
  });

  it('pauses when the Zoom session ends mid-copy; after signing in, Resume copies every file once, byte for byte', async () => {
    await useDestinations(harness, ARCHIVE);
    // The first file trickles in; meanwhile the session ends, so the next file is answered with the sign-in page.
    harness.portal.setFault('zoom.media', { bytesPerSecond: 300_000, times: 1 });
    const meetings = await copyFromBar((ready) => bySize(ready).slice(0, 2));
    await endSessionThenResume(harness, popup);
    await waitForJobState(popup, 'completed');
    await expectNewestCopyHolds(meetings);
  });
});

describe('Test connection in the options page', () => {
  async function testFromOptions(change: Record<string, string>): Promise<string> {
    const options = await harness.context.newPage();
    await options.goto(`chrome-extension://${harness.extensionId}/options.html`);
    const fields = { ...ARCHIVE, ...change } as Record<string, string>;
    const ids: Record<string, string> = {
      name: 'name',
      bucket: 'bucket',
      region: 'region',
      prefix: 'prefix',
      endpoint: 'endpoint',
      accessKeyId: 'key-id',
      secretAccessKey: 'secret',
    };
    for (const [field, id] of Object.entries(ids)) {
      await options.getByTestId(`reclaim-destination-${id}`).fill(fields[field] ?? '');
    }
    await options.getByTestId('reclaim-destination-test').click();
    const status = options.getByTestId('reclaim-destination-status');
    await expect.poll(() => status.textContent(), { timeout: patience(30_000) }).not.toMatch(/^$|Testing/);
    const text = (await status.textContent()) ?? '';
    await options.close();
    return text;
  }

  it('says it works, and tells a wrong bucket, wrong keys and an unreachable endpoint apart', async () => {
    expect(await testFromOptions({})).toContain(BUCKET);
    const bucket = await testFromOptions({ bucket: 'no-such-bucket' });
    const keys = await testFromOptions({ accessKeyId: 'NOBODY' });
    const unreachable = await testFromOptions({ endpoint: 'https://s3.nowhere.amazonaws.com' });
    expect(bucket).toContain('no such bucket');
    expect(keys).toContain('keys were refused');
    expect(unreachable).toContain('cannot be reached');
    expect(new Set([bucket, keys, unreachable]).size).toBe(3);
  });
});
