import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings } from '@/utils/settings';

describe('settings', () => {
  it('defaults to three files at once and the platform’s 10 GB volumes', () => {
    expect(normaliseSettings(undefined)).toEqual({
      concurrency: 3,
      volumeBytes: 10_000_000_000,
      partsInFlight: 4,
      // ZIP: four connections to the platform, a big file fetched in ranges over them.
      connections: 4,
      nameTemplate: '{date} {time} {topic} ({meeting id})/{kind}{view}.{ext}',
      skippedFiles: [],
      // Links and transient data of finished exports: three months.
      keepLinksDays: 90,
      // Notifications not offered yet.
      notifyAsked: false,
      // Deleting from Collaborate is opt-in.
      deleteVerifiedCollaborate: false,
    });
    expect(normaliseSettings({ deleteVerifiedCollaborate: 'yes' }).deleteVerifiedCollaborate).toBe(false);
    expect(normaliseSettings({ keepLinksDays: 0 }).keepLinksDays).toBe(1);
    expect(DEFAULT_SETTINGS.volumeBytes).toBe(10_000_000_000);
  });

  it('keeps values in a range that works', () => {
    expect(normaliseSettings({ concurrency: 0, volumeBytes: 10, partsInFlight: 0 })).toMatchObject({
      concurrency: 1,
      volumeBytes: 1_000_000,
      partsInFlight: 1,
    });
    expect(normaliseSettings({ concurrency: 99, volumeBytes: 0, partsInFlight: 50 })).toMatchObject({
      concurrency: 8,
      volumeBytes: 0,
      partsInFlight: 8,
    });
    expect(normaliseSettings({ concurrency: 'x', volumeBytes: Number.NaN })).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps a usable name template and known file choices only', () => {
    expect(normaliseSettings({ nameTemplate: '{topic}/{kind}.{ext}' }).nameTemplate).toBe('{topic}/{kind}.{ext}');
    expect(normaliseSettings({ nameTemplate: '{topic}/{oops}' }).nameTemplate).toBe(DEFAULT_SETTINGS.nameTemplate);
    expect(normaliseSettings({ nameTemplate: `{topic}/${'x'.repeat(400)}{ext}` }).nameTemplate).toBe(
      DEFAULT_SETTINGS.nameTemplate,
    );
    expect(normaliseSettings({ skippedFiles: ['chat', 'chat', 'video:gallery', 'evil', 3] }).skippedFiles).toEqual([
      'chat',
      'video:gallery',
    ]);
  });
});
