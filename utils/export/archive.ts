// client-zip streams ZIPs of any size and writes Zip64 records for big files and offsets, but not for an
// archive of more than 65,535 entries that is otherwise small: its end record then says 65,535 and readers that
// trust it (unzip, 7-Zip) stop there. We count the entries and, when needed, add the two Zip64 records before
// the end record ourselves (APPNOTE 4.3.14 and 4.3.15).
import { makeZip } from 'client-zip';

type Entry = Parameters<typeof makeZip>[0] extends AsyncIterable<infer T> | Iterable<infer T> ? T : never;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const MAX_16 = 0xffff;

/** A ZIP of `entries`, correct for any number of entries. */
export function makeArchive(entries: AsyncIterable<Entry>): ReadableStream<Uint8Array> {
  let count = 0;
  async function* counted() {
    for await (const entry of entries) {
      count += 1;
      yield entry;
    }
  }
  return makeZip(counted()).pipeThrough(zip64ForManyEntries(() => count));
}

function zip64ForManyEntries(entryCount: () => number): TransformStream<Uint8Array, Uint8Array> {
  // One chunk is held back: client-zip writes its end record as the last chunk of its own.
  let held: Uint8Array | undefined;
  let zip64Written = false;
  return new TransformStream({
    transform(chunk, controller) {
      if (held) controller.enqueue(held);
      if (held && held.byteLength >= 4 && view(held).getUint32(0, true) === ZIP64_END) zip64Written = true;
      held = chunk;
    },
    flush(controller) {
      if (!held) return;
      const end = view(held);
      const isEnd = held.byteLength === 22 && end.getUint32(0, true) === END_OF_CENTRAL_DIRECTORY;
      const count = entryCount();
      if (isEnd && !zip64Written && count >= MAX_16) {
        const directorySize = end.getUint32(12, true);
        const directoryOffset = end.getUint32(16, true);
        controller.enqueue(zip64Records(count, directorySize, directoryOffset));
      }
      controller.enqueue(held);
    },
  });
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function zip64Records(count: number, directorySize: number, directoryOffset: number): Uint8Array {
  const bytes = new Uint8Array(56 + 20);
  const out = view(bytes);
  out.setUint32(0, ZIP64_END, true);
  out.setBigUint64(4, 44n, true); // size of the rest of this record
  out.setUint16(12, 45, true); // made by: version 4.5
  out.setUint16(14, 45, true); // needed: version 4.5 (Zip64)
  out.setBigUint64(24, BigInt(count), true); // entries on this disk
  out.setBigUint64(32, BigInt(count), true); // entries in all
  out.setBigUint64(40, BigInt(directorySize), true);
  out.setBigUint64(48, BigInt(directoryOffset), true);
  out.setUint32(56, ZIP64_LOCATOR, true);
  out.setBigUint64(64, BigInt(directoryOffset + directorySize), true); // where the Zip64 end record starts
  out.setUint32(72, 1, true); // disks in all
  return bytes;
}
