// A Collaborate copy to S3 in the real browser (issue 4): the recordings, chat as text, captions as VTT and the
// metadata log land in `<prefix>/<copy id>/` of a real S3 server (s3rver, reached as Amazon through an https proxy),
// read back by an independent client (the SDK from Node), byte for byte.
import { readFileSync } from 'node:fs';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CollabRecording } from '../portal/dataset.ts';
import {
  expectedChat,
  folderOf,
  openScheduler,
  portalFileSha,
  REPORT_COLUMNS,
  sha,
  tickRecordings,
} from './collab-steps.ts';
import { type Harness, openPopup, startHarness, waitForDownload } from './harness.ts';
import { type S3Proxy, startS3Proxy } from './s3-proxy.ts';
import { type LocalS3, startLocalS3 } from './s3-server.ts';
import { type BucketReader, bucketReader, useDestinations } from './s3-steps.ts';
import { datePattern, startExportFromBar, waitForJobState } from './zoom-steps.ts';

const BUCKET = 'reclaim-collab';
const PREFIX = 'Archive/Collaborate';
let s3: LocalS3;
let proxy: S3Proxy;
let harness: Harness;
let page: Page;
let popup: Page;
let bucket: BucketReader;
/** What the first test copied, for the cleanup test after it. */
let first: { copied: CollabRecording[]; folder: string; keys: string[] } | undefined;

