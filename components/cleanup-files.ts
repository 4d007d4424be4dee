// What the bar's cleanup entries (BarCleanup.tsx) write: CSV files for the selection, or everything the page's
// search matches when nothing is ticked, saved by the browser like the other lists.
import { exportName } from '@/utils/export/naming';
import { shareLinksCsv } from '@/utils/export/share-links-csv';
import { t } from '@/utils/i18n';
import type { Recording } from '@/utils/model';
import type { RecordingPageSource } from '@/utils/sites/site';
import type { CleanupActions } from './BarCleanup';
import { errorText } from './bar-host';
import { saveCsvFile } from './list-csv';

export function cleanupActions(options: {
  source: RecordingPageSource;
  siteName: string;
  pageUrl(): string;
  chosen(): Recording[];
  /** Where the links that start downloads are put for a moment (the bar's shadow root). */
  place: ParentNode & Node;
  say(status: string): void;
}): CleanupActions {
  const { source, pageUrl, chosen, place, say } = options;

  async function chosenOrAllMatching(): Promise<Recording[]> {
    const ticked = chosen();
    return ticked.length > 0 ? ticked : ((await source.loadAllMatching?.(pageUrl())) ?? []);
  }

  async function saveShareLinks(): Promise<void> {
    say(t('csvPreparing'));
    try {
      const recordings = await chosenOrAllMatching();
      const shares = (await source.shareLinks?.(pageUrl(), recordings)) ?? [];
      const name = `${exportName(options.siteName, new Date())} share links.csv`;
      saveCsvFile(shareLinksCsv(recordings, shares), name, place);
      say(t('csvSaved', name));
    } catch (error) {
      say(t('statusFailed', errorText(error, t('errorListingFailed'))));
    }
  }

  return { onShareLinks: source.shareLinks ? () => void saveShareLinks() : undefined };
}
