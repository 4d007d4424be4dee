// The recording report in the real browser on the demo Collaborate scheduler: saved for a selection, edited the way
// a Dutch Excel saves it, brought back, and exported; and files that are no report, refused with their reason.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollabRecording } from '../portal/dataset.ts';
import { axeOnBar } from './axe.ts';
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
import { pythonZipEntries, readZipEntry, unzipTest } from './zip-readers.ts';
import { newestJobId, startExportFromBar, waitForJobState } from './zoom-steps.ts';

let harness: Harness;
let page: Page;
let popup: Page;
let scratch: string;

beforeAll(async () => {
  harness = await startHarness({ dataset: { collabRecordings: 20 }, signedIn: false });
  page = await harness.context.newPage();
  popup = await openPopup(harness);
  scratch = mkdtempSync(join(tmpdir(), 'reclaim-report-'));
});
afterAll(async () => {
  await harness?.close();
});

/** How Excel saves a sheet with Dutch settings: `;`, a BOM, CRLF, decimal commas, quotes only where needed. */
function asDutchExcel(fields: string[], rows: Record<string, string>[]): Buffer {
  const cell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [fields, ...rows.map((row) => fields.map((field) => row[field] ?? ''))].map((cells) =>
    cells.map(cell).join(';'),
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

async function importInBar(path: string): Promise<void> {
  await page.getByTestId('reclaim-import-report').setInputFiles(path);
  await expect.poll(() => page.getByTestId('reclaim-import-preview').count()).toBe(1);
  // Shown as a modal dialog (the page behind inert), not only in the page.
  expect(await page.getByTestId('reclaim-import-preview').evaluate((dialog) => dialog.matches(':modal'))).toBe(true);
}

/** Where the keyboard's focus is: in the bar's import dialog, on the page behind it, or nowhere (the body). */
function focusPlace(page: Page): Promise<'dialog' | 'page' | 'nothing'> {
  return page.evaluate(() => {
    const host = document.querySelector('reclaim-bar');
    const inner = host?.shadowRoot?.activeElement;
    if (document.activeElement === host && inner?.closest('dialog')) return 'dialog';
    return !document.activeElement || document.activeElement === document.body ? 'nothing' : 'page';
  });
}

describe('the recording report on the Collaborate scheduler', () => {
  it('round trip: 12 saved, 4 rows deleted and a column added in Dutch Excel, exactly the 8 others exported', async () => {
    const dataset = harness.portal.dataset.collabRecordings;
    // Twelve the public link allows, among them recordings with chats and with captions.
    const twelve = dataset.filter((recording) => recording.publicLinkAllowed).slice(0, 12);
    await openScheduler(page, harness);
    await tickRecordings(page, twelve);
    // The scheduler page cannot list a recording's files: no files CSV that would hold only its header.
    expect(await page.getByTestId('reclaim-export-csv').count()).toBe(1);
    expect(await page.getByTestId('reclaim-export-files-csv').count()).toBe(0);

    const downloads = await harness.freshDownloads();
    await page.getByTestId('reclaim-more').click();
    await page.getByTestId('reclaim-export-report').click();
    const reportPath = await waitForDownload(downloads, /^Collaborate recording report .*\.csv$/);
    const report = Papa.parse<Record<string, string>>(readFileSync(reportPath, 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(report.meta.fields?.slice(0, 12)).toEqual(REPORT_COLUMNS.slice(0, 12));
    expect(report.data.length).toBe(12);

    // The manager deletes four rows, adds a column of their own (second), and saves with Dutch settings.
    const kept = report.data.filter((_, index) => index % 3 !== 1);
    expect(kept.length).toBe(8);
    const fields = ['RecordingName', 'Afdeling', ...(report.meta.fields ?? []).filter((f) => f !== 'RecordingName')];
    const edited = kept.map((row, index) => ({
      ...row,
      Afdeling: `Rechten; groep ${index + 1}`,
      StorageUsageGigabytes: (row.StorageUsageGigabytes ?? '').replace('.', ','),
    }));
    // A row whose link the manager broke while editing: listed by its line, skipped on confirmation.
    const broken = { ...edited[0], RecordingName: 'Kapotte rij', RecordingLink: 'https://eu.bbcollab.com/recording/x' };
    const editedPath = join(scratch, 'Opnamerapport bewerkt.csv');
    writeFileSync(editedPath, asDutchExcel(fields, [...edited.slice(0, 3), broken, ...edited.slice(3)]));

    await importInBar(editedPath);
    await expect.poll(() => page.getByTestId('reclaim-import-summary').textContent()).toMatch(/^8 recordings, /);
    expect(await page.getByTestId('reclaim-import-bad-rows').textContent()).toBe(
      'Line 5: “https://eu.bbcollab.com/recording/x” is not a Collaborate recording link',
    );
    expect(await page.getByTestId('reclaim-import-confirm').textContent()).toBe(
      'Skip these rows and select the other 8 recordings',
    );
    await page.getByTestId('reclaim-import-confirm').click();
    await expect.poll(() => page.getByTestId('reclaim-selection-count').textContent()).toMatch('8 selected');
    const zipDownloads = await harness.freshDownloads();
    await startExportFromBar(page, popup, 'zip');
    await waitForJobState(popup, 'completed');
    const zip = await waitForDownload(zipDownloads, /^Collaborate · .+ · \d{4}-\d{2}-\d{2}(?: \(\d+\))?\.zip$/);
    expect(unzipTest(zip).ok).toBe(true);

    const { entries } = pythonZipEntries(zip);
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    const names = entries.map((entry) => entry.name);
    const chosen = kept.map((row) => {
      const id = /\/recording\/([0-9a-f]{32})$/.exec(row.RecordingLink ?? '')?.[1];
      return dataset.find((recording) => recording.id === id) as CollabRecording;
    });
    expect(chosen.every(Boolean)).toBe(true);
    // Exactly the eight: their folders and nothing else but the manifest and the log.
    const folders = new Set(names.filter((name) => name.includes('/')).map((name) => name.split('/')[0]));
    expect(folders.size).toBe(8);
    for (const recording of chosen) {
      const folder = folderOf(names, recording);
      expect(byName.get(`${folder}/video.mp4`)?.sha256).toBe(portalFileSha(recording.media));
      if (recording.chatFile) expect(readZipEntry(zip, `${folder}/chat.txt`)).toBe(expectedChat(recording));
      else expect(byName.has(`${folder}/chat.txt`)).toBe(false);
      if (recording.subtitles)
        expect(byName.get(`${folder}/captions.vtt`)?.sha256).toBe(portalFileSha(recording.subtitles.file));
      else expect(byName.has(`${folder}/captions.vtt`)).toBe(false);
    }
    expect(chosen.some((recording) => recording.chatFile)).toBe(true);
    expect(chosen.some((recording) => recording.subtitles)).toBe(true);

    // The metadata log: the report's rows as the manager left them, the unknown column kept, links into the ZIP.
    const logName = names.find((name) => name.endsWith('_Collaborate_recording_extract.csv')) ?? '';
    expect(logName).toMatch(/^\d{4}-\d{2}-\d{2}_\d+_Collaborate_recording_extract\.csv$/);
    const log = Papa.parse<Record<string, string>>(readZipEntry(zip, logName).replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(log.data.length).toBe(8);
    expect(log.meta.fields?.slice(0, 2)).toEqual(['RecordingName', 'Afdeling']);
    expect(log.meta.fields).toEqual(expect.arrayContaining(['RecordingFailureStatus', 'ChatLink', 'SubtitleLink']));
    for (const [index, row] of log.data.entries()) {
      const recording = chosen[index] as CollabRecording;
      expect(row.Afdeling).toBe(`Rechten; groep ${index + 1}`);
      expect(row.StorageUsageGigabytes).toBe(edited[index]?.StorageUsageGigabytes);
      expect(row.RecordingLink).toBe(`${folderOf(names, recording)}/video.mp4`);
      expect(row.RecordingFailureStatus).toBe('');
      expect(row.ChatLink).toBe(recording.chatFile ? `${folderOf(names, recording)}/chat.txt` : '');
      expect(row.SubtitleLink).toBe(recording.subtitles ? `${folderOf(names, recording)}/captions.vtt` : '');
      expect(row.ChatFailureStatus).toBe('');
      expect(row.SubtitleFailureStatus).toBe('');
    }
    expect(sha(readFileSync(zip)).length).toBe(64);
  });

  it('refuses a CSV without RecordingLink, an empty file and a PNG, each with its own message, and starts nothing', async () => {
    await openScheduler(page, harness);
    const before = await newestJobId(popup);
    const noLink = join(scratch, 'other.csv');
    writeFileSync(noLink, 'RecordingName;SessionName;StorageUsageGigabytes\r\nLecture;Course;1,5\r\n');
    const empty = join(scratch, 'empty.csv');
    writeFileSync(empty, '');
    const png = join(scratch, 'report.csv');
    writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'));

    const messages: string[] = [];
    for (const [index, path] of [noLink, empty, png].entries()) {
      await importInBar(path);
      const problem = page.getByTestId('reclaim-import-problem');
      messages.push((await problem.textContent()) ?? '');
      expect(await page.getByTestId('reclaim-import-confirm').count()).toBe(0);
      if (index === 0) {
        // Tab never leaves the dialog for the page behind, and axe finds nothing serious.
        const places = [await focusPlace(page)];
        for (let i = 0; i < 4; i++) {
          await page.keyboard.press('Tab');
          places.push(await focusPlace(page));
        }
        expect(places).not.toContain('page');
        expect(places[0]).toBe('dialog');
        expect(await axeOnBar(page)).toEqual([]);
      }
      // Escape closes it as Cancel does.
      if (index === 1) await page.keyboard.press('Escape');
      else await page.getByTestId('reclaim-import-cancel').click();
      await expect.poll(() => page.getByTestId('reclaim-import-preview').count()).toBe(0);
    }
    expect(messages[0]).toBe(
      'This is not a recording report: the column RecordingLink is missing. Columns found: RecordingName, SessionName, StorageUsageGigabytes.',
    );
    expect(messages[1]).toBe('The file is empty: it holds no recording report.');
    expect(messages[2]).toBe(
      'This file is not a CSV recording report (it looks like a picture or another binary file).',
    );
    // Nothing was selected: the bar shows no count at all.
    expect(await page.getByTestId('reclaim-selection-count').count()).toBe(0);

    // The popup's import says the same and offers no export either.
    await popup.getByTestId('reclaim-import-report').setInputFiles(noLink);
    await expect.poll(() => popup.getByTestId('reclaim-import-problem').textContent()).toBe(messages[0]);
    expect(await popup.getByTestId('reclaim-popup-import-destinations').count()).toBe(0);
    await expect.poll(() => newestJobId(popup)).toBe(before);
  });

  it('imports a report in the popup too, and exports its recordings after the choice of destination', async () => {
    // The scheduler was open before (it handed its token over); the manager now starts from the popup.
    await openScheduler(page, harness);
    const [first, second] = harness.portal.dataset.collabRecordings.filter((recording) => recording.publicLinkAllowed);
    const rows = [first, second].map((recording) => ({
      RecordingLink: `https://eu.bbcollab.com/recording/${recording?.id}`,
      RecordingName: recording?.name ?? '',
      StorageUsageGigabytes: '0,001',
    }));
    const path = join(scratch, 'popup.csv');
    writeFileSync(path, asDutchExcel(['RecordingName', 'RecordingLink', 'StorageUsageGigabytes'], rows));
    const before = await newestJobId(popup);
    await popup.getByTestId('reclaim-import-report').setInputFiles(path);
    await expect.poll(() => popup.getByTestId('reclaim-import-summary').textContent()).toMatch(/^2 recordings, /);
    await popup.getByTestId('reclaim-import-confirm').click();
    const downloads = await harness.freshDownloads();
    await popup.getByTestId('reclaim-popup-export-zip').click();
    await expect.poll(() => newestJobId(popup)).toBeGreaterThan(before);
    await waitForJobState(popup, 'completed');
    const zip = await waitForDownload(downloads, /^Collaborate · .+ · \d{4}-\d{2}-\d{2}(?: \(\d+\))?\.zip$/);
    const names = pythonZipEntries(zip).entries.map((entry) => entry.name);
    for (const recording of [first, second] as CollabRecording[])
      expect(names).toContain(`${folderOf(names, recording)}/video.mp4`);
  });
});
