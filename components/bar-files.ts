// What the bar writes and reads as files: the platform's recording report and the CSV lists, for the selection
// (or everything the page's search matches when nothing is ticked), and a report brought back after editing.
import { t } from '@/utils/i18n';
import type { Recording } from '@/utils/model';
import { getSettings } from '@/utils/settings';
import { adapterFor } from '@/utils/sites/registry';
import type { RecordingPageSource } from '@/utils/sites/site';
import { errorText } from './bar-host';
import { saveCsvFile, saveListCsv } from './list-csv';

export interface BarFiles {
  /** Recordings chosen from a report keep the report's row (the user's own columns) for the metadata log. */
  fromReport(id: string): boolean;
  exportReport(): Promise<void>;
  /** The recordings of a report the user confirmed become the selection, exported like any other. */
  useReport(recordings: Recording[]): void;
  saveCsv(what: 'recordings' | 'files'): Promise<void>;
}

export function barFiles(options: {
  source: RecordingPageSource;
  /** The page's address (the search that "everything matching" means). */
  pageUrl(): string;
  /** The ticked recordings. */
  chosen(): Recording[];
  /** Makes these the selection; says how many it took. */
  select(recordings: Recording[]): number;
  /** Where the links that start downloads are put for a moment (the bar's shadow root). */
  place: ParentNode & Node;
  /** Shows a sentence in the bar. */
  say(status: string): void;
}): BarFiles {
  const { source, pageUrl, chosen, select, place, say } = options;
  const reported = new Set<string>();
  const failed = (error: unknown) => say(t('statusFailed', errorText(error, t('errorListingFailed'))));

  async function chosenOrAllMatching(): Promise<Recording[]> {
    const ticked = chosen();
    return ticked.length > 0 ? ticked : ((await source.loadAllMatching?.(pageUrl())) ?? []);
  }

  return {
    fromReport: (id) => reported.has(id),

    async exportReport() {
      try {
        const recordings = await chosenOrAllMatching();
        const report = source.report?.(recordings);
        if (!report) return;
        saveCsvFile(report.csv, report.name, place);
        say(t('statusReportSaved', recordings.length));
      } catch (error) {
        failed(error);
      }
    },

    useReport(recordings) {
      reported.clear();
      for (const recording of recordings) reported.add(recording.id);
      say(t('statusReportSelected', select(recordings)));
    },

    async saveCsv(what) {
      say(t('csvPreparing'));
      try {
        const name = await saveListCsv({
          source,
          pageUrl: pageUrl(),
          recordings: await chosenOrAllMatching(),
          what,
          settings: await getSettings(),
          siteName: adapterFor(source.site)?.displayName ?? source.site,
          place,
        });
        say(t('csvSaved', name));
      } catch (error) {
        failed(error);
      }
    },
  };
}
