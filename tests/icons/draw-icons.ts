// Reclaim's icon, drawn from a few shapes at each size the browsers and stores ask for (16, 32: toolbar; 48, 128:
// the extensions page and the store), so nothing is borrowed artwork and every size is sharp. `npm run icons`
// writes them to public/icon/, where WXT finds them; tests/unit/icons.test.ts checks the files are what this draws.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../utils/export/crc32.ts';

export const ICON_SIZES = [16, 32, 48, 128] as const;

type Rgba = [number, number, number, number];
/** A shape as a test of one point, in a square of side 1 whose (0, 0) is the top left corner. */
type Shape = (x: number, y: number) => boolean;

// A deep teal: not Zoom's blue nor Collaborate's purple, so the toolbar button is never taken for theirs.
const TOP: Rgba = [13, 148, 136, 255];
const BOTTOM: Rgba = [15, 94, 89, 255];
const WHITE: Rgba = [255, 255, 255, 255];

function roundedSquare(inset: number, radius: number): Shape {
  return (x, y) => {
    const dx = Math.max(inset + radius - x, 0, x - (1 - inset - radius));
    const dy = Math.max(inset + radius - y, 0, y - (1 - inset - radius));
    return dx * dx + dy * dy <= radius * radius && x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset;
  };
}

function box(left: number, top: number, right: number, bottom: number): Shape {
  return (x, y) => x >= left && x <= right && y >= top && y <= bottom;
}

/** The arrow's head: a triangle pointing down, its base at `top`. */
function headDown(left: number, right: number, top: number, tip: number): Shape {
  const middle = (left + right) / 2;
  const half = (right - left) / 2;
  return (x, y) => y >= top && y <= tip && Math.abs(x - middle) <= half * ((tip - y) / (tip - top));
}

// An arrow coming down into an open tray: the recordings coming home. Bold enough to read at 16 pixels.
const BACKGROUND = roundedSquare(0.03, 0.2);
const MARK: Shape[] = [
  box(0.42, 0.16, 0.58, 0.46),
  headDown(0.22, 0.78, 0.42, 0.68),
  box(0.18, 0.74, 0.82, 0.86),
  box(0.18, 0.56, 0.31, 0.86),
  box(0.69, 0.56, 0.82, 0.86),
];

function colourAt(x: number, y: number): Rgba | null {
  if (!BACKGROUND(x, y)) return null;
  if (MARK.some((shape) => shape(x, y))) return WHITE;
  return TOP.map((top, i) => Math.round(top + ((BOTTOM[i] as number) - top) * y)) as Rgba;
}

/** RGBA pixels, row by row; each pixel the average of 8 × 8 samples, so edges are smooth at every size. */
export function drawIcon(size: number): Uint8Array {
  const SAMPLES = 8;
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (!colour) continue;
          // Premultiplied, so a half-covered edge pixel keeps its colour and only loses opacity.
          for (let c = 0; c < 3; c++) sum[c] = (sum[c] as number) + (colour[c] as number) * (colour[3] / 255);
          sum[3] = (sum[3] as number) + colour[3];
        }
      }
      const alpha = (sum[3] as number) / (SAMPLES * SAMPLES);
      const at = (py * size + px) * 4;
      for (let c = 0; c < 3; c++)
        pixels[at + c] = alpha ? Math.round(((sum[c] as number) / (SAMPLES * SAMPLES)) * (255 / alpha)) : 0;
      pixels[at + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, tail]);
}

/** A PNG file of RGBA pixels (8 bits per channel, no filter: these files are tiny). */
export function encodePng(size: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rows.set(pixels.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

export const iconPath = (size: number) => resolve(import.meta.dirname, '..', '..', 'public', 'icon', `${size}.png`);

if (process.argv[1] === import.meta.filename) {
  for (const size of ICON_SIZES) {
    writeFileSync(iconPath(size), encodePng(size, drawIcon(size)));
    console.log(`public/icon/${size}.png`);
  }
}
