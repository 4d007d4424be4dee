// What a ZIP volume holds besides the recordings, written after its last file: the manifest of this volume, and
// in the last volume the metadata log a platform's own copy writes. Both speak for the saved ZIP.
import { db, type ExportFile, type ExportJob } from '../db';
import type { SiteAdapter } from '../sites/site';
import { jobRecordings } from './jobs';
import { MANIFEST_NAME, manifestCsv } from './manifest';
import { exportMetadataLog } from './metadata-log';
import { NO_VOLUME } from './plan';

/** A volume's files in the order they go into it. */
export function volumeFiles(jobId: number, volume: number): Promise<ExportFile[]> {
  return db.files.where('[jobId+volume]').equals([jobId, volume]).sortBy('id');
}

/** The manifest, and the metadata log when this is the last volume of an export whose platform writes one. */
export async function* volumeRecords(job: ExportJob, volume: number, adapter: SiteAdapter) {
  const files = await volumeFiles(job.id, volume);
  yield {
    name: MANIFEST_NAME,
    lastModified: new Date(),
    input: manifestCsv(asSaved([...(await unlistedFailures(job.id, volume)), ...files])),
  };
  if (adapter.logInEveryExport && volume === job.volumes.length - 1) {
    const all = await db.files.where('jobId').equals(job.id).sortBy('id');
    const log = exportMetadataLog(job, await jobRecordings(job.id), asSaved(all), adapter);
    yield { name: log.name, lastModified: new Date(), input: log.csv };
  }
}

/**
 * The files as they will stand once this volume is saved: the manifest and log inside it speak for the saved
 * ZIP, where the files written into it are there.
 */
function asSaved(files: ExportFile[]): ExportFile[] {
  return files.map((file) => (file.state === 'written' ? { ...file, state: 'done' } : file));
}

/** Recordings whose files could not even be listed belong to no volume; the first volume's manifest lists them. */
async function unlistedFailures(jobId: number, volume: number): Promise<ExportFile[]> {
  if (volume !== 0) return [];
  return db.files.where('[jobId+volume]').equals([jobId, NO_VOLUME]).toArray();
}
