// Whether the folder export holds every file of the data set exactly once, byte for byte: the SHA-256 of every
// file under the export's folder against those of every file of every meeting Zoom could hand out. Names are
// checked by the browser tests; at this scale what matters is that nothing is missing, doubled or cut.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { filesWithSizes } from '../bench/util.ts';
import { type Dataset, type ZoomFile, zoomFiles } from '../portal/dataset.ts';
import { mediaSha256 } from '../portal/media.ts';

const MANIFEST = 'Reclaim manifest.csv';

function expectedSha(file: ZoomFile): string {
  return file.text ? createHash('sha256').update(file.text).digest('hex') : mediaSha256(file.fileKey, file.sizeBytes);
}

export interface DiskCheck {
  expected: number;
  onDisk: number;
  missing: number;
  /** Files on disk beyond one copy of each expected file (a file saved twice), or not from the data set at all. */
  extra: number;
  partial: number;
  manifest: boolean;
}

/** Compares the files under `folder` (the export's own folder) with the data set's downloadable files. */
export function checkOnDisk(folder: string, dataset: Dataset): DiskCheck {
  const wanted = new Map<string, number>();
  const ready = dataset.zoomMeetings.filter((meeting) => meeting.status === 'completed');
  for (const file of ready.flatMap(zoomFiles)) {
    const sha = expectedSha(file);
    wanted.set(sha, (wanted.get(sha) ?? 0) + 1);
  }
  const expected = [...wanted.values()].reduce((sum, n) => sum + n, 0);
  const all = filesWithSizes(folder);
  const partial = all.filter((file) => file.path.endsWith('.crdownload')).length;
  const saved = all.filter((file) => basename(file.path) !== MANIFEST && !file.path.endsWith('.crdownload'));
  let extra = 0;
  for (const file of saved) {
    const sha = createHash('sha256').update(readFileSync(file.path)).digest('hex');
    const left = wanted.get(sha) ?? 0;
    if (left > 0) wanted.set(sha, left - 1);
    else extra += 1;
  }
  const missing = [...wanted.values()].reduce((sum, n) => sum + n, 0);
  const manifest = all.some((file) => basename(file.path) === MANIFEST);
  return { expected, onDisk: saved.length, missing, extra, partial, manifest };
}
