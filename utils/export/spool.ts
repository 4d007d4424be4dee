// The ZIP volume being written, kept piece by piece in the extension's private file system (OPFS) until the volume
// is saved. Chrome cannot continue the download of a volume whose worker was stopped (its resume of an extension
// address never reaches the worker), so the volume is written again from its first file: what the spool holds is
// read from here instead of from the platform, which may have deleted the recording meanwhile.
//
// Each piece is a file of its own, written and closed before its bytes go into the archive (a writable commits on
// close only): a piece on disk is whole, and every byte already in the archive is in the spool.
import { formatSize } from '../format';
import { t } from '../i18n';
import { PART_BYTES } from './ranged-fetch';

/** A piece is a ranged part (ranged-fetch.ts), so a file taken up again goes on at a part's first byte. */
export const PIECE_BYTES = PART_BYTES;

const ROOT = 'reclaim-spool';
// In a volume's folder: `<file>-<start>-<size>` a piece, `<file>-<start>-<size>-end` the file's last one (maybe
// empty), and `<file>.json` the version of a file of several pieces. One flat folder, listed once per volume: a
// small file costs one write, not a folder and three. The size is in the name because a file is there, empty, from
// the moment it is created: a worker stopped before the piece's writable closed leaves that empty file behind.
const PIECE_NAME = /^(\d+)-(\d+)-(\d+)(-end)?$/;
const VERSION_NAME = /^(\d+)\.json$/;

/** The few calls of a file system the spool makes: OPFS in the browser, a map in the unit tests. */
export interface SpoolDisk {
  /** Writes a whole file; it is there, whole, once this resolves, and not at all before. */
  write(path: string[], data: Uint8Array): Promise<void>;
  read(path: string[]): Promise<Blob | undefined>;
  /** The entries of a folder (files with their sizes), none when there is no such folder. */
  list(path: string[]): Promise<Array<{ name: string; size: number }>>;
  /** Removes a file or a folder with all it holds; nothing when there is none. */
  remove(path: string[]): Promise<void>;
  /** Bytes the extension may still store here, when the browser says (its quota follows the disk's free space). */
  room?(): Promise<number | undefined>;
}

/** What a file's first answer said: the version its bytes belong to, so a file that changed is not stitched. */
export interface FileVersion {
  validator?: string;
  length?: number;
}

/** What the spool holds of one file: its pieces from byte 0 on, without a gap. */
export interface KeptFile extends FileVersion {
  pieces: Array<{ start: number; size: number; name: string }>;
  bytes: number;
  /** Every byte of the file is here. */
  complete: boolean;
}

const NOTHING: KeptFile = { pieces: [], bytes: 0, complete: false };

interface Entry {
  name: string;
  size: number;
}

/** The spool of one volume. Any failure of the disk turns it off: the export goes on unspooled, as it did before. */
export class VolumeSpool {
  private off = false;
  // The volume's folder as it was when this volume began, by file: read once, not once a file.
  private found: Promise<Map<number, Entry[]>> | undefined;

  constructor(
    private readonly jobId: number,
    private readonly volume: number,
    private readonly disk: SpoolDisk,
    /** Told of the first failure (to write it in the export's history). */
    private readonly failed: (error: unknown) => void | Promise<void>,
    /** Bytes per piece (the tests' are small). */
    readonly pieceBytes = PIECE_BYTES,
  ) {}

  private path(name?: string): string[] {
    const folder = [ROOT, String(this.jobId), String(this.volume)];
    return name === undefined ? folder : [...folder, name];
  }

  private async turnOff(error: unknown): Promise<void> {
    if (this.off) return;
    this.off = true;
    await Promise.resolve(this.failed(error)).catch(() => undefined);
  }

  /**
   * Spools the volume only if the disk has room for it twice over: the copy and the download it is a copy of. A
   * spool that took the space the ZIP itself needs would turn a rare refetch into a failed download.
   */
  async makeRoomFor(volumeBytes: number): Promise<void> {
    const room = await this.disk.room?.().catch(() => undefined);
    if (room === undefined || room >= 2 * volumeBytes) return;
    await this.turnOff(new Error(t('spoolRoom', formatSize(room), formatSize(2 * volumeBytes))));
  }

  private entries(fileId: number): Promise<Entry[]> {
    this.found ??= this.disk.list(this.path()).then((entries) => {
      const byFile = new Map<number, Entry[]>();
      for (const entry of entries) {
        const id = Number((PIECE_NAME.exec(entry.name) ?? VERSION_NAME.exec(entry.name))?.[1] ?? Number.NaN);
        if (!Number.isNaN(id)) byFile.set(id, [...(byFile.get(id) ?? []), entry]);
      }
      return byFile;
    });
    return this.found.then((byFile) => byFile.get(fileId) ?? []);
  }

  /** What is kept of a file that can be taken up again: only a file whose length was known, or one kept whole. */
  async kept(fileId: number): Promise<KeptFile> {
    try {
      const entries = await this.entries(fileId);
      const pieces = new Map<number, KeptFile['pieces'][number] & { last: boolean }>();
      for (const { name, size } of entries) {
        const match = PIECE_NAME.exec(name);
        // A piece whose writable never closed is not there.
        if (!match || Number(match[3]) !== size) continue;
        pieces.set(Number(match[2]), { start: Number(match[2]), size, name, last: match[4] !== undefined });
      }
      const kept: KeptFile['pieces'] = [];
      let bytes = 0;
      let complete = false;
      for (let piece = pieces.get(0); piece; piece = pieces.get(bytes)) {
        if (piece.size > 0) kept.push(piece);
        bytes += piece.size;
        if (piece.last) {
          complete = true;
          break;
        }
        if (piece.size === 0) break;
      }
      if (complete) return { pieces: kept, bytes, complete, length: bytes };
      const version = entries.some((entry) => entry.name === `${fileId}.json`)
        ? (JSON.parse(await ((await this.disk.read(this.path(`${fileId}.json`))) as Blob).text()) as FileVersion)
        : undefined;
      if (version?.length === undefined || bytes === 0) return NOTHING;
      return { validator: version.validator, length: version.length, pieces: kept, bytes, complete: false };
    } catch {
      // A spool that cannot be read is no spool: the file comes from the platform.
      return NOTHING;
    }
  }

