// "Export list as CSV": Zoom's own columns, one row per recording, opened by a real spreadsheet program
// (LibreOffice, headless) and read back from the .xlsx it writes; a topic starting with = stays text. And the
// list of files, one row per file with the name it gets in an export.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../utils/csv.ts';
import { zoomFiles } from '../portal/dataset.ts';
import { COURSE_SEARCH, FORMULA_TOPIC } from '../portal/dataset-zoom.ts';
import { zoomShareOf } from '../portal/zoom-share.ts';
import { type Harness, startHarness, waitForDownload } from './harness.ts';
import { openInLibreOffice } from './libreoffice.ts';
import { folderOf, listNamePattern, openRecordings, searchFor, tick } from './zoom-steps.ts';

let harness: Harness;
let page: Page;
let scratch: string;

beforeAll(async () => {
  harness = await startHarness();
  page = await harness.context.newPage();
  scratch = mkdtempSync(join(tmpdir(), 'reclaim-csv-'));
});
afterAll(async () => {
  await harness?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function saveCsv(
  button: 'reclaim-export-csv' | 'reclaim-export-files-csv' | 'reclaim-share-links-csv',
  pattern: RegExp,
): Promise<string> {
  const downloads = await harness.freshDownloads();
  // The CSV lists are behind the bar's "More".
  await page.getByTestId('reclaim-more').click();
  await page.getByTestId(button).click();
  const csv = await waitForDownload(downloads, pattern);
  await expect.poll(() => page.getByTestId('reclaim-status').textContent()).toBe(`Saved ${basename(csv)}`);
  return csv;
}

describe('Export list as CSV', () => {
  it("writes Zoom's columns, one row per recording, that LibreOffice reads back with a = topic as text", async () => {
    await openRecordings(page);
    // Nothing ticked: the list is everything the page's search matches, over every page.
    const csv = await saveCsv('reclaim-export-csv', new RegExp(`^${listNamePattern()}\\.csv$`));
    expect(readFileSync(csv).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    const [header = [], ...rows] = openInLibreOffice(csv, scratch);
    expect(header.map((cell) => cell.value)).toEqual(['Host Email', 'Meeting ID', 'Topic', 'Start Time', 'File Size']);
    const meetings = harness.portal.dataset.zoomMeetings;
    expect(rows).toHaveLength(meetings.length);
    expect(rows.map((row) => row[1]?.value).sort()).toEqual(meetings.map((m) => String(m.meetingNumber)).sort());
    expect(rows.map((row) => row[0]?.value).sort()).toEqual(meetings.map((m) => m.hostEmail).sort());
    for (const row of rows) expect(row[4]?.value).toMatch(/^[\d,.]+ MB \(\d+ Files?\)$/);

    const formula = rows.find((row) => row[2]?.value.includes('HYPERLINK'));
    expect(formula?.[2]).toEqual({ value: `'${FORMULA_TOPIC}`, text: true, formula: null });
    expect(rows.every((row) => row.every((cell) => cell.formula === null))).toBe(true);
    // Non-ASCII topics arrive whole (UTF-8 with a byte order mark).
    expect(rows.map((row) => row[2]?.value)).toContain('数据科学 讲座');
  });

  it('lists the files of a whole search, one row per file, with the names an export gives them', async () => {
    await searchFor(page, COURSE_SEARCH);
    await page.getByTestId('reclaim-select-matching').click();
    await expect.poll(() => page.getByTestId('reclaim-selection-count').textContent()).toMatch(/^31 selected/);
    const csv = await saveCsv('reclaim-export-files-csv', new RegExp(`^${listNamePattern()} files\\.csv$`));

    const [header = [], ...rows] = openInLibreOffice(csv, scratch);
    expect(header.map((cell) => cell.value)).toEqual([
      'Recording',
      'Recording ID',
      'Kind',
      'View',
      'Clip',
      'Size (bytes)',
      'Name in export',
    ]);
    const course = harness.portal.dataset.zoomMeetings.filter((m) => m.topic.includes(COURSE_SEARCH));
    expect(rows).toHaveLength(course.flatMap(zoomFiles).length);
    const names = rows.map((row) => row[6]?.value ?? '');
    expect(new Set(names).size).toBe(names.length);
    const folders = new Set(names.map((name) => name.split('/')[0] ?? ''));
    for (const meeting of course) {
      const folder = folderOf(folders, meeting);
      expect(folder, meeting.topic).toBeDefined();
      expect(rows.filter((row) => row[1]?.value === meeting.meetingId)).toHaveLength(zoomFiles(meeting).length);
    }
  });

  it("writes each ticked recording's share link and passcode, one row each, read back by LibreOffice", async () => {
    await openRecordings(page);
    // Recordings with and without a passcode, one whose passcode and one whose topic a spreadsheet would run.
    const chosen = await tick(page, harness, (ready) => {
      const guarded = ready.find((m) => /^[+=@]/.test(zoomShareOf(m).passcode));
      const open = ready.find((m) => zoomShareOf(m).passcode === '');
      const formula = ready.find((m) => m.topic === FORMULA_TOPIC);
      const others = ready.filter((m) => m !== guarded && m !== open && m !== formula).slice(0, 2);
      return [guarded, open, formula, ...others].filter((m) => m !== undefined);
    });
    expect(chosen).toHaveLength(5);
    const csv = await saveCsv('reclaim-share-links-csv', new RegExp(`^${listNamePattern()} share links\\.csv$`));

    const [header = [], ...rows] = openInLibreOffice(csv, scratch);
    expect(header.map((cell) => cell.value)).toEqual(['Topic', 'Start Time', 'Share Link', 'Passcode']);
    const expected = chosen.map((meeting) => {
      const share = zoomShareOf(meeting);
      const link = `https://us06web.zoom.us/rec/share/${share.encryptMeetId}`;
      return [neutraliseCell(meeting.topic), link, neutraliseCell(share.passcode)];
    });
    expect(rows.map((row) => [row[0]?.value, row[2]?.value, row[3]?.value ?? ''])).toEqual(expected);
    expect(rows.every((row) => row.every((cell) => cell.formula === null))).toBe(true);
    expect(rows.every((row) => row[1]?.value)).toBe(true);
  });
});
