// The ZIP volume being written, kept piece by piece in the extension's private file system (OPFS) until the volume
// is saved. Chrome cannot continue the download of a volume whose worker was stopped (its resume of an extension
// address never reaches the worker), so the volume is written again from its first file: what the spool holds is
// read from here instead of from the platform, which may have deleted the recording meanwhile.
//
// Each piece is a file of its own, written and closed before its bytes go into the archive (a writable commits on
// close only): a piece on disk is whole, and every byte already in the archive is in the spool.
import { PART_BYTES } from './ranged-fetch';

/** A piece is a ranged part (ranged-fetch.ts), so a file taken up again goes on at a part's first byte. */
export const PIECE_BYTES = PART_BYTES;

const ROOT = 'reclaim-spool';
const ABOUT = 'about.json';

/** The few calls of a file system the spool makes: OPFS in the browser, a map in the unit tests. */
export interface SpoolDisk {
  /** Writes a whole file; it is there, whole, once this resolves, and not at all before. */
  write(path: string[], data: Uint8Array): Promise<void>;
  read(path: string[]): Promise<Blob | undefined>;
  /** The entries of a folder (files with their sizes), none when there is no such folder. */
  list(path: string[]): Promise<Array<{ name: string; size: number }>>;
  /** Removes a file or a folder with all it holds; nothing when there is none. */
  remove(path: string[]): Promise<void>;
}

/** What a file's first answer said: the version its bytes belong to, so a file that changed is not stitched. */
export interface FileVersion {
  validator?: string;
  length?: number;
}

/** What the spool holds of one file: its pieces from byte 0 on, without a gap. */
export interface KeptFile extends FileVersion {
  pieces: Array<{ start: number; size: number }>;
  bytes: number;
  /** Every byte of the file is here. */
  complete: boolean;
}

const NOTHING: KeptFile = { pieces: [], bytes: 0, complete: false };

/** The spool of one volume. Any failure of the disk turns it off: the export goes on unspooled, as it did before. */
export class VolumeSpool {
  private off = false;

  constructor(
    private readonly jobId: number,
    private readonly volume: number,
    private readonly disk: SpoolDisk,
    /** Told of the first failure (to write it in the export's history). */
    private readonly failed: (error: unknown) => void | Promise<void>,
    /** Bytes per piece (the tests' are small). */
    readonly pieceBytes = PIECE_BYTES,
  ) {}

  private folder(fileId: number): string[] {
    return [ROOT, String(this.jobId), String(this.volume), String(fileId)];
  }

  private async turnOff(error: unknown): Promise<void> {
    if (this.off) return;
    this.off = true;
    await Promise.resolve(this.failed(error)).catch(() => undefined);
  }

  /** What is kept of a file that can be taken up again: only a file whose length was known, or one kept whole. */
  async kept(fileId: number): Promise<KeptFile> {
    try {
      const entries = await this.disk.list(this.folder(fileId));
      const aboutBlob = entries.some((entry) => entry.name === ABOUT)
        ? await this.disk.read([...this.folder(fileId), ABOUT])
        : undefined;
      if (!aboutBlob) return NOTHING;
      const about = JSON.parse(await aboutBlob.text()) as FileVersion & { complete?: boolean };
      const sizes = new Map(entries.filter((entry) => /^\d+$/.test(entry.name)).map((e) => [Number(e.name), e.size]));
      const pieces: KeptFile['pieces'] = [];
      let bytes = 0;
      for (let size = sizes.get(0); size !== undefined; size = sizes.get(bytes)) {
        if (size === 0) break;
        pieces.push({ start: bytes, size });
        bytes += size;
      }
      const complete = about.complete === true || (about.length !== undefined && bytes === about.length);
      if (!complete && about.length === undefined) return NOTHING;
      return { validator: about.validator, length: complete ? bytes : about.length, pieces, bytes, complete };
    } catch {
      // A spool that cannot be read is no spool: the file comes from the platform.
      return NOTHING;
    }
  }

  /** A piece of a file, read back. */
  async piece(fileId: number, start: number): Promise<Uint8Array> {
    const blob = await this.disk.read([...this.folder(fileId), String(start)]);
    if (!blob) throw new Error(`spooled piece ${start} missing`);
    return new Uint8Array(await blob.arrayBuffer());
  }

  /** A file starts from its first byte: whatever was kept of it goes, and the version it is read in is noted. */
  async begin(fileId: number, version: FileVersion): Promise<void> {
    if (this.off) return;
    try {
      await this.disk.remove(this.folder(fileId));
      await this.writeAbout(fileId, { ...version, complete: false });
    } catch (error) {
      await this.turnOff(error);
    }
  }

  /** Keeps a piece; true when it is on disk (the caller may then let its bytes into the archive either way). */
  async keep(fileId: number, start: number, piece: Uint8Array): Promise<boolean> {
    if (this.off) return false;
    try {
      await this.disk.write([...this.folder(fileId), String(start)], piece);
      return true;
    } catch (error) {
      await this.turnOff(error);
      return false;
    }
  }

  /** Every byte of the file is kept (also when its length was not said). */
  async end(fileId: number, version: FileVersion, bytes: number): Promise<void> {
    if (this.off) return;
    try {
      await this.writeAbout(fileId, { validator: version.validator, length: bytes, complete: true });
    } catch (error) {
      await this.turnOff(error);
    }
  }

  async drop(fileId: number): Promise<void> {
    await this.disk.remove(this.folder(fileId)).catch(() => undefined);
  }

  get spooling(): boolean {
    return !this.off;
  }

  private writeAbout(fileId: number, about: FileVersion & { complete: boolean }): Promise<void> {
    return this.disk.write([...this.folder(fileId), ABOUT], new TextEncoder().encode(JSON.stringify(about)));
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

async function folderAt(path: string[], create: boolean): Promise<Folder | undefined> {
  let folder: Folder = await navigator.storage.getDirectory();
  for (const name of path) {
    try {
      folder = await folder.getDirectoryHandle(name, { create });
    } catch (error) {
      if (!create && error instanceof DOMException && error.name === 'NotFoundError') return undefined;
      throw error;
    }
  }
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
  async remove(path) {
    const folder = await folderAt(path.slice(0, -1), false);
    try {
      await folder?.removeEntry(path[path.length - 1] as string, { recursive: true });
    } catch (error) {
      if (!notFound(error)) throw error;
    }
  },
};
