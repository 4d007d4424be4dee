// The spool's disk in memory, for the unit tests (happy-dom has no origin-private file system): files by their
// path, written whole or not at all, and a switch that makes every write fail as a full disk does.
import type { SpoolDisk } from '@/utils/export/spool';

export function memoryDisk() {
  const files = new Map<string, Blob>();
  const key = (path: string[]) => path.join('/');
  const state: { full: boolean; writes: number; room?: number } = { full: false, writes: 0 };
  const disk: SpoolDisk = {
    async write(path, data) {
      if (state.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      state.writes += 1;
      files.set(key(path), new Blob([data.slice() as Uint8Array<ArrayBuffer>]));
    },
    async read(path) {
      return files.get(key(path));
    },
    async list(path) {
      const prefix = `${key(path)}/`;
      const names = new Map<string, number>();
      for (const [name, blob] of files) {
        if (!name.startsWith(prefix)) continue;
        const rest = name.slice(prefix.length);
        const first = rest.split('/')[0] as string;
        names.set(first, rest.includes('/') ? 0 : blob.size);
      }
      return [...names].map(([name, size]) => ({ name, size }));
    },
    async room() {
      return state.room;
    },
    async remove(path) {
      const at = key(path);
      for (const name of [...files.keys()]) if (name === at || name.startsWith(`${at}/`)) files.delete(name);
    },
  };
  return { disk, files, state };
}
