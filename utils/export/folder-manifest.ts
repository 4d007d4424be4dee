// Folder mode's last files: the metadata log (where the platform's own copy writes one) and the manifest, whose
// complete download ends the export.
import { db, type ExportJob } from '../db';
import { adapterFor } from '../sites/registry';
import { download, folderPath, generatedUrl } from './folder-downloads';
import { failJob, finishJob, getJob, jobRecordings, updateJob } from './jobs';
import { MANIFEST_NAME, manifestCsv } from './manifest';
import { exportMetadataLog } from './metadata-log';
import { oneAtATime } from './one-at-a-time';

/** The manifest is a generated file saved like the others; the export is done when it is. */
export async function saveManifest(job: ExportJob): Promise<void> {
  const files = await db.files.where('jobId').equals(job.id).sortBy('id');
  // The platform's own copy writes a metadata log: it goes in before the manifest, whose end ends the export.
  const adapter = adapterFor(job.site);
  if (adapter?.logInEveryExport) {
    const log = exportMetadataLog(job, await jobRecordings(job.id), files, adapter);
    await download(generatedUrl(log.csv, 'text/csv'), folderPath(job, log.name));
  }
  const manifestDownloadId = await download(
    generatedUrl(manifestCsv(files), 'text/csv'),
    folderPath(job, MANIFEST_NAME),
  );
  await updateJob(job.id, { manifestDownloadId });
}

export async function manifestDownloadEnded(job: ExportJob, complete: boolean, reason?: string): Promise<void> {
  await oneAtATime(job.id, async () => {
    const current = await getJob(job.id);
    if (current?.state !== 'running') return;
    if (complete) await finishJob(job.id);
    else await failJob(job.id, { code: 'download-failed', detail: reason ?? 'manifest' });
  });
}
