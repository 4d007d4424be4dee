// One place decides what went wrong, in terms a user understands, and whether trying again can help.
// The codes are stored in the history and turned into sentences only when shown, in the user's language.

export type ErrorCode =
  | 'session-expired'
  /** The platform refuses this one recording to anyone without its public link (Collaborate's 403). */
  | 'not-shared'
  | 'processing'
  | 'not-media'
  /** The platform pointed at an address that is not its own (or not https): never fetched. */
  | 'off-platform'
  | 'http'
  | 'network'
  | 'incomplete'
  | 'size-mismatch'
  | 'changed'
  | 'download-failed'
  | 'page-unreadable'
  | 'listing-failed'
  | 'bad-request'
  | 'cancelled'
  | 's3-keys'
  /** Temporary keys that ran out: the copy waits for fresh ones in the destination. */
  | 's3-keys-expired'
  /** A multipart upload S3 no longer knows: the file's upload starts again. */
  | 's3-upload-gone'
  /** S3 received other bytes than were sent (their CRC-32 differs): sent again, and failing the file if it stays so. */
  | 's3-bad-digest'
  /** Any other refusal of a request, final. */
  | 's3-refused'
  | 's3-bucket'
  | 's3-region'
  | 's3-denied'
  | 's3-unreachable'
  | 's3-server'
  | 's3-no-destination'
  | 'unknown';

export interface ErrorInfo {
  code: ErrorCode;
  site?: string;
  /** Extra facts for the message: an HTTP status, byte counts, the browser's reason. Never secrets. */
  detail?: string;
  /** How long the server asked us to wait before trying again (429/503 with Retry-After). */
  retryAfterMs?: number;
}

export class ExportError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(`${info.code}${info.detail ? `: ${info.detail}` : ''}`);
    this.name = 'ExportError';
    this.info = info;
  }
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof ExportError) return error.info;
  if (error instanceof TypeError) return { code: 'network', detail: error.message };
  if (error instanceof DOMException && error.name === 'AbortError') return { code: 'cancelled' };
  return { code: 'unknown', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * The one place that decides whether trying again can help: a broken connection, a body cut short, a server
 * that is busy or briefly failing. Everything else (404, 403, an expired session, a recording still processing,
 * a web page where a file should be) is final for that file.
 */
export function isRetryable(info: ErrorInfo): boolean {
  if (['network', 'incomplete', 's3-server', 's3-unreachable', 's3-bad-digest'].includes(info.code)) return true;
  if (info.code !== 'http') return false;
  const status = Number(info.detail);
  return status === 408 || status === 429 || status >= 500;
}

/**
 * An ended session stops every file alike, but the user can mend it (sign in again, reload the page): the export
 * pauses with the reason, the file goes back to the queue, and Resume carries on where it stopped. So does an S3
 * address that stays out of reach after the retries (a network gone for a while), and temporary S3 keys that ran
 * out: failing would lose the copy's place, and starting again would mean a new copy and every file sent again.
 */
export function pausesExport(error: ErrorInfo): boolean {
  return ['session-expired', 's3-unreachable', 's3-keys-expired'].includes(error.code);
}

/** Errors that stop the whole export instead of failing one file: no other file would fare better. */
export function stopsExport(error: ErrorInfo): boolean {
  return STOPS_EXPORT.includes(error.code);
}

// A refused key, bucket, region or address is refused for every file alike.
const STOPS_EXPORT: ErrorCode[] = [
  'session-expired',
  'cancelled',
  's3-keys',
  's3-keys-expired',
  's3-bucket',
  's3-region',
  's3-denied',
  's3-unreachable',
  's3-no-destination',
];

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function httpError(response: Response, site?: string): ExportError {
  return new ExportError({
    code: 'http',
    site,
    detail: String(response.status),
    retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
  });
}
