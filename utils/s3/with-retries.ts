// One S3 request, tried again while S3 is busy or failing; errors.ts decides which answers those are.
import { ExportError, isRetryable } from '../errors';
import { backoffMs, DEFAULT_RETRY, sleep } from '../export/retry';
import type { UploadOptions } from './multipart';
import { s3ErrorInfo } from './s3-error';

/** Sends one S3 request, again while S3 says it is busy or failing (500, 503, SlowDown), never on a refusal. */
export async function withRetries<T>(
  action: string,
  options: Pick<UploadOptions, 'policy' | 'signal' | 'onRetry'>,
  send: (abort: { abortSignal: AbortSignal }) => Promise<T>,
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY;
  for (let attempt = 1; ; attempt++) {
    options.signal.throwIfAborted();
    try {
      return await send({ abortSignal: options.signal });
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason;
      const info = s3ErrorInfo(error, action);
      if (!isRetryable(info) || attempt >= policy.attempts) throw new ExportError(info);
      await options.onRetry?.(attempt, info);
      await sleep(backoffMs(attempt, policy, info), options.signal);
    }
  }
}
