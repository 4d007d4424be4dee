// The archive ledger from outside the extension, for browser tests: its rows and the history's, read through the
// extension's worker (the database is the extension's own), the CRC-32 of saved bytes as Python computes it, and
// what the platform and the bar show of it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { formatSize } from '../../utils/format.ts';
import type { ZoomFile, ZoomMeeting } from '../portal/dataset.ts';
import type { Harness } from './harness.ts';
import type { Cell } from './libreoffice.ts';
import { listedBytes } from './zoom-steps.ts';

/** A ledger row (utils/archive/ledger.ts), as the test reads it. */
export interface LedgerRow {
  key: string;
  destination: string;
  site: string;
  recordingId: string;
  fileId: string;
  sizeBytes: number;
  crc32?: string;
  place: string;
  zipName?: string;
  archivedAt: number;
  jobId: number;
}

/** A file of the history (an export's file row), as the test reads it. */
export interface HistoryFile {
  id: number;
  jobId: number;
  recordingId: string;
  fileId?: string;
  path: string;
  state: string;
  bytesDone: number;
  crc32?: string;
}

export interface Books {
  jobs: Array<{ id: number; destination: string; name: string; state: string }>;
  files: HistoryFile[];
  ledger: LedgerRow[];
}

/** The history's exports and files and the archive ledger, read in one transaction by the extension's worker. */
export function readBooks(harness: Harness): Promise<Books> {
  return harness.worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('reclaim');
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    const read = db.transaction(['jobs', 'files', 'archive'], 'readonly');
    const all = (store: string) =>
      new Promise<never[]>((resolve, reject) => {
        const request = read.objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as never[]);
        request.onerror = () => reject(request.error);
      });
    const [jobs, files, ledger] = await Promise.all([all('jobs'), all('files'), all('archive')]);
    db.close();
    return { jobs, files, ledger };
  });
}

/**
 * The ledger and the history agree for one destination (`zip`, `folder`): every file an export of it calls done is
 * in the ledger, at that export, with the same size and CRC-32; and every ledger row is such a file. Returns the
 * rows, for the caller to hold against the saved bytes.
 */
export function expectBooksAgree(books: Books, destination: 'zip' | 'folder'): LedgerRow[] {
  const jobs = new Set(books.jobs.filter((job) => job.destination === destination).map((job) => job.id));
  const done = books.files.filter((file) => jobs.has(file.jobId) && file.state === 'done');
  const rows = books.ledger.filter((row) => row.destination === destination);
  const seen = (fileId: string | undefined, jobId: number, size: number, crc?: string) =>
    `${jobId}|${fileId}|${size}|${crc ?? 'none'}`;
  expect(rows.map((row) => seen(row.fileId, row.jobId, row.sizeBytes, row.crc32)).sort()).toEqual(
    done.map((file) => seen(file.fileId, file.jobId, file.bytesDone, file.crc32)).sort(),
  );
  return rows;
}

/** CRC-32s of files as Python's zlib computes them (an independent reader of the same bytes), in one process. */
export function pythonFileCrcs(paths: string[]): string[] {
  if (paths.length === 0) return [];
  const script = 'import sys,zlib\nfor p in sys.argv[1:]: print(format(zlib.crc32(open(p,"rb").read()),"08x"))';
  return execFileSync('python3', ['-c', script, ...paths], { encoding: 'utf8' })
    .trim()
    .split('\n');
}

/** The same for bytes in memory (objects read back from a bucket). */
export function pythonCrcs(objects: Buffer[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'reclaim-crc-'));
  const paths = objects.map((bytes, index) => {
    const path = join(dir, String(index));
    writeFileSync(path, bytes);
    return path;
  });
  try {
    return pythonFileCrcs(paths);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Takes a meeting's transcript away, as if Zoom had not made it yet; `add()` is Zoom making it. */
export function transcriptLater(meeting: ZoomMeeting): { file: ZoomFile; add(): void } {
  for (const clip of meeting.clips) {
    const index = clip.files.findIndex((file) => file.iconType === 'TRANSCRIPT');
    if (index < 0) continue;
    const [file] = clip.files.splice(index, 1) as [ZoomFile];
    return { file, add: () => clip.files.splice(index, 0, file) };
  }
  throw new Error(`${meeting.topic} has no transcript`);
}

/** The bar's sentence about a selection partly archived in one place, once it has listed their files again. */
export function summaryOf(total: number, archived: number, place: string, left: ZoomMeeting[], newFiles = 0): string {
  const bytes = left.reduce((sum, meeting) => sum + listedBytes(meeting), 0);
  const fresh = newFiles === 0 ? '' : ` · ${newFiles} new ${newFiles === 1 ? 'file' : 'files'} in them`;
  return `${total} recordings · ${archived} already archived to ${place}${fresh} · ${left.length} to go · ${formatSize(bytes, 'en-US')}`;
}

/** A time cell as LibreOffice stores it: the text, or a date's serial number (days since 1899-12-30), in UTC. */
export function timeOfCell(cell: Cell | undefined): string {
  if (!cell || cell.text) return cell?.value ?? '';
  const ms = Math.round((Number(cell.value) - 25_569) * 86_400) * 1000;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
