// The icon files in public/icon/ are what tests/icons/draw-icons.ts draws (`npm run icons`), at the sizes the
// manifest names: nobody edits one by hand and leaves the others behind.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, encodePng, ICON_SIZES, iconPath } from '../icons/draw-icons.ts';

describe('the icons', () => {
  it.each(ICON_SIZES)('public/icon/%i.png is the drawn icon, a square PNG of that size', (size) => {
    const file = readFileSync(iconPath(size));
    expect(file.equals(encodePng(size, drawIcon(size)))).toBe(true);
    expect(file.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([file.readUInt32BE(16), file.readUInt32BE(20)]).toEqual([size, size]);
  });

  it('is opaque inside, transparent at the corners, with a white mark in the middle', () => {
    const size = 128;
    const idat = readFileSync(iconPath(size));
    // IHDR is 25 bytes after the 8-byte signature; the one IDAT chunk follows.
    const length = idat.readUInt32BE(33);
    const rows = inflateSync(idat.subarray(41, 41 + length));
    const pixel = (x: number, y: number) => [...rows.subarray(y * (size * 4 + 1) + 1 + x * 4).subarray(0, 4)];
    expect(pixel(0, 0)[3]).toBe(0);
    expect(pixel(10, 64)[3]).toBe(255);
    expect(pixel(64, 40)).toEqual([255, 255, 255, 255]);
  });
});
