// The Firefox build in a real Firefox (Debian's firefox-esr): the bar on Zoom's page, folder mode, and a ZIP saved
// the way Firefox saves it (the background page's Blob handed to the download manager, ARCHITECTURE.md), with the
// media host refusing requests that lack a Zoom Referer, as the real one may.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTree, startSampling } from '../bench/rss.ts';
import { patience } from '../patience.ts';
import { type PortalFile, zoomFiles } from '../portal/dataset.ts';
import { COLLAB_ROWS, folderOf as collabFolderOf, expectedChat, portalFileSha } from './collab-steps.ts';
import { type FirefoxHarness, startFirefox, waitForSaved } from './firefox-harness.ts';
import { exportEverything, openAndTick, readyRows } from './firefox-steps.ts';
import { type S3Proxy, startS3Proxy } from './s3-proxy.ts';
import { type LocalS3, startLocalS3 } from './s3-server.ts';
import { type BucketReader, bucketReader } from './s3-steps.ts';
import { pythonZipEntries, readZipEntry, unzipTest } from './zip-readers.ts';
import { exportNamePattern, fileSha, filesUnder, folderOf, ROW_BOX, zipNamePattern } from './zoom-steps.ts';

let firefox: FirefoxHarness;
let s3: LocalS3;
let proxy: S3Proxy;
let bucket: BucketReader;
const BUCKET = 'reclaim-archive';

const MB = 1024 * 1024;

beforeAll(async () => {
  // 13 ready recordings of about 80 MB each: room to see whether memory follows the size of a ZIP.
  s3 = await startLocalS3(BUCKET);
  proxy = await startS3Proxy(s3.endpoint, { amazon: true });
  bucket = bucketReader(s3, BUCKET);
  firefox = await startFirefox({
    requireZoomReferer: true,
    dataset: { zoomMeetings: 15, mediaBytes: 60 * MB },
    amazonPort: proxy.port,
  });
  await firefox.signInToZoom();
});
afterAll(async () => {
  bucket?.destroy();
  await firefox?.close();
  await proxy?.close();
  await s3?.close();
});

