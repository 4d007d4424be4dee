// The bar as a component: reads the page's store (bar-state.ts) with a hook and gives BulkBar what it shows.
import type { FileChoice } from '@/utils/file-choices';
import type { Recording } from '@/utils/model';
import type { DestinationName } from '@/utils/s3/destination';
import { archiveSummary } from './archive-marks';
import { BulkBar, type BulkBarActions } from './BulkBar';
import { type BarAction, type BarState, pageSelection, selectionSummary, suggestedExportName } from './bar-state';
import { type Store, useStore } from './bar-store';
import { newFilesNote } from './new-files-check';

export interface PageBarProps {
  store: Store<BarState, BarAction>;
  single: boolean;
  /** The recordings of the rows the page shows now. */
  shownRecordings(): Recording[];
  canSelectMatching: boolean;
  fileChoices: readonly FileChoice[];
  s3Destinations(): DestinationName[];
  notifyOffer(): { onSettings(): void; onDismiss(): void } | undefined;
  canListFiles: boolean;
  /** The platform's name and the page's search, for the export's suggested name. */
  siteName: string;
  search(): string;
  actions: Omit<BulkBarActions, 'onMinimise' | 'onExportName' | 'onArchiveOptions'>;
  /** The user has S3 destinations: Check the bucket can be offered. */
  hasS3(): boolean;
}

export function PageBar(props: PageBarProps) {
  const state = useStore(props.store);
  const summary = selectionSummary(state, props.fileChoices);
  const newFiles = newFilesNote(state);
  const archived = archiveSummary([...state.chosen.values()], state.archived, newFiles);
  return (
    <BulkBar
      single={props.single}
      summary={summary}
      page={props.single ? 'none' : pageSelection(state, props.shownRecordings())}
      status={state.status}
      problem={state.problem}
      busy={state.busy}
      job={state.job?.state}
      historyJob={state.historyJob}
      minimised={state.minimised}
      canSelectMatching={props.canSelectMatching}
      fileChoices={props.fileChoices}
      skippedFiles={state.skippedFiles}
      s3Destinations={props.s3Destinations()}
      s3Chosen={state.s3Chosen}
      notifyOffer={props.notifyOffer()}
      canListFiles={props.canListFiles}
      exportName={state.exportName}
      suggestedName={suggestedExportName(props.siteName, props.search(), state.chosen)}
      onExportName={(name) => props.store.dispatch({ type: 'exportName', name })}
      archive={
        archived
          ? {
              summary: archived,
              newFiles: newFiles?.state,
              skip: state.skipArchived,
              checkBucket: state.checkBucket,
              canCheckBucket: props.hasS3(),
            }
          : undefined
      }
      archiveKnown={[...state.chosen.keys()].every((id) => state.archiveAsked.has(id))}
      onArchiveOptions={(options) => props.store.dispatch({ type: 'archiveOptions', ...options })}
      {...props.actions}
      onMinimise={(minimised) => props.store.dispatch({ type: 'minimise', minimised })}
    />
  );
}
