// Serving a file the way S3 behind CloudFront does (Zoom's ssrweb, Collaborate's media links): validators,
// a single byte range (206), 416 past the end, If-Range, and a body streamed chunk by chunk.
import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import type { PortalFile } from './dataset.ts';
import { type Exchange, header, send, stream } from './http.ts';
import { mediaChunks } from './media.ts';

type RangeAsk = { start: number; end: number } | 'unsatisfiable' | undefined;

/**
 * A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range of a file of `size` bytes (end exclusive).
 * Several ranges or a malformed header are ignored (the whole file is sent), as RFC 9110 allows.
 */
export function parseRange(value: string | undefined, size: number): RangeAsk {
  const match = value ? /^bytes=(\d*)-(\d*)$/.exec(value.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(match[1]);
  const last = match[2] === '' ? Number.POSITIVE_INFINITY : Number(match[2]);
  if (last < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(size, last + 1) };
}

export function etagOf(file: PortalFile): string {
  return `"${createHash('md5').update(`${file.fileKey}:${file.sizeBytes}`).digest('hex')}"`;
}

export async function serveFile(ex: Exchange, file: PortalFile, disposition?: string): Promise<void> {
  const size = file.sizeBytes;
  const etag = etagOf(file);
  const lastModified = new Date(file.modifiedAt).toUTCString();
  const headers: OutgoingHttpHeaders = {
    'Content-Type': file.contentType,
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Last-Modified': lastModified,
    'Cache-Control': 'private, max-age=0',
    ...(disposition ? { 'Content-Disposition': disposition } : {}),
  };
  let range = parseRange(header(ex.req, 'range'), size);
  // If-Range: resume only when the file is still the one the client started with.
  const ifRange = header(ex.req, 'if-range');
  if (range && ifRange !== undefined && ifRange !== etag && ifRange !== lastModified) range = undefined;
  if (ex.fault?.ignoreRange) range = undefined;

  if (range === 'unsatisfiable') {
    return send(ex, 416, { ...headers, 'Content-Range': `bytes */${size}` });
  }
  const start = range ? range.start : 0;
  const end = range ? range.end : size;
  headers['Content-Length'] = end - start;
  if (range) headers['Content-Range'] = `bytes ${start}-${end - 1}/${size}`;
  const chunks = file.text ? [file.text.subarray(start, end)] : mediaChunks(file.fileKey, size, start, end);
  await stream(ex, range ? 206 : 200, headers, chunks);
}
