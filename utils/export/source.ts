// Fetching one recording file with the user's session, refusing anything that is not the file itself.
import type { ExportFile } from '../db';
import { ExportError } from '../errors';
import type { SiteAdapter } from '../sites/site';

export interface OpenedFile {
  body: ReadableStream<Uint8Array>;
  /** The exact size the server announced, when it did. */
  length?: number;
}

export async function openFile(file: ExportFile, adapter: SiteAdapter, signal: AbortSignal): Promise<OpenedFile> {
  const response = await fetch(file.url, { credentials: 'include', signal, redirect: 'follow' });
  await adapter.checkFileResponse(response, { id: String(file.id), kind: file.kind, ext: '', url: file.url });
  if (!response.body) throw new ExportError({ code: 'not-media', detail: 'empty body' });
  const header = response.headers.get('Content-Length');
  const length = header === null ? undefined : Number(header);
  return { body: response.body, length: Number.isFinite(length) ? length : undefined };
}

/**
 * Passes a file's bytes through, counting them; a body that ends before the announced length is an error,
 * never a shorter file.
 */
export function countBytes(
  opened: OpenedFile,
  onBytes: (count: number) => void,
  onEnd: (total: number) => void,
): ReadableStream<Uint8Array> {
  let total = 0;
  return opened.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        onBytes(chunk.byteLength);
        controller.enqueue(chunk);
      },
      flush() {
        if (opened.length !== undefined && total !== opened.length) {
          throw new ExportError({ code: 'incomplete', detail: `${total}/${opened.length}` });
        }
        onEnd(total);
      },
    }),
  );
}
