// The archive ledger in the real browser (issue 17): a copy to S3 marks the archived rows after a reload, the next
// copy of a wider selection sends only what is new (a transcript Zoom added to an archived meeting, and the
// meetings never copied), Check the bucket copies again an object removed from the bucket, and every CRC-32
// Reclaim writes in S3 object metadata is the one of the bytes read back, as Python computes it (a ZIP's manifest
// CRCs are checked against the ZIP's own in zoom-zip.test.ts).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ZoomFile, type ZoomMeeting, zoomFiles } from '../portal/dataset.ts';
import { type Harness, openPopup, startHarness } from './harness.ts';
import { type S3Proxy, startS3Proxy } from './s3-proxy.ts';
import { type LocalS3, startLocalS3 } from './s3-server.ts';
import { type BucketReader, bucketReader, useDestinations } from './s3-steps.ts';
import { fileSha, openRecordings, ROW_BOX, ROWS, startExportFromBar, tick, waitForJobState } from './zoom-steps.ts';

const BUCKET = 'reclaim-archive';
const PREFIX = 'Archive/Zoom';
let s3: LocalS3;
let proxy: S3Proxy;
let harness: Harness;
let page: Page;
let popup: Page;
let bucket: BucketReader;
let client: S3Client;

beforeAll(async () => {
  s3 = await startLocalS3(BUCKET);
  proxy = await startS3Proxy(s3.endpoint, { amazon: true });
  harness = await startHarness({ dataset: { zoomMeetings: 8, mediaBytes: 200_000 }, amazonPort: proxy.port });
  page = await harness.context.newPage();
  popup = await openPopup(harness);
  bucket = bucketReader(s3, BUCKET);
  client = new S3Client({
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await useDestinations(harness, {
    id: 'archive',
    name: 'University archive',
    bucket: BUCKET,
    region: 'eu-west-1',
    prefix: PREFIX,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
});
afterAll(async () => {
  client?.destroy();
  bucket?.destroy();
  await harness?.close();
  await proxy?.close();
  await s3?.close();
});

/** CRC-32s as Python's zlib computes them (an independent reader of the same bytes), in one process. */
function pythonCrcs(objects: Buffer[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'reclaim-crc-'));
  const paths = objects.map((bytes, index) => {
    const path = join(dir, String(index));
    writeFileSync(path, bytes);
    return path;
  });
  const script = 'import sys,zlib\nfor p in sys.argv[1:]: print(format(zlib.crc32(open(p,"rb").read()),"08x"))';
  const crcs = execFileSync('python3', ['-c', script, ...paths], { encoding: 'utf8' })
    .trim()
    .split('\n');
  rmSync(dir, { recursive: true, force: true });
  return crcs;
}

/** The page's ready meetings (rows Reclaim can tick), as tick() reads them. */
async function readyMeetings(): Promise<ZoomMeeting[]> {
  const hrefs = await page
    .locator(`${ROWS}:has(${ROW_BOX}:not([disabled])) a[href*="meeting_id="]:first-of-type`)
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  const meetingIds = new Set(
    hrefs.map((href) => new URL(href, 'https://us06web.zoom.us').searchParams.get('meeting_id')),
  );
  return harness.portal.dataset.zoomMeetings.filter((meeting) => meetingIds.has(meeting.meetingId));
}

/** The media objects of the newest copy (the copy folder's recording folders), by key. */
async function newestCopyMedia(): Promise<string[]> {
  await popup.reload();
  const copyId = (await popup.getByTestId('reclaim-job-copy-id').first().getAttribute('data-copy-id')) ?? '';
  const objects = await bucket.objectsUnder(`${PREFIX}/${copyId}/`);
  return [...objects.keys()].filter((key) => key.split('/').length === PREFIX.split('/').length + 3);
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const shasOf = async (keys: string[]) =>
  (await Promise.all(keys.map(async (key) => sha(await bucket.objectBytes(key))))).sort();

/** The meetings whose rows carry the archived mark, as the page shows them now. */
async function markedMeetings(): Promise<string[]> {
  const hrefs = await page
    .locator(`${ROWS}:has([data-testid="reclaim-archived-mark"]) a[href*="meeting_id="]:first-of-type`)
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return [...new Set(hrefs.map((href) => new URL(href, 'https://us06web.zoom.us').searchParams.get('meeting_id')))]
    .filter((id): id is string => id !== null)
    .sort();
}

const ids = (meetings: ZoomMeeting[]) => meetings.map((meeting) => meeting.meetingId).sort();

it('S3: marks what is archived, copies only what is new, Check the bucket copies a removed object again, CRCs right', async () => {
  // A transcript Zoom adds later to a meeting: not there at the first copy.
  await openRecordings(page);
  let later: { file: ZoomFile; files: ZoomFile[] } | undefined;
  const first = await tick(page, harness, (ready) => {
    const chosen = ready.slice(0, 3);
    const files = chosen.find((m) => zoomFiles(m).length > 1)?.clips[0]?.files as ZoomFile[];
    later = { file: files.pop() as ZoomFile, files };
    return chosen;
  });
  await startExportFromBar(page, popup, 's3', { skipArchived: true });
  await waitForJobState(popup, 'completed');

  // Every object carries the CRC-32 of its bytes read back (x-amz-meta-crc32).
  const firstCopy = await newestCopyMedia();
  expect(firstCopy).toHaveLength(first.flatMap(zoomFiles).length);
  const stored: Array<{ key: string; crc?: string; bytes: Buffer }> = [];
  for (const key of firstCopy) {
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const body = object.Body as { transformToByteArray(): Promise<Uint8Array> };
    stored.push({ key, crc: object.Metadata?.crc32, bytes: Buffer.from(await body.transformToByteArray()) });
  }
  const crcs = pythonCrcs(stored.map((object) => object.bytes));
  expect(stored.map(({ key, crc }) => [key, crc])).toEqual(stored.map(({ key }, index) => [key, crcs[index]]));

  // Zoom adds the transcript; after a reload exactly the copied meetings are marked, with where and when.
  later?.files.push(later.file);
  await openRecordings(page);
  await expect.poll(markedMeetings).toEqual(ids(first));
  const title = await page.getByTestId('reclaim-archived-mark').first().getAttribute('title');
  expect(title).toMatch(/^Archived to University archive on /);

  // The whole page: the bar says what is archived already; the copy sends the transcript and the others.
  const all = await readyMeetings();
  const fresh = all.filter((meeting) => !first.includes(meeting));
  await page.getByTestId('reclaim-select-all').click();
  await expect
    .poll(() => page.getByTestId('reclaim-archive-summary').textContent())
    .toMatch(
      new RegExp(`^${all.length} recordings · 3 already archived to University archive · ${fresh.length} to go · `),
    );
  expect(await page.getByTestId('reclaim-skip-archived').isChecked()).toBe(true);
  await startExportFromBar(page, popup, 's3', { skipArchived: true });
  await waitForJobState(popup, 'completed');
  const expected = [later?.file as ZoomFile, ...fresh.flatMap(zoomFiles)];
  expect(await shasOf(await newestCopyMedia())).toEqual(expected.map(fileSha).sort());

  // An object removed from the bucket: with Check the bucket, the next copy sends exactly that one again.
  const removed = stored[0] as { key: string; bytes: Buffer };
  await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: removed.key }));
  await page.getByTestId('reclaim-check-bucket').click();
  await startExportFromBar(page, popup, 's3', { skipArchived: true });
  await waitForJobState(popup, 'completed');
  expect(await shasOf(await newestCopyMedia())).toEqual([sha(removed.bytes)]);
  // Every meeting of the page is archived now.
  await openRecordings(page);
  await expect.poll(markedMeetings).toEqual(ids(all));
});
