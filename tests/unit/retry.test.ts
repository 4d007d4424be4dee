import { describe, expect, it } from 'vitest';
import { isRetryable, parseRetryAfter } from '@/utils/errors';
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
