// Does what the export left match what the platform had and what the history says? Every file the portal holds
// (for recordings not still processing) must be there exactly once with the portal's bytes, and the history's
// state of each file must say the same as the disk or the bucket: done where it is, not done where it is not.
import { createHash } from 'node:crypto';
import { type Dataset, zoomFiles } from '../portal/dataset.ts';
import { mediaSha256 } from '../portal/media.ts';
import type { Found } from './found.ts';
import { type History, playIdOf } from './history.ts';

export interface ExpectedFile {
  playId: string;
  sha256: string;
  sizeBytes: number;
}

/** Every file of every recording that is not still processing: what a complete export holds. */
export function expectedFiles(dataset: Dataset): ExpectedFile[] {
  return dataset.zoomMeetings
    .filter((meeting) => meeting.status === 'completed')
    .flatMap(zoomFiles)
    .map((file) => ({
      playId: file.playId,
      sizeBytes: file.sizeBytes,
      sha256: file.text
        ? createHash('sha256').update(file.text).digest('hex')
        : mediaSha256(file.fileKey, file.sizeBytes),
    }));
}

export interface Counts {
  files: number;
  /** Expected files found exactly once, byte for byte. */
  exact: number;
  /** Extra copies of an expected file (a "name (1).mp4", an entry in two volumes). */
  duplicates: number;
  /** Expected files found nowhere. */
  missing: number;
  /** Found files whose bytes are no expected file's (cut short, mixed, a page saved as a recording). */
  corrupt: number;
  /** Files the history says failed, or never finished. */
  failed: number;
  /** Files whose history state disagrees with what is there, and expected files the history does not list. */
  historyMismatch: number;
  /** What each disagreement was, for the report (the first few). */
  notes: string[];
}

export function compare(expected: ExpectedFile[], history: History, found: Found): Counts {
  const notes: string[] = [];
  const copies = new Map<string, number>();
  for (const file of found.files) copies.set(file.sha256, (copies.get(file.sha256) ?? 0) + 1);
  const byName = new Map<string, string[]>();
  for (const file of found.files) byName.set(file.name, [...(byName.get(file.name) ?? []), file.sha256]);
  const expectedShas = new Set(expected.map((file) => file.sha256));
  const rows = new Map(history.files.map((row) => [playIdOf(row) ?? '', row]));

  let exact = 0;
  let duplicates = 0;
  let missing = 0;
  let historyMismatch = 0;
  for (const file of expected) {
    const count = copies.get(file.sha256) ?? 0;
    if (count === 0) missing += 1;
    else exact += 1;
    duplicates += Math.max(0, count - 1);
    if (count > 1) notes.push(`${count} copies of ${file.playId}`);
    const row = rows.get(file.playId);
    if (!row) {
      historyMismatch += 1;
      notes.push(`the history lists no file for ${file.playId}`);
      continue;
    }
    const there = byName.get(row.path) ?? [];
    const whole = there.length === 1 && there[0] === file.sha256;
    if (row.state === 'done' && !whole) {
      historyMismatch += 1;
      notes.push(`history: done, but ${row.path} is ${there.length === 0 ? 'not there' : 'other bytes'}`);
    } else if (row.state !== 'done' && there.length > 0) {
      historyMismatch += 1;
      notes.push(`history: ${row.state}, but ${row.path} is there${whole ? ', whole' : ''}`);
    }
  }
  const doneRows = history.files.filter((row) => row.state === 'done').length;
  if (history.job.filesDone !== doneRows) {
    historyMismatch += 1;
    notes.push(`the export counts ${history.job.filesDone} files done, its files say ${doneRows}`);
  }
  const corrupt = found.files.filter((file) => !expectedShas.has(file.sha256));
  for (const file of corrupt.slice(0, 5)) notes.push(`not any file of the platform: ${file.name}`);
  const failedRows = history.files.filter((row) => row.state !== 'done' && row.state !== 'skipped');
  for (const row of failedRows.slice(0, 5)) {
    notes.push(`${row.state}: ${row.path}${row.error ? ` (${row.error.code} ${row.error.detail ?? ''})` : ''}`);
  }
  return {
    files: expected.length,
    exact,
    duplicates,
    missing,
    corrupt: corrupt.length,
    failed: failedRows.length,
    historyMismatch,
    notes,
  };
}
