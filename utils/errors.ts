// One place decides what went wrong, in terms a user understands, and whether trying again can help.
// The codes are stored in the history and turned into sentences only when shown, in the user's language.

export type ErrorCode =
  | 'session-expired'
  | 'processing'
  | 'not-media'
  | 'http'
  | 'network'
  | 'incomplete'
  | 'download-failed'
  | 'page-unreadable'
  | 'listing-failed'
  | 'bad-request'
  | 'cancelled'
  | 'unknown';

export interface ErrorInfo {
  code: ErrorCode;
  site?: string;
  /** Extra facts for the message: an HTTP status, byte counts, the browser's reason. Never secrets. */
  detail?: string;
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

/** Errors that will not go away by themselves: the user has to act (sign in, wait for processing, ...). */
export function isFinal(info: ErrorInfo): boolean {
  return !['network', 'incomplete'].includes(info.code) && !(info.code === 'http' && isRetryableStatus(info.detail));
}

function isRetryableStatus(status: string | undefined): boolean {
  const n = Number(status);
  return n === 408 || n === 429 || n >= 500;
}
