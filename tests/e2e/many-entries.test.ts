// More than 65,535 entries: a ZIP needs Zip64 records for that many. The same archive stream the extension uses
// writes it here; independent readers must see every entry.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { makeArchive } from '../../utils/export/archive.ts';
import { unzipTest } from './zip-readers.ts';

const COUNT = 70_000;

describe('a ZIP with more entries than plain ZIP allows', () => {
  it('holds 70,000 entries that unzip and Python both read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reclaim-many-'));
    const path = join(dir, 'many.zip');
    try {
      async function* entries() {
        for (let i = 0; i < COUNT; i++) {
          yield {
            name: `recording ${Math.floor(i / 100)}/chat ${i}.txt`,
            lastModified: new Date(2026, 0, 1),
            input: `line ${i}\n`,
          };
        }
      }
      const zip = makeArchive(entries());
      await pipeline(Readable.fromWeb(zip as import('node:stream/web').ReadableStream), createWriteStream(path));
      expect(unzipTest(path).ok).toBe(true);
      const count = execFileSync(
        'python3',
        [
          '-c',
          'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(len(z.infolist()), z.read(z.infolist()[-1]).decode())',
          path,
        ],
        { encoding: 'utf8' },
      );
      expect(count.trim()).toBe(`${COUNT} line ${COUNT - 1}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
