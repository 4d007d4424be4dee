// Firefox: its background page turns the ZIP stream into a Blob (Firefox keeps large blobs on disk) and
// hands a blob URL to the download manager; the URL is revoked once the download is over (ARCHITECTURE.md).
import { browser } from 'wxt/browser';

const blobUrls = new Map<number, string>();

export async function saveStreamAsBlob(stream: ReadableStream<Uint8Array>, filename: string): Promise<number> {
  const blob = await new Response(stream).blob();
  const url = URL.createObjectURL(blob);
  const downloadId = await browser.downloads.download({ url, filename, conflictAction: 'uniquify' });
  blobUrls.set(downloadId, url);
  return downloadId;
}

export function releaseBlob(downloadId: number): void {
  const url = blobUrls.get(downloadId);
  if (url) URL.revokeObjectURL(url);
  blobUrls.delete(downloadId);
}
