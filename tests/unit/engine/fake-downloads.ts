// The browser's download manager as the engine sees it (downloads.download/search/pause/resume/cancel/…), kept in
// memory, and driven by the test: a download stays in progress until the test ends it as the browser would.
import { fakeBrowser } from 'wxt/testing/fake-browser';

export interface FakeDownload {
  id: number;
  url: string;
  filename: string;
  state: 'in_progress' | 'interrupted' | 'complete';
  paused: boolean;
  mime: string;
  fileSize: number;
  bytesReceived: number;
  canResume: boolean;
  error?: string;
  removed: boolean;
  resumes: number;
}

export function fakeDownloads() {
  const items = new Map<number, FakeDownload>();
  let nextId = 1;
  const api = {
    async download(options: { url: string; filename?: string }) {
      const id = nextId++;
      items.set(id, {
        id,
        url: options.url,
        filename: options.filename ?? '',
        state: 'in_progress',
        paused: false,
        mime: '',
        fileSize: -1,
        bytesReceived: 0,
        canResume: false,
        removed: false,
        resumes: 0,
      });
      return id;
    },
    async search(query: { id?: number; url?: string }) {
      return [...items.values()].filter(
        (item) =>
          (query.id === undefined || item.id === query.id) && (query.url === undefined || item.url === query.url),
      );
    },
    async pause(id: number) {
      const item = items.get(id);
      if (item) item.paused = true;
    },
    async resume(id: number) {
      const item = items.get(id);
      if (!item) return;
      item.paused = false;
      item.resumes += 1;
      if (item.state === 'interrupted') item.state = 'in_progress';
    },
    async cancel(id: number) {
      const item = items.get(id);
      if (item && item.state !== 'complete') Object.assign(item, { state: 'interrupted', error: 'USER_CANCELED' });
    },
    async removeFile(id: number) {
      const item = items.get(id);
      if (item) item.removed = true;
    },
    async erase(query: { id?: number }) {
      if (query.id !== undefined) items.delete(query.id);
      return [];
    },
  };
  Object.assign(fakeBrowser.downloads, api);
  return {
    items,
    /** The browser saved the answer: `mime` and the bytes it wrote, as its download item then says. */
    complete(id: number, answer: { mime: string; bytes: number }) {
      const item = items.get(id);
      if (!item) throw new Error(`no download ${id}`);
      Object.assign(item, {
        state: 'complete',
        mime: answer.mime,
        fileSize: answer.bytes,
        bytesReceived: answer.bytes,
      });
      return item;
    },
    interrupt(id: number, error: string, canResume: boolean) {
      const item = items.get(id);
      if (!item) throw new Error(`no download ${id}`);
      Object.assign(item, { state: 'interrupted', error, canResume });
      return item;
    },
  };
}