beforeAll(async () => {
  s3 = await startLocalS3(BUCKET);
  proxy = await startS3Proxy(s3.endpoint, { amazon: true });
  harness = await startHarness({ dataset: { collabRecordings: 20 }, amazonPort: proxy.port, signedIn: false });
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

it('copies Collaborate recordings into <prefix>/<copy id>/, each object the portal bytes, with the metadata log', async () => {
  await useDestinations(harness, {
    id: 'archive',
    name: 'University archive',
    bucket: BUCKET,
    region: 'eu-west-1',
    prefix: PREFIX,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });

  const dataset = harness.portal.dataset.collabRecordings;
  const refused = dataset.find((recording) => !recording.publicLinkAllowed) as CollabRecording;
  const chosen = [
    ...dataset.filter((recording) => recording.publicLinkAllowed && recording.subtitles).slice(0, 2),
    ...dataset.filter((recording) => recording.publicLinkAllowed && !recording.subtitles).slice(0, 1),
    refused,
  ];
  await openScheduler(page, harness);
  await tickRecordings(page, chosen);
  await expect.poll(() => page.getByTestId('reclaim-s3-destination').count()).toBe(1);
  await startExportFromBar(page, popup, 's3');
  await waitForJobState(popup, 'completed-with-failures');
  await popup.reload();
  const copyId = (await popup.getByTestId('reclaim-job-copy-id').first().getAttribute('data-copy-id')) ?? '';
  expect(copyId).toMatch(/^[0-9a-f]{12}$/);
  const folder = `${PREFIX}/${copyId}/`;
  const objects = await bucket.objectsUnder(folder);
  const keys = [...objects.keys()].map((key) => key.slice(folder.length));

  const copied = chosen.filter((recording) => recording !== refused);
  first = { copied, folder, keys };
  const expected = copied.flatMap((recording) => [
    [`${folderOf(keys, recording)}/video.mp4`, portalFileSha(recording.media)],
    ...(recording.chatFile ? [[`${folderOf(keys, recording)}/chat.txt`, sha(expectedChat(recording))]] : []),
    ...(recording.subtitles
      ? [[`${folderOf(keys, recording)}/captions.vtt`, portalFileSha(recording.subtitles.file)]]
      : []),
  ]);
  const inFolders = keys.filter((key) => key.includes('/'));
  expect(inFolders.sort()).toEqual(expected.map(([key]) => key).sort());
  for (const [key, digest] of expected) expect(sha(await bucket.objectBytes(`${folder}${key}`)), key).toBe(digest);

  const logKey = [...objects.keys()].find((key) => key.endsWith('_Collaborate_recording_extract.csv')) ?? '';
  expect(logKey).toMatch(new RegExp(`^${folder}${datePattern(true)}_${copyId}_Collaborate_recording_extract\\.csv$`));
  const log = Papa.parse<Record<string, string>>(
    (await bucket.objectBytes(logKey)).toString('utf8').replace(/^\uFEFF/, ''),
    {
      header: true,
      skipEmptyLines: true,
    },
  );
  expect(log.data.length).toBe(chosen.length);
  expect(log.meta.fields?.slice(0, 8)).toEqual(REPORT_COLUMNS.slice(0, 8));
  for (const row of log.data) {
    const recording = chosen.find((r) => r.name === row.RecordingName) as CollabRecording;
    if (recording === refused) {
      expect(row.RecordingLink).toBe('');
      expect(row.RecordingFailureStatus).toMatch(/public link is not allowed/);
      continue;
    }
    const at = `${folder}${folderOf(keys, recording)}`;
    expect(row.RecordingLink).toBe(`${at}/video.mp4`);
    expect(row.RecordingFailureStatus).toBe('');
    expect(row.ChatLink).toBe(recording.chatFile ? `${at}/chat.txt` : '');
    expect(row.SubtitleLink).toBe(recording.subtitles ? `${at}/captions.vtt` : '');
    expect(row.ChatFailureStatus).toBe('');
    expect(row.SubtitleFailureStatus).toBe('');
  }
});

it('lists and deletes exactly the recordings verified in the bucket, opt-in, after the count is typed', async () => {
  const { copied, folder, keys } = first ?? expect.fail('the copy test runs first');
  const [gone, kept, refusedOnce] = copied as [CollabRecording, CollabRecording, CollabRecording];
  // One archived object removed from the bucket: its recording is no longer verified, never listed or deleted.
  await removeObject(`${folder}${folderOf(keys, gone)}/video.mp4`);

  // The page of the copy, its four recordings still selected.
  await expect.poll(() => page.getByTestId('reclaim-selection-count').textContent()).toMatch(/^4 selected/);
  const downloads = await harness.freshDownloads();
  await page.getByTestId('reclaim-more').click();
  await expect.poll(() => page.getByTestId('reclaim-cleanup-destination').inputValue()).toBe('s3:archive');
  await page.getByTestId('reclaim-deletion-report').click();
  const report = await waitForDownload(downloads, /^Collaborate deletion report \d{4}-\d\d-\d\d\.csv$/);
  const rows = parseCsv(readFileSync(report, 'utf8'));
  expect(rows.map((row) => row.RecordingName).sort()).toEqual([kept.name, refusedOnce.name].sort());
  expect(Object.keys(rows[0] ?? {}).slice(0, 8)).toEqual(REPORT_COLUMNS.slice(0, 8));
  await expect.poll(() => page.getByTestId('reclaim-status').textContent()).toMatch(/: 2 of 4 recordings/);

  // Off by default: the bar offers no deleting until the options say so.
  await page.getByTestId('reclaim-more').click();
  expect(await page.getByTestId('reclaim-delete-verified').count()).toBe(0);
  await page.getByTestId('reclaim-more').click();
  const options = await harness.context.newPage();
  await options.goto(`chrome-extension://${harness.extensionId}/options.html`);
  await options.getByTestId('reclaim-delete-verified-option').check();
  await options.getByTestId('reclaim-save-settings').click();
  await expect.poll(() => options.getByTestId('reclaim-settings-status').textContent()).not.toBe('');
  await options.close();
  await page.bringToFront();

  harness.portal.resetHits('collab.delete');
  harness.portal.refuseCollabDeletes([refusedOnce.id]);
  // The bar follows the options at once, without a reload.
  const deleteVerified = async (count: number) => {
    await page.getByTestId('reclaim-more').click();
    await page.getByTestId('reclaim-delete-verified').click();
    const confirm = page.getByTestId('reclaim-delete-confirm');
    await expect.poll(() => confirm.textContent()).toMatch(`Delete ${count} recording`);
    await page.getByTestId('reclaim-delete-count').fill(String(count + 1));
    expect(await page.getByTestId('reclaim-delete-confirmed').isDisabled()).toBe(true);
    await page.getByTestId('reclaim-delete-count').fill(String(count));
    await page.getByTestId('reclaim-delete-confirmed').click();
  };
  // A 403 stops the deleting and says so: the one before it is deleted, nothing after it is tried.
  await deleteVerified(2);
  await expect
    .poll(() => page.getByTestId('reclaim-status').textContent())
    .toMatch(`Deleting stopped after 1: “${refusedOnce.name}” could not be deleted`);
  harness.portal.refuseCollabDeletes(null);
  // What was deleted left the selection; the rest is verified again: only the one refused before.
  await expect.poll(() => page.getByTestId('reclaim-selection-count').textContent()).toMatch(/^3 selected/);
  await deleteVerified(1);
  await expect.poll(() => page.getByTestId('reclaim-status').textContent()).toBe('Recordings deleted: 1.');

  const path = (recording: CollabRecording) => `/collab/api/csa/recordings/${recording.id}`;
  expect(harness.portal.hits('collab.delete').map((hit) => [hit.method, hit.path, hit.status])).toEqual([
    ['DELETE', path(kept), 204],
    ['DELETE', path(refusedOnce), 403],
    ['DELETE', path(refusedOnce), 204],
  ]);
  // The metadata log in the bucket gains a Deleted column: the time for the deleted, empty for the others.
  const logKey = [...(await bucket.objectsUnder(folder)).keys()].find((key) => key.endsWith('_recording_extract.csv'));
  const log = parseCsv((await bucket.objectBytes(logKey ?? '')).toString('utf8'));
  const deletedAt = Object.fromEntries(log.map((row) => [row.RecordingName, row.Deleted]));
  expect(deletedAt[kept.name]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  expect(deletedAt[refusedOnce.name]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  expect(deletedAt[gone.name]).toBe('');
});

function parseCsv(text: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
}

async function removeObject(key: string): Promise<void> {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
  client.destroy();
}
