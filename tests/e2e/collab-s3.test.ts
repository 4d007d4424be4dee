// A Collaborate copy to S3 in the real browser (issue 4): the recordings, chat as text, captions as VTT and the
// metadata log land in `<prefix>/<copy id>/` of a real S3 server (s3rver, reached as Amazon through an https proxy),
// read back by an independent client (the SDK from Node), byte for byte.
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
import { type Harness, openPopup, startHarness } from './harness.ts';
import { type S3Proxy, startS3Proxy } from './s3-proxy.ts';
import { type LocalS3, startLocalS3 } from './s3-server.ts';
import { type BucketReader, bucketReader, useDestinations } from './s3-steps.ts';
import { startExportFromBar, waitForJobState } from './zoom-steps.ts';

const BUCKET = 'reclaim-collab';
const PREFIX = 'Archive/Collaborate';
let s3: LocalS3;
let proxy: S3Proxy;
let harness: Harness;
let page: Page;
let popup: Page;
let bucket: BucketReader;

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

  const day = new Date().toISOString().slice(0, 10);
  const logKey = `${folder}${day}_${copyId}_Collaborate_recording_extract.csv`;
  expect(objects.has(logKey)).toBe(true);
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
