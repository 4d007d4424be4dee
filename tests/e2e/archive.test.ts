// The archive ledger in the real browser (issue 17), on one Zoom account: its second page copied to S3 (marks
// after a reload, only what is new copied the next time, Check the bucket, every object's x-amz-meta-crc32 that of
// its bytes), its first page exported to ZIPs and to the Downloads folder the same way (a wider selection the second
// time: only the new recordings; a transcript Zoom adds later to an old meeting: the next time, the bar counting it
// as "1 new file in them" before the export starts). After those the ledger and the history agree file by file, and
// each saved file has the CRC-32 the ledger holds, as Python reads it; the archived list (CSV) names exactly the
// recordings archived there, read back by LibreOffice.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ZoomFile, type ZoomMeeting, zoomFiles } from '../portal/dataset.ts';
import { FORMULA_TOPIC } from '../portal/dataset-zoom.ts';
import {
  expectBooksAgree,
  pythonCrcs,
  pythonFileCrcs,
  readBooks,
  summaryOf,
  timeOfCell,
  transcriptLater,
} from './archive-steps.ts';
import { type Harness, openPopup, startHarness, waitForDownload } from './harness.ts';
import { openInLibreOffice } from './libreoffice.ts';
import { type S3Proxy, startS3Proxy } from './s3-proxy.ts';
import { type LocalS3, startLocalS3 } from './s3-server.ts';
import { type BucketReader, bucketReader, useDestinations } from './s3-steps.ts';
import { pythonZipsEntries, readZipEntry, type ZipEntry, type ZipReading } from './zip-readers.ts';
import {
  fileSha,
  filesUnder,
  listNamePattern,
  manifestRows,
  openRecordings,
  ROW_BOX,
  ROWS,
  startExportFromBar,
  tick,
  waitForJobState,
} from './zoom-steps.ts';

const BUCKET = 'reclaim-archive';
const PREFIX = 'Archive/Zoom';
// Two pages of Zoom's list, newest first: the first (meetings 22 to 8) for the ZIP and folder exports, the second
// (meetings 7 to 0) for S3.
const PAGE_2 = 'https://us06web.zoom.us/recording?p=2';
let s3: LocalS3;
let proxy: S3Proxy;
let harness: Harness;
let page: Page;
let popup: Page;
let bucket: BucketReader;
let client: S3Client;
let scratch: string;

beforeAll(async () => {
  s3 = await startLocalS3(BUCKET);
  proxy = await startS3Proxy(s3.endpoint, { amazon: true });
  harness = await startHarness({ dataset: { zoomMeetings: 23, mediaBytes: 200_000 }, amazonPort: proxy.port });
  // A topic a spreadsheet would run as a formula, on a meeting the ZIP exports archive (the archived list's cells).
  (harness.portal.dataset.zoomMeetings[19] as ZoomMeeting).topic = FORMULA_TOPIC;
  scratch = mkdtempSync(join(tmpdir(), 'reclaim-archive-'));
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
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

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
  await openRecordings(page, PAGE_2);
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
  await openRecordings(page, PAGE_2);
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
      new RegExp(
        `^${all.length} recordings · 3 already archived to University archive · 1 new file in them · ${fresh.length} to go · `,
      ),
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
  await openRecordings(page, PAGE_2);
  await expect.poll(markedMeetings).toEqual(ids(all));
});

/** Ticks these meetings' rows on the page as it is, to those ticked already: `total` selected then. */
async function tickMore(meetings: ZoomMeeting[], total: number): Promise<void> {
  for (const meeting of meetings)
    await page
      .locator(`${ROWS}:has(a[href*="meeting_id=${encodeURIComponent(meeting.meetingId)}"]) ${ROW_BOX}`)
      .check();
  await expect.poll(() => page.getByTestId('reclaim-selection-count').textContent()).toMatch(`${total} selected`);
}

/** One ZIP export of the ticked rows, Skip what is archived on (as by default): the saved ZIP's path. */
async function exportZip(): Promise<string> {
  const downloads = await harness.freshDownloads();
  await startExportFromBar(page, popup, 'zip', { skipArchived: true });
  await waitForJobState(popup, 'completed');
  return waitForDownload(downloads, /\.zip$/);
}