  /** A piece of a file, read back. */
  async piece(name: string): Promise<Uint8Array> {
    const blob = await this.disk.read(this.path(name));
    if (!blob) throw new Error(`spooled piece ${name} missing`);
    return new Uint8Array(await blob.arrayBuffer());
  }

  /**
   * A file starts from its first byte: whatever was kept of it goes, and the version it is read in is noted when
   * it may take several pieces (a file of one piece is kept whole or not at all).
   */
  async begin(fileId: number, version: FileVersion): Promise<void> {
    if (this.off) return;
    try {
      await this.drop(fileId);
      if (version.length === undefined || version.length > this.pieceBytes) {
        await this.disk.write(this.path(`${fileId}.json`), new TextEncoder().encode(JSON.stringify(version)));
      }
    } catch (error) {
      await this.turnOff(error);
    }
  }

  /** Keeps a piece (`last`: the file's end, maybe empty); true when it is on disk. */
  async keep(fileId: number, start: number, piece: Uint8Array, last: boolean): Promise<boolean> {
    if (this.off) return false;
    try {
      await this.disk.write(this.path(`${fileId}-${start}-${piece.byteLength}${last ? '-end' : ''}`), piece);
      return true;
    } catch (error) {
      await this.turnOff(error);
      return false;
    }
  }

  /** What was kept of a file when the volume began goes (it starts again from byte 0). */
  async drop(fileId: number): Promise<void> {
    for (const { name } of await this.entries(fileId)) await this.disk.remove(this.path(name));
    (await this.found)?.delete(fileId);
  }

  get spooling(): boolean {
    return !this.off;
  }
}

/** A saved volume's spool goes. */
export async function dropVolumeSpool(jobId: number, volume: number, disk = opfsDisk): Promise<void> {
  await disk.remove([ROOT, String(jobId), String(volume)]).catch(() => undefined);
}

/** An export that ended (completed, failed, cancelled) or was deleted: its whole spool goes. */
export async function dropJobSpool(jobId: number, disk = opfsDisk): Promise<void> {
  await disk.remove([ROOT, String(jobId)]).catch(() => undefined);
}

/** The spools of every export but these (the ones that may still go on) go: left by a worker that ended. */
export async function dropSpoolsBut(jobIds: number[], disk = opfsDisk): Promise<void> {
  const keep = new Set(jobIds.map(String));
  try {
    for (const { name } of await disk.list([ROOT])) if (!keep.has(name)) await disk.remove([ROOT, name]);
  } catch {
    // Nothing to sweep, or no file system at all.
  }
}

type Folder = FileSystemDirectoryHandle;

// Folders found or made, by path: every step down is a round trip to the browser, and a volume's pieces all go
// to one folder. Forgotten when a folder is removed.
const folders = new Map<string, Folder>();

async function folderAt(path: string[], create: boolean): Promise<Folder | undefined> {
  const known = folders.get(path.join('/'));
  if (known) return known;
  let folder: Folder = await navigator.storage.getDirectory();
  for (const name of path) {
    try {
      folder = await folder.getDirectoryHandle(name, { create });
    } catch (error) {
      if (!create && error instanceof DOMException && error.name === 'NotFoundError') return undefined;
      throw error;
    }
  }
  folders.set(path.join('/'), folder);
  return folder;
}

const notFound = (error: unknown) =>
  error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError');

/** The extension's origin-private file system: in Chrome's service worker and Firefox's background page alike. */
export const opfsDisk: SpoolDisk = {
  async write(path, data) {
    const folder = (await folderAt(path.slice(0, -1), true)) as Folder;
    const handle = await folder.getFileHandle(path[path.length - 1] as string, { create: true });
    const writable = await handle.createWritable();
    try {
      // One call with the whole piece: no Blob in between (a copy through the browser's blob store).
      await writable.write(data as Uint8Array<ArrayBuffer>);
      await writable.close();
    } catch (error) {
      await writable.abort().catch(() => undefined);
      throw error;
    }
  },
  async read(path) {
    const folder = await folderAt(path.slice(0, -1), false);
    try {
      return await (await folder?.getFileHandle(path[path.length - 1] as string))?.getFile();
    } catch (error) {
      if (notFound(error)) return undefined;
      throw error;
    }
  },
  async list(path) {
    const folder = await folderAt(path, false);
    if (!folder) return [];
    const entries: Array<{ name: string; size: number }> = [];
    const all = (folder as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries();
    for await (const [name, handle] of all) {
      const size = handle.kind === 'file' ? (await (handle as FileSystemFileHandle).getFile()).size : 0;
      entries.push({ name, size });
    }
    return entries;
  },
  async room() {
    const { quota, usage } = await navigator.storage.estimate();
    return quota === undefined ? undefined : Math.max(0, quota - (usage ?? 0));
  },
  async remove(path) {
    const at = path.join('/');
    for (const known of [...folders.keys()]) if (known === at || known.startsWith(`${at}/`)) folders.delete(known);
    const folder = await folderAt(path.slice(0, -1), false);
    try {
      await folder?.removeEntry(path[path.length - 1] as string, { recursive: true });
    } catch (error) {
      if (!notFound(error)) throw error;
    }
  },
};
