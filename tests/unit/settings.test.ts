import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings } from '@/utils/settings';

describe('settings', () => {
  it('defaults to three files at once and the platform’s 10 GB volumes', () => {
    expect(normaliseSettings(undefined)).toEqual({ concurrency: 3, volumeBytes: 10_000_000_000, partsInFlight: 4 });
    expect(DEFAULT_SETTINGS.volumeBytes).toBe(10_000_000_000);
  });

  it('keeps values in a range that works', () => {
    expect(normaliseSettings({ concurrency: 0, volumeBytes: 10, partsInFlight: 0 })).toEqual({
      concurrency: 1,
      volumeBytes: 1_000_000,
      partsInFlight: 1,
    });
    expect(normaliseSettings({ concurrency: 99, volumeBytes: 0, partsInFlight: 50 })).toEqual({
      concurrency: 8,
      volumeBytes: 0,
      partsInFlight: 8,
    });
    expect(normaliseSettings({ concurrency: 'x', volumeBytes: Number.NaN })).toEqual(DEFAULT_SETTINGS);
  });
});
