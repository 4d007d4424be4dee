// What the bar on a platform's page knows, and every way it changes, as one pure reducer (unit-tested in
// tests/unit/bar-state.test.ts). The page controller (recording-page.tsx) only turns events into actions.
import { describedExportName } from '@/utils/export/described-name';
import type { FileChoice } from '@/utils/file-choices';
import type { Recording } from '@/utils/model';
import type { ArchivedPlace, ArchivedRecording, JobSnapshot } from '@/utils/protocol';

export interface BarState {
  /** The ticked recordings, by id, kept across the list's pages and re-renders. */
  chosen: ReadonlyMap<string, Recording>;
  /** Set while the selection is exactly what "select all matching" found: how many that was. */
  allMatching?: number;
  /** The row last clicked, where a Shift-click's range starts. */
  anchor?: string;
  skippedFiles: readonly FileChoice[];
  status: string;
  /** Why the page cannot be used, shown instead of the controls. */
  problem?: string;
  /** An export of this page runs (or is starting), or a search for all matching recordings. */
  busy: boolean;
  /** The export this page follows, while it is queued, running or paused. */
  job?: { id: number; state: JobSnapshot['state'] };
  /** The export of this page whose failed files the history lists (while it runs and once it ended). */
  historyJob?: number;
  minimised: boolean;
  s3Chosen?: string;
  /** The export's name as the user edited it; empty: the suggested one. */
  exportName: string;
  /** Where the recordings the page knows are archived (archive ledger), by recording id. */
  archived: ReadonlyMap<string, readonly ArchivedPlace[]>;
  /** The recordings the ledger has answered for (archived or not). */
  archiveAsked: ReadonlySet<string>;
  /** Skip what is archived (on by default), and for S3 Check the bucket first. */
  skipArchived: boolean;
  checkBucket: boolean;
  /**
   * New files found by listing archived recordings again (archive/new-files.ts), for one destination and choice of
   * files (`key`): by recording id, a count, or null when its files could not be listed.
   */
  newFiles: { key: string; counts: ReadonlyMap<string, number | null> };
}

export type BarAction =
  /** The user ticked or unticked rows (ticks only take recordings that are ready). */
  | { type: 'tick'; recordings: Recording[]; chosen: boolean; anchor?: string }
  /** Everything a whole search found, processing ones included: the export lists those as skipped. */
  | { type: 'selectedMatching'; recordings: Recording[]; status: string }
  /** Newer facts from the platform's listing (size, status) for recordings already chosen. */
  | { type: 'listed'; recordings: Recording[] }
  | { type: 'clear' }
  | { type: 'say'; status: string; busy?: boolean }
  | { type: 'problem'; text: string }
  | { type: 'skippedFiles'; skipped: FileChoice[] }
  | { type: 'job'; job: JobSnapshot; status: string }
  | { type: 'chooseS3'; id?: string }
  | { type: 'minimise'; minimised: boolean }
  | { type: 'exportName'; name: string }
  /** The ledger's answer for these recordings (those not in it are archived nowhere). */
  | { type: 'archived'; ids: string[]; recordings: ArchivedRecording[] }
  | { type: 'archiveOptions'; skipArchived?: boolean; checkBucket?: boolean }
  /** The worker's count of new files for these recordings; another key than the one held starts afresh. */
  | { type: 'newFiles'; key: string; counts: Record<string, number>; unlisted: string[] }
  /** The ledger changed (an export of this page ended): what was counted against it is counted again. */
  | { type: 'newFilesStale' };

export const initialBarState: BarState = {
  chosen: new Map(),
  skippedFiles: [],
  status: '',
  busy: false,
  minimised: false,
  exportName: '',
  archived: new Map(),
  archiveAsked: new Set(),
  skipArchived: true,
  checkBucket: false,
  newFiles: { key: '', counts: new Map() },
};

const ACTIVE: ReadonlyArray<JobSnapshot['state']> = ['queued', 'running', 'paused'];

