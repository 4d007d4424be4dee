// Asking the platform for one recording file, try after try: its current address (on the platform only), the
// answer's headers within the idle time, the adapter's checks, and whether a refused answer means the session
// ended. openSource (source.ts) reads the body and continues it when cut; the tries it spends are counted here,
// across the whole file, so a file that keeps breaking still ends.
import { type ErrorInfo, ExportError, isRetryable, toErrorInfo } from '../errors';
import type { FileRequest } from '../sites/site';
import { stall } from './answers';
import { backoffMs, type RetryPolicy } from './retry';
import type { SourceFile, SourceOptions } from './source';

/** How the requests of one file are made: the source's options with their defaults filled in. */
export interface RequestSettings {
  /** The source's signal, and the one that stops a body its reader cancelled. */
  signal: AbortSignal;
  policy: RetryPolicy;
  fetch: typeof fetch;
  wait: (ms: number, signal: AbortSignal) => Promise<void>;
  idleMs: number;
}

export class FileRequests {
  /** Tries so far, the first included; source.ts gives them back to a body that brought bytes before it broke. */
  tries = 0;
  // Every try after the first, for the history: tries given back do not make it forget the ones before.
  private retried = 0;
  target: FileRequest | undefined;
  // Whether the address in use was asked of the platform for this very request (not kept from an earlier one).
  private freshTarget = false;
  // Aborts the answer being read when it stalls (its headers or its body): a break like any other, not a stop.
  stalled = new AbortController();

  constructor(
    private readonly file: SourceFile,
    private readonly options: SourceOptions,
    private readonly settings: RequestSettings,
  ) {
    this.target = options.address;
  }

  tellRetry(info: ErrorInfo): void | Promise<void> {
    this.retried += 1;
    return this.options.onRetry?.(this.retried, info);
  }

  private offPlatform(url: string): void {
    const { options } = this;
    if (!options.onPlatform || options.onPlatform(url)) return;
    let host = url;
    try {
      host = new URL(url).host;
    } catch {
      // Not even an address: said as it came.
    }
    throw new ExportError({ code: 'off-platform', site: options.site, detail: host });
  }

  private async request(start: number, validator?: string, end?: number): Promise<Response> {
    const { options } = this;
    const { check } = options;
    const { signal, idleMs, fetch: fetchImpl } = this.settings;
    // A signed link may have expired meanwhile: every try after a failure asks for the address again.
    this.freshTarget = this.target === undefined;
    this.target ??= options.request ? await options.request() : { url: this.file.url };
    this.offPlatform(this.target.url);
    const headers: Record<string, string> = {};
    if (start > 0 || end !== undefined) {
      headers.Range = `bytes=${start}-${end === undefined ? '' : end - 1}`;
      if (validator) headers['If-Range'] = validator;
    }
    let response: Response;
    this.stalled = new AbortController();
    const answer = this.stalled;
    const timer = setTimeout(() => answer.abort(stall()), idleMs);
    try {
      // no-store: recordings are read once; the browser's cache would only fill its disk and could answer for
      // the platform (a stale file, or none of the faults a test sets up).
      response = await fetchImpl(this.target.url, {
        credentials: 'include',
        signal: AbortSignal.any([signal, answer.signal]),
        headers,
        redirect: 'follow',
        cache: 'no-store',
      });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new ExportError({ code: 'network', detail: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
    try {
      // Redirects are followed by the browser: where they ended is checked before a byte is read.
      if (response.url) this.offPlatform(response.url);
      await check(response);
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      throw await this.sessionOr(error);
    }
    if (!response.body) throw new ExportError({ code: 'not-media', detail: 'empty body' });
    return response;
  }

  /** An answer that is not the file may be the platform's way of saying the session ended: it is asked. */
  async sessionOr(error: unknown): Promise<unknown> {
    const { options } = this;
    const { code } = toErrorInfo(error);
    if (code !== 'not-media' && code !== 'size-mismatch') return error;
    // Asked with the same patience as any answer: a question left unanswered is no sign-out.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unanswered = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.settings.idleMs);
    });
    const ended = options.sessionEnded && (await Promise.race([options.sessionEnded(), unanswered]));
    clearTimeout(timer);
    if (!ended) return error;
    return new ExportError({ code: 'session-expired', site: options.site });
  }

  /** Tries again while the error is worth it; the tries count across the whole file, resumes included. */
  async withRetries(start: number, validator?: string, end?: number): Promise<Response> {
    const { options } = this;
    const { signal, policy, wait } = this.settings;
    for (;;) {
      this.tries += 1;
      try {
        return await this.request(start, validator, end);
      } catch (error) {
        if (options.request) this.target = undefined;
        const info = toErrorInfo(error);
        // A signed link kept from earlier (a resume mid-file) may simply have expired: a fresh one is asked for
        // at once. Refused on a link asked for just now, the refusal is the platform's word.
        const expiredLink =
          options.request && !this.freshTarget && info.code === 'http' && ['403', '410'].includes(info.detail ?? '');
        if (expiredLink && !signal.aborted && this.tries < policy.attempts) continue;
        if (signal.aborted || !isRetryable(info) || this.tries >= policy.attempts) throw error;
        await this.tellRetry(info);
        await wait(backoffMs(this.tries, policy, info), signal);
      }
    }
  }
}