describe('Reclaim in Firefox', () => {
  it('puts its bar on Zoom and saves two ticked recordings as a ZIP whose every entry equals the platform bytes', async () => {
    const chosen = await openAndTick(firefox, 13, 0, 2);

    await exportEverything(firefox);
    await firefox.click('reclaim-export-zip');
    await expect.poll(() => firefox.text('reclaim-status'), { timeout: patience(60_000) }).toMatch(/^Done: /);
    const zip = await waitForSaved(firefox.downloads, zipNamePattern());

    expect(unzipTest(zip).ok).toBe(true);
    const { firstBadEntry, entries } = pythonZipEntries(zip);
    expect(firstBadEntry).toBeNull();
    const folders = new Set(entries.filter((e) => e.name.includes('/')).map((e) => e.name.split('/')[0] as string));
    expect(folders.size).toBe(2);
    for (const m of chosen) {
      const folder = folderOf(folders, m);
      expect(folder, `folder of ${m.topic}`).toBeDefined();
      const inFolder = entries.filter((entry) => entry.name.startsWith(`${folder}/`));
      expect(inFolder.map((entry) => entry.sha256).sort()).toEqual(zoomFiles(m).map(fileSha).sort());
    }
    const manifest = readZipEntry(zip, 'Reclaim manifest.csv').trim().split('\r\n').slice(1);
    expect(manifest.length).toBe(entries.length - 1);
    expect(manifest.every((row) => row.includes(',saved,'))).toBe(true);

    // The popup, opened at the add-on's address, lists the export as done.
    await firefox.goto(`${firefox.extensionOrigin}/popup.html`);
    await expect
      .poll(() =>
        firefox.run<string | null>(
          `return document.querySelector('[data-testid="reclaim-job"]')?.dataset.state ?? null;`,
        ),
      )
      .toBe('completed');
    expect(await firefox.text('reclaim-job')).toMatch(new RegExp(exportNamePattern()));
  });

  it('saves two recordings in folder mode under Reclaim/<export>/<recording>/, every file equal to the platform bytes', async () => {
    const chosen = await openAndTick(firefox, 13, 2, 4);
    const before = filesUnder(firefox.downloads);
    await exportEverything(firefox);
    await firefox.click('reclaim-export-folder');
    await expect.poll(() => firefox.text('reclaim-status'), { timeout: patience(120_000) }).toMatch(/^Done: /);

    const saved = filesUnder(firefox.downloads).filter((path) => !before.includes(path));
    expect(saved.some((path) => path.endsWith('.part'))).toBe(false);
    const exportFolders = new Set(saved.map((path) => path.split('/').slice(0, 2).join('/')));
    expect([...exportFolders], saved.join('\n')).toEqual([
      expect.stringMatching(new RegExp(`^Reclaim/${exportNamePattern()}$`)),
    ]);
    // Reclaim/<export>/<recording>/<file>: one folder per recording, holding exactly its files.
    const recordingOf = (path: string) => path.split('/')[2] as string;
    for (const m of chosen) {
      const folder = folderOf(new Set(saved.map(recordingOf)), m);
      const inFolder = saved.filter((path) => recordingOf(path) === folder);
      const shas = inFolder.map((path) =>
        createHash('sha256')
          .update(readFileSync(join(firefox.downloads, path)))
          .digest('hex'),
      );
      expect(shas.sort(), `files of ${m.topic}`).toEqual(zoomFiles(m).map(fileSha).sort());
    }
    expect(saved.filter((path) => path.endsWith('/Reclaim manifest.csv')).length).toBe(1);
  });

  it('copies two recordings to S3 (large files in parts), every object equal to the platform bytes', async () => {
    await firefox.goto(`${firefox.extensionOrigin}/options.html`);
    const destination = { id: 'archive', name: 'University archive', bucket: BUCKET, region: 'eu-west-1' };
    const keys = { prefix: 'Archive/Zoom', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    await firefox.run('return browser.storage.local.set({ destinations: [arguments[0]] });', {
      ...destination,
      ...keys,
    });
    const chosen = await openAndTick(firefox, 13, 4, 6);
    await expect.poll(() => firefox.text('reclaim-s3-destination')).not.toBeNull();
    await exportEverything(firefox);
    await firefox.click('reclaim-export-s3');
    await expect.poll(() => firefox.text('reclaim-status'), { timeout: patience(120_000) }).toMatch(/^Done: /);

    const objects = await bucket.objectsUnder('Archive/Zoom/');
    // Archive/Zoom/<copy id>/<recording>/<file>
    const media = [...objects.keys()].filter((key) => key.split('/').length === 5);
    const files = chosen.flatMap(zoomFiles);
    expect(files.some((file) => file.sizeBytes > 2 * 8 * MB)).toBe(true);
    expect(media.length).toBe(files.length);
    const shas = await Promise.all(
      media.map(async (key) =>
        createHash('sha256')
          .update(await bucket.objectBytes(key))
          .digest('hex'),
      ),
    );
    expect(shas.sort()).toEqual(files.map(fileSha).sort());
    expect(proxy.seen.some((request) => request.partNumber === 2)).toBe(true);
  });

  it('saves Collaborate recordings from the scheduler (token in its address) as a ZIP: video, chat as text, captions', async () => {
    const withAll = firefox.portal.dataset.collabRecordings.filter(
      (recording) => recording.publicLinkAllowed && recording.chatFile && recording.subtitles,
    );
    const chosen = withAll.slice(0, 2);
    expect(chosen.length).toBe(2);
    await firefox.goto(firefox.portal.schedulerUrl('eu'));
    const boxes = () =>
      firefox.run<number>(
        'return document.querySelectorAll(arguments[0] + " " + arguments[1]).length;',
        COLLAB_ROWS,
        ROW_BOX,
      );
    await expect.poll(boxes).toBeGreaterThan(0);
    // Rows are tied to recordings by their exact names, as the page shows no ids (SITES.md).
    await firefox.clickEach(
      `return arguments[2].map((name) => {
         const row = [...document.querySelectorAll(arguments[0])]
           .find((r) => [...r.querySelectorAll('[title]')].some((e) => e.getAttribute('title') === name));
         return row.querySelector(arguments[1]);
       });`,
      COLLAB_ROWS,
      ROW_BOX,
      chosen.map((recording) => recording.name),
    );
    await expect.poll(() => firefox.text('reclaim-selection-count')).toMatch(/^2 selected/);
    const before = readdirSync(firefox.downloads);
    await exportEverything(firefox);
    await firefox.click('reclaim-export-zip');
    await expect.poll(() => firefox.text('reclaim-status'), { timeout: patience(120_000) }).toMatch(/^Done: /);
    const zip = await waitForSaved(firefox.downloads, /^Collaborate recordings .*\.zip$/, { except: before });

    expect(unzipTest(zip).ok).toBe(true);
    const { firstBadEntry, entries } = pythonZipEntries(zip);
    expect(firstBadEntry).toBeNull();
    const names = entries.map((entry) => entry.name);
    for (const recording of chosen) {
      const folder = collabFolderOf(names, recording);
      const shaOf = (name: string) => entries.find((entry) => entry.name === `${folder}/${name}`)?.sha256;
      expect(shaOf('video.mp4')).toBe(portalFileSha(recording.media));
      expect(readZipEntry(zip, `${folder}/chat.txt`)).toBe(expectedChat(recording));
      expect(shaOf('captions.vtt')).toBe(portalFileSha((recording.subtitles as { file: PortalFile }).file));
    }
    expect(names.some((name) => name.endsWith('_Collaborate_recording_extract.csv'))).toBe(true);
  });

  it('does not hold a ZIP in memory: saving every recording (1 GB) grows Firefox by less than that', async () => {
    await firefox.goto('https://us06web.zoom.us/recording');
    await expect.poll(async () => (await readyRows(firefox)).length).toBe(13);
    await firefox.click('reclaim-select-all');
    await expect.poll(() => firefox.text('reclaim-selection-count')).toMatch(/^13 selected/);
    const before = readdirSync(firefox.downloads);
    const idle = sampleTree(firefox.pid).total;
    const sampling = startSampling(firefox.pid, 100);
    await exportEverything(firefox);
    await firefox.click('reclaim-export-zip');
    await expect.poll(() => firefox.text('reclaim-status'), { timeout: patience(120_000) }).toMatch(/^Done: /);
    const zip = await waitForSaved(firefox.downloads, /\.zip$/, { timeoutMs: patience(120_000), except: before });
    const grew = sampling.stop().total - idle;

    const size = statSync(zip).size;
    expect(size).toBeGreaterThan(1000 * MB);
    expect(unzipTest(zip).ok).toBe(true);
    // Held in memory, the ZIP would add at least its own size (a build that did so grew 2.9 times its size);
    // Firefox keeps the background page's Blob on disk, and grows by about 300 MB whatever the size.
    expect(grew, `Firefox grew ${Math.round(grew / MB)} MB for a ${Math.round(size / MB)} MB ZIP`).toBeLessThan(size);
  });
});
