// What the export left where the user looks: the ZIP volumes' entries, the files under the export's folder, or
// the objects of the S3 copy — each with the SHA-256 of its bytes, read by readers independent of the
// extension (Python's zipfile and unzip, the file system, the AWS SDK straight to the S3 server).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BucketReader } from '../e2e/s3-steps.ts';
import { pythonZipEntries, unzipTest } from '../e2e/zip-readers.ts';

export interface FoundFile {
  /** Where it is inside the export: a ZIP entry's name, a path under the export folder, a key under the copy. */
  name: string;
  sha256: string;
}

export interface Found {
  files: FoundFile[];
  /** What should not be there: part files, a ZIP a reader refuses, a second export folder, files beside it. */
  leftovers: string[];
}

/** The export's own documents: its manifest and, for S3 and Collaborate, Blackboard's metadata log. */
export function isExportDocument(name: string): boolean {
  return /(^|\/)Reclaim manifest\.csv$/.test(name) || /_recording_extract\.csv$/.test(name);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every ZIP in the downloads folder (the export's volumes) and whatever else is there. */
export function foundInZips(downloads: string): Found {
  const files: FoundFile[] = [];
  const leftovers: string[] = [];
  for (const name of readdirSync(downloads)) {
    if (!name.endsWith('.zip')) {
      leftovers.push(name);
      continue;
    }
    const path = join(downloads, name);
    const unzip = unzipTest(path);
    const { firstBadEntry, entries } = pythonZipEntries(path);
    if (!unzip.ok || firstBadEntry !== null)
      leftovers.push(`${name} (a reader refuses it: ${firstBadEntry ?? 'unzip -t'})`);
    for (const entry of entries) {
      if (!isExportDocument(entry.name)) files.push({ name: entry.name, sha256: entry.sha256 });
    }
  }
  return { files, leftovers };
}

/**
 * Every file under the one export folder, `Reclaim/<export>/`, of the downloads folder (its name is the
 * export's, made safe for file systems, so it is found rather than worked out); anything else is a leftover.
 */
export function foundInFolder(downloads: string): Found {
  const root = join(downloads, 'Reclaim');
  const folders = existsSync(root) ? readdirSync(root) : [];
  const leftovers = folders.length === 1 ? [] : [`${folders.length} export folders under Reclaim/`];
  const prefix = `Reclaim/${folders[0]}/`;
  const files: FoundFile[] = [];
  for (const path of listFiles(downloads)) {
    if (!path.startsWith(prefix) || path.endsWith('.crdownload')) leftovers.push(path);
    else if (!isExportDocument(path)) {
      files.push({ name: path.slice(prefix.length), sha256: sha256(readFileSync(join(downloads, path))) });
    }
  }
  return { files, leftovers };
}

/** Every object of the copy (`<prefix>/<copy id>/…`), read back whole. */
export async function foundInBucket(bucket: BucketReader, copyFolder: string): Promise<Found> {
  const files: FoundFile[] = [];
  for (const key of (await bucket.objectsUnder(`${copyFolder}/`)).keys()) {
    const name = key.slice(copyFolder.length + 1);
    if (!isExportDocument(name)) files.push({ name, sha256: sha256(await bucket.objectBytes(key)) });
  }
  return { files, leftovers: [] };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}
