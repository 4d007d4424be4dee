// Where folder mode saves each file, and how the browser is told: the path goes with the download we start, and
// again whenever the browser asks for it later (a resume, a restart), answered from the database.
import { browser } from 'wxt/browser';
import { db, type ExportJob } from '../db';
import { safeSegment } from './naming';

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
