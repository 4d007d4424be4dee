// Firefox: its background page turns the ZIP stream into a Blob (Firefox keeps large blobs on disk) and
// hands a blob URL to the download manager; the URL is revoked once the download is over (ARCHITECTURE.md).
import { browser } from 'wxt/browser';
import { getJob, updateJob } from './jobs';
import { openZipStream } from './zip-stream';

const blobUrls = new Map<number, string>();

export async function saveZipWithBlob(jobId: number, signal: AbortSignal): Promise<void> {
  const job = await getJob(jobId);
  const stream = await openZipStream(jobId, signal);
  if (!job || !stream) return;
  const blob = await new Response(stream).blob();
  const url = URL.createObjectURL(blob);
  const downloadId = await browser.downloads.download({ url, filename: `${job.name}.zip`, conflictAction: 'uniquify' });
  blobUrls.set(downloadId, url);
  await updateJob(jobId, { downloadId });
}

export function releaseBlob(downloadId: number): void {
  const url = blobUrls.get(downloadId);
  if (url) URL.revokeObjectURL(url);
  blobUrls.delete(downloadId);
}