const mediaOf = (entries: ZipEntry[]) => entries.filter((entry) => entry.name.includes('/'));
const shas = (files: ZoomFile[]) => files.map(fileSha).sort();
const mediaShas = (zip: ZipReading | undefined) =>
  mediaOf(zip?.entries ?? [])
    .map((entry) => entry.sha256)
    .sort();

it('ZIP: the next export of a wider selection holds only the new recordings, then a transcript added later; ledger, history and ZIPs agree', async () => {
  const meetings = harness.portal.dataset.zoomMeetings;
  const [first, fresh] = [
    [21, 19, 18],
    [17, 14],
  ].map((at) => at.map((index) => meetings[index] as ZoomMeeting)) as [ZoomMeeting[], ZoomMeeting[]];
  const later = transcriptLater(first[0] as ZoomMeeting);
  const firstFiles = shas(first.flatMap(zoomFiles));

  await openRecordings(page);
  await tickMore(first, 3);
  const zips = [await exportZip()];

  // Two more ticked: the rows and the bar say what is archived before anything starts.
  await expect.poll(markedMeetings).toEqual(ids(first));
  await tickMore(fresh, 5);
  await expect
    .poll(() => page.getByTestId('reclaim-archive-summary').textContent())
    .toBe(summaryOf(5, 3, 'a ZIP', fresh));
  expect(await page.getByTestId('reclaim-skip-archived').isChecked()).toBe(true);
  zips.push(await exportZip());
  // Zoom makes the transcript of an old meeting: the same five again, next time. Before anything starts the bar
  // has listed the five again and says there is one new file in them.
  later.add();
  await openRecordings(page);
  await tickMore([...first, ...fresh], 5);
  await expect
    .poll(() => page.getByTestId('reclaim-archive-summary').textContent())
    .toBe(summaryOf(5, 5, 'a ZIP', [], 1));
  zips.push(await exportZip());

  // The first ZIP holds the three, the second only the two new ones, the third just the transcript.
  const read = pythonZipsEntries(zips);
  expect(read.map((zip) => zip.firstBadEntry)).toEqual([null, null, null]);
  expect(read.map(mediaShas)).toEqual([firstFiles, shas(fresh.flatMap(zoomFiles)), [fileSha(later.file)]]);
  // The second's manifest lists its files as saved, and no other.
  const manifest = manifestRows(readZipEntry(zips[1] as string, 'Reclaim manifest.csv'));
  expect(manifest.map((row) => [row.File, row.Status]).sort()).toEqual(
    mediaOf(read[1]?.entries ?? [])
      .map((entry) => [entry.name, 'saved'])
      .sort(),
  );
  expect(new Set(manifest.map((row) => row['Recording ID']))).toEqual(new Set(ids(fresh)));

  // Every file the history calls done is in the ledger with its size and CRC, which is the ZIP's own entry CRC.
  const rows = expectBooksAgree(await readBooks(harness), 'zip');
  expect(rows).toHaveLength([...first, ...fresh].flatMap(zoomFiles).length);
  for (const [index, zip] of zips.entries()) {
    const inZip = rows.filter((row) => row.zipName === basename(zip));
    expect(inZip.map((row) => [row.place, row.sizeBytes, row.crc32]).sort()).toEqual(
      mediaOf(read[index]?.entries ?? [])
        .map((entry) => [entry.name, entry.size, entry.crc])
        .sort(),
    );
  }
});

