import { describe, expect, it } from 'vitest';
import { isRetryable, parseRetryAfter, pausesExport, stopsExport } from '@/utils/errors';
import { backoffMs, DEFAULT_RETRY } from '@/utils/export/retry';

describe('which errors are tried again', () => {
  it.each([
    [{ code: 'network' }, true],
    [{ code: 'incomplete' }, true],
    [{ code: 'http', detail: '500' }, true],
    [{ code: 'http', detail: '503' }, true],
    [{ code: 'http', detail: '429' }, true],
    [{ code: 'http', detail: '408' }, true],
    [{ code: 'http', detail: '404' }, false],
    [{ code: 'http', detail: '403' }, false],
    [{ code: 'session-expired' }, false],
    [{ code: 'processing' }, false],
    [{ code: 'not-media' }, false],
    [{ code: 'changed' }, false],
    [{ code: 'size-mismatch' }, false],
  ] as const)('%j -> %s', (info, expected) => {
    expect(isRetryable(info)).toBe(expected);
  });
});

describe('what happens to the whole export after the retries', () => {
  it.each([
    // Mendable by the user: the export waits for Resume, keeping its place (S3: its part ledgers).
    [{ code: 'session-expired' }, 'pause'],
    [{ code: 's3-unreachable' }, 'pause'],
    // The same for every file: the export stops.
    [{ code: 's3-keys' }, 'stop'],
    [{ code: 's3-bucket' }, 'stop'],
    [{ code: 's3-denied' }, 'stop'],
    // One file's trouble: that file fails, the rest go on.
    [{ code: 'http', detail: '404' }, 'file'],
    [{ code: 'network' }, 'file'],
    [{ code: 's3-server' }, 'file'],
  ] as const)('%j -> %s', (info, expected) => {
    expect(pausesExport(info) ? 'pause' : stopsExport(info) ? 'stop' : 'file').toBe(expected);
  });
});

describe('waiting before the next try', () => {
  it('doubles, with jitter between half and all of the step', () => {
    expect(backoffMs(1, DEFAULT_RETRY, undefined, () => 0)).toBe(500);
    expect(backoffMs(1, DEFAULT_RETRY, undefined, () => 1)).toBe(1000);
    expect(backoffMs(3, DEFAULT_RETRY, undefined, () => 1)).toBe(4000);
  });

  it('never waits longer than the cap', () => {
    expect(backoffMs(30, DEFAULT_RETRY, undefined, () => 1)).toBe(DEFAULT_RETRY.maxMs);
  });

  it('waits at least as long as the server asked', () => {
    expect(backoffMs(1, DEFAULT_RETRY, { code: 'http', detail: '429', retryAfterMs: 7000 }, () => 0)).toBe(7000);
  });

  it('reads Retry-After in seconds and as a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:05 GMT', Date.parse('Sat, 21 Nov 2026 10:00:00 GMT'))).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('S3 answers', () => {
  it('sorts them by what the user must fix, and retries only the server’s own trouble', async () => {
    const { s3ErrorInfo } = await import('@/utils/s3/s3-error');
    const answer = (name: string, status?: number) => ({ name, $metadata: { httpStatusCode: status } });
    expect(s3ErrorInfo(answer('InvalidAccessKeyId', 403), 'PutObject')).toEqual({
      code: 's3-keys',
      detail: 'InvalidAccessKeyId',
    });
    expect(s3ErrorInfo(answer('InvalidToken', 400), 'UploadPart').code).toBe('s3-keys');
    expect(s3ErrorInfo(answer('NoSuchBucket', 404), 'PutObject').code).toBe('s3-bucket');
    expect(s3ErrorInfo(answer('AuthorizationHeaderMalformed', 400), 'PutObject').code).toBe('s3-region');
    expect(s3ErrorInfo(answer('AccessDenied', 403), 'DeleteObject')).toEqual({
      code: 's3-denied',
      detail: 'DeleteObject',
    });
    expect(s3ErrorInfo(answer('SlowDown', 503), 'UploadPart').code).toBe('s3-server');
    expect(s3ErrorInfo(answer('InternalError', 500), 'UploadPart').code).toBe('s3-server');
    expect(s3ErrorInfo(new TypeError('Failed to fetch'), 'PutObject').code).toBe('s3-unreachable');
    expect(isRetryable(s3ErrorInfo(answer('SlowDown', 503), 'UploadPart'))).toBe(true);
    expect(isRetryable(s3ErrorInfo(answer('AccessDenied', 403), 'UploadPart'))).toBe(false);
    expect(isRetryable(s3ErrorInfo(answer('InvalidAccessKeyId', 403), 'UploadPart'))).toBe(false);
  });
});
