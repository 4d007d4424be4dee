import { describe, expect, it } from 'vitest';
import { assignVolumes, volumeFileName } from '@/utils/export/volumes';

const MB = 1_000_000;
const file = (sizeBytes: number | undefined, sizeExact = true) => ({ sizeBytes, sizeExact, path: 'a/video.mp4' });

describe('ZIP volumes', () => {
  it('puts everything in one volume when there is no limit', () => {
    expect(assignVolumes([file(5e9), file(7e9)], 0)).toEqual([0, 0]);
  });

  it('fills volumes in order without passing the limit', () => {
    const files = Array.from({ length: 12 }, () => file(10 * MB));
    const volumes = assignVolumes(files, 50 * MB);
    expect(volumes).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('gives a file larger than the limit a volume of its own', () => {
    expect(assignVolumes([file(1 * MB), file(80 * MB), file(1 * MB)], 50 * MB)).toEqual([0, 1, 2]);
  });

  it('leaves room for sizes the platform rounded', () => {
    // Five files of "exactly" 9.9 MB fit in 50 MB; announced in rounded megabytes, they might not.
    expect(
      assignVolumes(
        Array.from({ length: 5 }, () => file(9.9 * MB)),
        50 * MB,
      ),
    ).toEqual([0, 0, 0, 0, 0]);
    expect(
      new Set(
        assignVolumes(
          Array.from({ length: 5 }, () => file(9.9 * MB, false)),
          50 * MB,
        ),
      ).size,
    ).toBe(2);
  });

  it('counts a file of unknown size as a small one', () => {
    expect(
      assignVolumes(
        Array.from({ length: 30 }, () => file(undefined)),
        50 * MB,
      ),
    ).toEqual(Array(30).fill(0));
  });

  it('names volumes "part k of N" only when there are several', () => {
    expect(volumeFileName('Zoom recordings 2026-11-21', 0, 1)).toBe('Zoom recordings 2026-11-21.zip');
    expect(volumeFileName('Zoom recordings 2026-11-21', 1, 3)).toBe('Zoom recordings 2026-11-21 part 2 of 3.zip');
  });
});
