// Folder mode's side of the browser's download manager: where each file is saved, and how the browser is told (the
// path goes with the download we start, and again whenever the browser asks for it later: a resume, a restart,
// answered from the database); and a download whose connection stalled, taken up again.
import { browser } from 'wxt/browser';
import { db, type ExportFile, type ExportJob } from '../db';
import { updateFile } from './jobs';
import { safeSegment } from './naming';
import { IDLE_TIMEOUT_MS } from './source';

export function folderPath(job: ExportJob, path: string): string {
  return `Reclaim/${safeSegment(job.name)}/${path}`;
}

// The path each download we start must get, by address, until the browser has asked for it: Chrome asks only
// when the answer's headers are in, which can be after `downloads.download()` returned and even after the worker
// was stopped (then the database says, below).
const namesToGive = new Map<string, string>();

export async function download(url: string, filename: string): Promise<number> {
  namesToGive.set(url, filename);
  try {
    return await browser.downloads.download({ url, filename, conflictAction: 'overwrite', saveAs: false });
  } catch (error) {
    namesToGive.delete(url);
    throw error;
  }
}

/** The path for a download we just started, given once: later asks for it are resumes, answered from the database. */
export function takeNameToGive(url: string): string | undefined {
  const name = namesToGive.get(url);
  namesToGive.delete(url);
  return name;
}

/** The path for one of our downloads from the database: by its id, or by the address it was started with. */
export async function pathForDownload(url: string, downloadId: number): Promise<string | undefined> {
  const file =
    (await db.files.where('downloadId').equals(downloadId).first()) ??
    (await db.files.where('downloadUrl').equals(url).last());
  const job = file && (await db.jobs.get(file.jobId));
  return file && job ? folderPath(job, file.path) : undefined;
}

/** A file Reclaim wrote itself (a CSV, a chat as text), as an address the download manager can save. */
export function generatedUrl(text: string, type: string): string {
  return import.meta.env.FIREFOX
    ? URL.createObjectURL(new Blob([text], { type }))
    : `data:${type};charset=utf-8,${encodeURIComponent(text)}`;
}

/**
 * The download manager waits for a stalled connection forever: a download with no new byte for the idle time is
 * paused and resumed, which the browser does on a new connection from the first missing byte (Range, If-Range).
 */
export async function takeUpIfStalled(file: ExportFile, bytes: number): Promise<void> {
  const seen = file.progressSeen;
  const now = Date.now();
  if (!seen || seen.bytes !== bytes) {
    await updateFile(file.id, { progressSeen: { bytes, at: now } });
    return;
  }
  if (now - seen.at <= IDLE_TIMEOUT_MS || file.downloadId === undefined) return;
  await updateFile(file.id, { progressSeen: { bytes, at: now }, retries: file.retries + 1 });
  await browser.downloads.pause(file.downloadId).catch(() => undefined);
  await browser.downloads.resume(file.downloadId).catch(() => undefined);
}

/**
 * A saved file's entry leaves the browser's download list (the file stays), except an export's first, which Show in
 * folder opens: the id to keep on the file, if any. Thousands of entries would crowd the user's list, and Chrome's
 * work for every new download grows with them (issue 13's scale run: its CPU time per file tripled from 2,000 to
 * 5,000 files).
 */
export async function listEntryKept(jobId: number, downloadId: number): Promise<number | undefined> {
  const shown = await db.files
    .where('[jobId+state]')
    .equals([jobId, 'done'])
    .filter((file) => file.downloadId !== undefined)
    .first();
  if (shown === undefined) return downloadId;
  await browser.downloads.erase({ id: downloadId }).catch(() => undefined);
  return undefined;
}
