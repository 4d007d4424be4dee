// The bar's count of new files in the archived recordings of a selection, before the export starts: the worker
// lists their files through the platform (archive/new-files.ts). Only what was not counted yet is asked for, so
// ticking one more row lists at most that row; above MAX_RECORDINGS_CHECKED archived recordings nothing is
// listed (a whole account is not listed twice) and the bar says new files are found when the export starts.
import { browser } from 'wxt/browser';
import type { FileChoice } from '@/utils/file-choices';
import type { SiteId } from '@/utils/model';
import { type Command, type CommandReply, MAX_RECORDINGS_CHECKED } from '@/utils/protocol';
import { mostArchived, type NewFilesNote } from './archive-marks';
import type { BarAction, BarState } from './bar-state';
import type { Store } from './bar-store';

/** New files are counted for one destination and one choice of kinds of file. */
export function newFilesKey(destination: string, skipped: readonly FileChoice[]): string {
  return `${destination}|${[...skipped].sort().join(',')}`;
}

/** What the bar says of new files for the selection as it is now; nothing while the ledger has not answered. */
export function newFilesNote(state: BarState): NewFilesNote | undefined {
  const chosen = [...state.chosen.values()];
  if (!chosen.every((recording) => state.archiveAsked.has(recording.id))) return undefined;
  const most = mostArchived(chosen, state.archived);
  if (!most) return undefined;
  if (most.archived.length > MAX_RECORDINGS_CHECKED) return { state: 'later' };
  const { key, counts } = state.newFiles;
  if (key !== newFilesKey(most.place.destination, state.skippedFiles)) return { state: 'checking' };
  let count = 0;
  for (const recording of most.archived) {
    const counted = counts.get(recording.id);
    if (counted === undefined) return { state: 'checking' };
    if (counted === null) return { state: 'later' };
    count += counted;
  }
  return { state: 'counted', count };
}

interface CheckDeps {
  site: SiteId;
  origin: string;
  store: Store<BarState, BarAction>;
  /** The page's newest credentials to the worker first (Collaborate's token), as before an export. */
  handOver?(): Promise<void>;
}

/** Asks the worker whenever the selection holds archived recordings not counted yet; returns the unsubscribe. */
export function followNewFiles({ site, origin, store, handOver }: CheckDeps): () => void {
  const asking = new Set<string>();
  const check = () => {
    const state = store.get();
    if (newFilesNote(state)?.state !== 'checking') return;
    const most = mostArchived([...state.chosen.values()], state.archived);
    if (!most) return;
    const key = newFilesKey(most.place.destination, state.skippedFiles);
    const counts = key === state.newFiles.key ? state.newFiles.counts : new Map();
    const wanted = most.archived.filter(
      (recording) => !counts.has(recording.id) && !asking.has(`${key}|${recording.id}`),
    );
    if (wanted.length === 0) return;
    for (const recording of wanted) asking.add(`${key}|${recording.id}`);
    const command: Command = {
      type: 'new-files',
      site,
      origin,
      destination: most.place.destination,
      recordings: wanted,
      skippedFiles: [...state.skippedFiles],
    };
    const ids = wanted.map((recording) => recording.id);
    void (async () => {
      await handOver?.().catch(() => undefined);
      const reply = (await browser.runtime.sendMessage(command).catch(() => undefined)) as CommandReply | undefined;
      for (const id of ids) asking.delete(`${key}|${id}`);
      // The selection went to another destination or choice of files meanwhile: this answer is of no use now.
      const now = mostArchived([...store.get().chosen.values()], store.get().archived);
      if (!now || newFilesKey(now.place.destination, store.get().skippedFiles) !== key) return;
      const found = reply?.ok ? reply.newFiles : undefined;
      // No answer: these are left to the export to find, rather than "looking" for ever.
      store.dispatch({
        type: 'newFiles',
        key,
        counts: found?.byRecording ?? {},
        unlisted: found ? found.unlisted : ids,
      });
    })();
  };
  return store.subscribe(check);
}