it("Zoom's archived list: exactly the recordings archived in a ZIP, with Zoom's columns, where and when, read back by LibreOffice", async () => {
  // After the ZIP test: nothing ticked, so the list is of every recording of the account that is archived there.
  const { ledger } = await readBooks(harness);
  const archived = ledger.filter((row) => row.destination === 'zip');
  expect(archived.length).toBeGreaterThan(0);
  await openRecordings(page);
  const downloads = await harness.freshDownloads();
  await page.getByTestId('reclaim-more').click();
  // Chosen with the keyboard, as a user does (the bar takes no choice a script made): the S3 destination, then ZIP.
  const where = page.getByTestId('reclaim-cleanup-destination');
  await expect.poll(() => where.inputValue()).toBe('s3:archive');
  await where.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => where.inputValue()).toBe('zip');
  await page.getByTestId('reclaim-archived-list-csv').click();
  const csv = await waitForDownload(downloads, new RegExp(`^${listNamePattern()} archived\\.csv$`));
  const meetings = harness.portal.dataset.zoomMeetings;
  const byId = new Map(meetings.map((meeting) => [meeting.meetingId, meeting]));
  const ids = [...new Set(archived.map((row) => row.recordingId))];
  await expect
    .poll(() => page.getByTestId('reclaim-status').textContent())
    .toBe(`Saved ${basename(csv)}: ${ids.length} of ${meetings.length} recordings are archived and verified there`);

  const [header = [], ...rows] = openInLibreOffice(csv, scratch);
  expect(header.map((cell) => cell.value)).toEqual([
    'Host Email',
    'Meeting ID',
    'Topic',
    'Start Time',
    'File Size',
    'Archived To',
    'Archived At',
  ]);
  const expected = ids.map((id) => {
    const meeting = byId.get(id) as ZoomMeeting;
    const at = Math.max(...archived.filter((row) => row.recordingId === id).map((row) => row.archivedAt));
    const topic = meeting.topic === FORMULA_TOPIC ? `'${FORMULA_TOPIC}` : meeting.topic;
    return [
      String(meeting.meetingNumber),
      meeting.hostEmail,
      topic,
      'ZIP',
      new Date(at).toISOString().slice(0, 19).replace('T', ' '),
    ];
  });
  expect(
    rows.map((row) => [row[1]?.value, row[0]?.value, row[2]?.value, row[5]?.value, timeOfCell(row[6])]).sort(),
  ).toEqual(expected.sort());
  // The = topic stays text, and no cell became a formula.
  expect(expected.some(([, , topic]) => topic === `'${FORMULA_TOPIC}`)).toBe(true);
  expect(rows.every((row) => row.every((cell) => cell.formula === null))).toBe(true);
});

it('folder: the next export of a wider selection saves only the new recordings and a transcript added since, never a file twice; ledger, history and disk agree', async () => {
  const meetings = harness.portal.dataset.zoomMeetings;
  const [first, fresh] = [
    [16, 13, 11],
    [10, 9],
  ].map((at) => at.map((index) => meetings[index] as ZoomMeeting)) as [ZoomMeeting[], ZoomMeeting[]];
  const later = transcriptLater(first[0] as ZoomMeeting);
  const downloads = await harness.profileDownloads();
  const before = new Set(filesUnder(downloads));
  /** The recordings' files saved since the test began (not the export's manifest beside their folders). */
  const savedMedia = () =>
    filesUnder(downloads).filter(
      (path) => !before.has(path) && path.split('/').length === 4 && !path.endsWith('.crdownload'),
    );

  await openRecordings(page);
  await tickMore(first, 3);
  await startExportFromBar(page, popup, 'folder', { skipArchived: true });
  await waitForJobState(popup, 'completed');
  const firstSaved = savedMedia();
  expect(firstSaved.map((path) => sha(readFileSync(join(downloads, path)))).sort()).toEqual(
    shas(first.flatMap(zoomFiles)),
  );

  // Zoom makes the transcript; the three and two more, next time: the bar finds the transcript before anything
  // starts, and only the two and the transcript are saved.
  later.add();
  await openRecordings(page);
  await tickMore([...first, ...fresh], 5);
  await expect
    .poll(() => page.getByTestId('reclaim-archive-summary').textContent())
    .toBe(summaryOf(5, 3, 'the Downloads folder', fresh, 1));
  await startExportFromBar(page, popup, 'folder', { skipArchived: true });
  await waitForJobState(popup, 'completed');
  const secondSaved = savedMedia().filter((path) => !firstSaved.includes(path));
  expect(secondSaved.map((path) => sha(readFileSync(join(downloads, path)))).sort()).toEqual(
    shas([later.file, ...fresh.flatMap(zoomFiles)]),
  );

  // The ledger and the history agree; each file is on disk where the ledger says, at its size, with its CRC.
  const rows = expectBooksAgree(await readBooks(harness), 'folder');
  expect(rows.map((row) => row.place).sort()).toEqual([...firstSaved, ...secondSaved].sort());
  for (const row of rows) expect(statSync(join(downloads, row.place)).size, row.place).toBe(row.sizeBytes);
  const streamed = rows.filter((row) => row.crc32 !== undefined);
  expect(pythonFileCrcs(streamed.map((row) => join(downloads, row.place)))).toEqual(streamed.map((row) => row.crc32));
});
