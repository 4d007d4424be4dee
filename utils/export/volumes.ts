// Splitting a ZIP export into volumes, each a complete ZIP no bigger than the user's limit. Decided once when
// the export is planned, from the sizes the platform announced, so every volume can be named "part k of N".

export interface VolumeFile {
  /** Announced size in bytes, if known. */
  sizeBytes?: number;
  sizeExact?: boolean;
  path: string;
}

// What a file we know nothing about is taken to weigh: chat logs and captions are small.
const UNKNOWN_SIZE = 1024 * 1024;
// ZIP records around each entry (local header, data descriptor, central directory, Zip64 extras) plus its name.
const ENTRY_OVERHEAD = 200;
// The manifest CSV that closes every volume.
const MANIFEST_ALLOWANCE = 64 * 1024;

/** The largest a file could be: rounded megabytes may hide up to 1% or 64 KiB more. */
function worstCase(file: VolumeFile): number {
  const size = file.sizeBytes ?? UNKNOWN_SIZE;
  const slack = file.sizeExact ? 0 : Math.max(64 * 1024, size * 0.01);
  return size + slack + ENTRY_OVERHEAD + 2 * new TextEncoder().encode(file.path).length;
}

/**
 * The volume of each file, in order (0-based), filling volumes one after the other. A file larger than the
 * limit gets a volume of its own. `maxBytes` 0 means one volume.
 */
export function assignVolumes(files: VolumeFile[], maxBytes: number): number[] {
  if (maxBytes <= 0) return files.map(() => 0);
  const room = maxBytes - MANIFEST_ALLOWANCE;
  let volume = 0;
  let used = 0;
  return files.map((file) => {
    const size = worstCase(file);
    if (used > 0 && used + size > room) {
      volume += 1;
      used = 0;
    }
    used += size;
    return volume;
  });
}

/** `Zoom recordings 2026-11-21.zip`, or `... part 2 of 3.zip` when there are several. */
export function volumeFileName(exportName: string, index: number, count: number): string {
  return count > 1 ? `${exportName} part ${index + 1} of ${count}.zip` : `${exportName}.zip`;
}
