// Chrome, folder mode: a media host that wants a page of its platform as Referer (Zoom's may, SITES.md "Files")
// refuses the browser's download manager, which no declarativeNetRequest rule reaches; the worker's own requests do
// get the Referer. Such an export's files come through Reclaim instead: the worker answers an extension address of
// the file with the stream it opened and checked itself (continued with Range when cut, sized, never a page), and
// a frame in the offscreen document makes the browser save it (TOOLCHAIN.md, "Saving a stream").
import { browser } from 'wxt/browser';
import type { ExportFile, ExportJob } from '../db';
import { type ErrorInfo, ExportError, toErrorInfo } from '../errors';
import { updateFile, updateJob } from './jobs';
import { type RelayRef, relayOfUrl, relayUrl } from './relay-address';
import { startSavingUrl } from './save-zip-chrome';
import type { OpenedFile } from './source';

// The opened files waiting for the browser to ask for their address: handed over once, so the platform is asked once.
const handedOver = new Map<number, OpenedFile>();
// The files whose bytes this worker is sending now, and those whose download the browser cancelled while this
// worker sent it. Chrome reports a stream that died with a stopped worker as USER_CANCELED too: only a file the
// browser cancelled while it was being sent was cancelled by the user.
const sending = new Set<number>();
const cancelledBySaver = new Set<number>();
// Why a file's stream broke, for the download's end to settle with the real reason (an ended session pauses).
const broke = new Map<number, ErrorInfo>();
// Each relayed address waits for its download to be made (or for the worker to answer that there is none).
const waiting = new Map<string, (downloadId: number | undefined) => void>();

/** A stalled frame must not hold the export: after this long without a download, the file is tried again. */
const NO_DOWNLOAD_MS = 60_000;

/**
 * Chrome: a download the platform refused (403) although Reclaim's own request for the same file was let in (Zoom's
 * media host wanting a Referer) means the browser cannot fetch this platform's files by itself: from now on the
 * export's files come through Reclaim. The file waits again, its try not counted.
 */
export async function relayFromNowOn(job: ExportJob, file: ExportFile, reason?: string): Promise<boolean> {
  if (import.meta.env.FIREFOX || reason !== 'SERVER_FORBIDDEN' || relayOfUrl(file.downloadUrl)) return false;
  await updateJob(job.id, { relayFiles: true });
  await updateFile(file.id, { state: 'queued', downloadId: undefined, downloadUrl: undefined });
  if (file.downloadId !== undefined) await browser.downloads.erase({ id: file.downloadId }).catch(() => undefined);
  return true;
}

/** Saves a file Reclaim opened (and checked) through the worker; the browser's download of it is the file's. */
export async function saveRelayed(job: ExportJob, file: ExportFile, opened: OpenedFile): Promise<void> {
  const ref = { jobId: job.id, fileId: file.id };
  await updateFile(file.id, { downloadUrl: relayUrl(ref), expectedBytes: opened.length });
  const downloadId = await startRelayedDownload(ref, opened);
  if (downloadId === undefined) throw new ExportError({ code: 'download-failed', detail: 'no download' });
  await updateFile(file.id, { downloadId });
}

/**
 * A relayed download that was interrupted: the browser cannot continue it (its resume never reaches the worker),
 * so the file starts again, for the reason its stream broke. Null when it was the user's cancel: the browser
 * cancelled the stream while this worker was still sending it (a stopped worker's stream ends with no cancel).
 */
export function relayedBreak(file: ExportFile, reason?: string): ExportError | null {
  const cancelled = cancelledBySaver.delete(file.id);
  if (reason === 'USER_CANCELED' && cancelled) return null;
  const why = broke.get(file.id) ?? { code: 'network' as const, detail: reason ?? 'interrupted' };
  broke.delete(file.id);
  return new ExportError(why);
}

/** Hands a file Reclaim opened to the browser; the download's id, or undefined when the browser made none. */
async function startRelayedDownload(ref: RelayRef, opened: OpenedFile): Promise<number | undefined> {
  const url = relayUrl(ref);
  handedOver.set(ref.fileId, opened);
  broke.delete(ref.fileId);
  const made = new Promise<number | undefined>((resolve) => {
    const timer = setTimeout(() => settleWaiting(url, undefined), NO_DOWNLOAD_MS);
    waiting.set(url, (id) => {
      clearTimeout(timer);
      resolve(id);
    });
  });
  await startSavingUrl(url);
  const downloadId = await made;
  if (downloadId === undefined) await dropHandedOver(ref.fileId);
  return downloadId;
}

function settleWaiting(url: string, downloadId: number | undefined): void {
  const resolve = waiting.get(url);
  waiting.delete(url);
  resolve?.(downloadId);
}

/** The browser made the download of a relayed address (downloads.onCreated). */
export function relayDownloadCreated(url: string, downloadId: number): void {
  settleWaiting(url, downloadId);
}

async function dropHandedOver(fileId: number): Promise<void> {
  const opened = handedOver.get(fileId);
  handedOver.delete(fileId);
  await opened?.body.cancel().catch(() => undefined);
}

/** The worker's answer to a relayed address: the opened file's bytes, or 204 (nothing saved) when none waits. */
export function relayResponse(ref: RelayRef, url: string): Response {
  const opened = handedOver.get(ref.fileId);
  handedOver.delete(ref.fileId);
  if (!opened) {
    // Asked again by no one of ours (a frame reloaded, a worker that was stopped meanwhile): nothing to save.
    settleWaiting(url, undefined);
    return new Response(null, { status: 204 });
  }
  sending.add(ref.fileId);
  const reader = opened.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          sending.delete(ref.fileId);
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        sending.delete(ref.fileId);
        broke.set(ref.fileId, toErrorInfo(error));
        controller.error(error);
      }
    },
    async cancel(reason) {
      // A stopped worker's stream ends with no cancel here at all.
      if (sending.delete(ref.fileId)) cancelledBySaver.add(ref.fileId);
      await reader.cancel(reason).catch(() => undefined);
    },
  });
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
  if (opened.length !== undefined) headers['Content-Length'] = String(opened.length);
  return new Response(body, { headers });
}