export function barReducer(state: BarState, action: BarAction): BarState {
  switch (action.type) {
    case 'tick': {
      const chosen = new Map(state.chosen);
      for (const recording of action.recordings) {
        if (action.chosen && recording.status === 'ready') chosen.set(recording.id, recording);
        else chosen.delete(recording.id);
      }
      // Unticking one of a whole search leaves a selection of single rows, no longer "all matching".
      // Its sentence ("All 37 … are selected") goes with it.
      const ended = !action.chosen && state.allMatching !== undefined;
      return {
        ...state,
        chosen,
        allMatching: ended ? undefined : state.allMatching,
        status: ended ? '' : state.status,
        anchor: action.anchor ?? state.anchor,
      };
    }
    case 'selectedMatching': {
      const chosen = new Map(action.recordings.map((recording) => [recording.id, recording] as const));
      return { ...state, chosen, allMatching: chosen.size, busy: false, status: action.status };
    }
    case 'listed': {
      let chosen: Map<string, Recording> | undefined;
      for (const recording of action.recordings) {
        const before = state.chosen.get(recording.id);
        if (!before) continue;
        chosen ??= new Map(state.chosen);
        // One found by a whole search stays even while processing; a ticked one never becomes one.
        if (recording.status === 'ready' || before.status !== 'ready') chosen.set(recording.id, recording);
        else chosen.delete(recording.id);
      }
      return chosen ? { ...state, chosen } : state;
    }
    case 'clear':
      return { ...state, chosen: new Map(), allMatching: undefined, status: state.allMatching ? '' : state.status };
    case 'say':
      return { ...state, status: action.status, busy: action.busy ?? state.busy };
    case 'problem':
      return { ...state, problem: action.text };
    case 'skippedFiles':
      return { ...state, skippedFiles: action.skipped };
    case 'job': {
      const { job } = action;
      const active = ACTIVE.includes(job.state);
      return {
        ...state,
        status: action.status,
        busy: job.state === 'queued' || job.state === 'running',
        job: active ? { id: job.id, state: job.state } : undefined,
        historyJob: job.filesFailed > 0 ? job.id : undefined,
        // A finished export's name was this one's: the next export gets a new suggestion.
        exportName: active ? state.exportName : '',
      };
    }
    case 'chooseS3':
      return { ...state, s3Chosen: action.id };
    case 'minimise':
      return { ...state, minimised: action.minimised };
    case 'exportName':
      return { ...state, exportName: action.name };
    case 'archived': {
      const archived = new Map(state.archived);
      for (const id of action.ids) archived.delete(id);
      for (const recording of action.recordings) archived.set(recording.id, recording.places);
      return { ...state, archived, archiveAsked: new Set([...state.archiveAsked, ...action.ids]) };
    }
    case 'newFiles': {
      const counts = new Map(action.key === state.newFiles.key ? state.newFiles.counts : []);
      for (const [id, count] of Object.entries(action.counts)) counts.set(id, count);
      for (const id of action.unlisted) counts.set(id, null);
      return { ...state, newFiles: { key: action.key, counts } };
    }
    case 'newFilesStale':
      return { ...state, newFiles: { key: '', counts: new Map() } };
    case 'archiveOptions':
      return {
        ...state,
        skipArchived: action.skipArchived ?? state.skipArchived,
        checkBucket: action.checkBucket ?? state.checkBucket,
      };
  }
}

export interface SelectionSummary {
  count: number;
  totalBytes: number;
  /** Some kinds of file are left out: the size shown is what the recordings hold at most. */
  sizeAtMost: boolean;
  /** Chosen recordings still processing: the export lists them as skipped. */
  processing: number;
  /** How many of the platform's kinds of file are included, of how many. */
  filesIncluded: { included: number; of: number };
  /** "All N matching" while the selection is still exactly the whole search. */
  allMatching?: number;
}

/** What the bar says about the selection, always true to it (issue 16, point 3). */
export function selectionSummary(state: BarState, fileChoices: readonly FileChoice[]): SelectionSummary {
  let totalBytes = 0;
  let processing = 0;
  for (const recording of state.chosen.values()) {
    if (recording.status !== 'ready') processing += 1;
    else totalBytes += recording.sizeBytes ?? 0;
  }
  const included = fileChoices.filter((choice) => !state.skippedFiles.includes(choice)).length;
  return {
    count: state.chosen.size,
    totalBytes,
    sizeAtMost: included < fileChoices.length,
    processing,
    filesIncluded: { included, of: fileChoices.length },
    allMatching: state.allMatching,
  };
}

export type PageSelection = 'all' | 'some' | 'none';

/** The page's "select this page" box: how many of the page's ready rows are ticked. */
export function pageSelection(state: BarState, shown: Recording[]): PageSelection {
  const ready = shown.filter((recording) => recording.status === 'ready');
  const chosen = ready.filter((recording) => state.chosen.has(recording.id)).length;
  return chosen === 0 ? 'none' : chosen === ready.length ? 'all' : 'some';
}

/**
 * The export's name unless the user edits it, from what was selected: "Zoom · search ‘Biology’ · 37 recordings ·
 * 2026-12-06", or the one recording's title (utils/export/described-name.ts).
 */
export function suggestedExportName(
  site: string,
  search: string,
  chosen: ReadonlyMap<string, Recording>,
  now = new Date(),
): string {
  const [only] = chosen.values();
  return describedExportName(site, { search, count: chosen.size, title: only?.title }, now);
}
