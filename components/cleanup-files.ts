// What the bar's cleanup entries (BarCleanup.tsx) do: CSV files for the selection (or everything the page's search
// matches when nothing is ticked), saved by the browser like the other lists, and the opt-in deletion of the
// recordings verified in a destination. Which recordings are archived and verified the background decides.
import { browser } from 'wxt/browser';
import type { DeletionOutcome } from '@/utils/archive/delete-verified';
import type { Verification } from '@/utils/archive/verified';
import { archivedListCsv } from '@/utils/export/archived-list-csv';
import { exportName } from '@/utils/export/naming';
import { shareLinksCsv } from '@/utils/export/share-links-csv';
import { describeError, plural, t } from '@/utils/i18n';
import type { Recording } from '@/utils/model';
import type { ArchiveCommand, CommandReply } from '@/utils/protocol';
import { getSettings } from '@/utils/settings';
import type { RecordingPageSource, SiteAdapter } from '@/utils/sites/site';
import type { CleanupActions, DeletionOffer } from './BarCleanup';
import { errorText } from './bar-host';
import { saveCsvFile } from './list-csv';

async function ask(command: ArchiveCommand): Promise<CommandReply & { ok: true }> {
  const reply = (await browser.runtime.sendMessage(command)) as CommandReply;
  if (!reply.ok) throw Object.assign(new Error(reply.error.code), { info: reply.error });
  return reply;
}

export function cleanupActions(options: {
  source: RecordingPageSource;
  adapter?: SiteAdapter;
  origin: string;
  pageUrl(): string;
  chosen(): Recording[];
  /** Where the links that start downloads are put for a moment (the bar's shadow root). */
  place: ParentNode & Node;
  say(status: string): void;
  /** The bar shows what changed outside its store (a deletion offer). */
  refresh(): void;
  /** Recordings deleted from the platform leave the selection. */
  unselect(recordingIds: string[]): void;
}): CleanupActions & { stop(): void } {
  const { source, adapter, origin, pageUrl, chosen, place, say } = options;
  const siteName = adapter?.displayName ?? source.site;
  let deletion: DeletionOffer | undefined;
  const failed = (error: unknown) => say(t('statusFailed', errorText(error, t('errorListingFailed'))));

  async function chosenOrAllMatching(): Promise<Recording[]> {
    const ticked = chosen();
    return ticked.length > 0 ? ticked : ((await source.loadAllMatching?.(pageUrl())) ?? []);
  }

  async function verified(destination: string): Promise<{ all: Recording[]; verification: Verification }> {
    const all = await chosenOrAllMatching();
    const command: ArchiveCommand = {
      type: 'archived',
      site: source.site,
      origin,
      recordingIds: all.map((recording) => recording.id),
      verifyIn: destination,
    };
    const verification = (await ask(command)).verification ?? { verified: [], notVerified: [] };
    return { all, verification };
  }

  const placeName = (destination: string, name?: string) =>
    name ?? (destination === 'zip' ? t('cleanupPlaceZip') : t('cleanupPlaceFolder'));

  async function saveShareLinks(): Promise<void> {
    say(t('csvPreparing'));
    try {
      const recordings = await chosenOrAllMatching();
      const shares = (await source.shareLinks?.(pageUrl(), recordings)) ?? [];
      const name = `${exportName(siteName, new Date())} share links.csv`;
      saveCsvFile(shareLinksCsv(recordings, shares), name, place);
      say(t('csvSaved', name));
    } catch (error) {
      failed(error);
    }
  }

  async function saveArchivedList(destination: string): Promise<void> {
    say(t('csvPreparing'));
    try {
      const { all, verification } = await verified(destination);
      const byId = new Map(all.map((recording) => [recording.id, recording]));
      const rows = verification.verified.flatMap((found) => {
        const recording = byId.get(found.id);
        const where = placeName(destination, found.destinationName);
        return recording ? [{ recording, place: where, archivedAt: found.archivedAt }] : [];
      });
      const name = `${exportName(siteName, new Date())} archived.csv`;
      saveCsvFile(archivedListCsv(rows, adapter?.reportColumns ?? ((recording) => recording.columns)), name, place);
      say(plural('fmtCleanupListSaved', all.length, rows.length, name));
    } catch (error) {
      failed(error);
    }
  }

  async function saveDeletionReport(destination: string): Promise<void> {
    say(t('csvPreparing'));
    try {
      const { all, verification } = await verified(destination);
      const ids = new Set(verification.verified.map((found) => found.id));
      const report = source.report?.(all.filter((recording) => ids.has(recording.id)));
      if (!report) return;
      const name = report.name.replace(/recording report/i, 'deletion report');
      saveCsvFile(report.csv, name, place);
      say(plural('fmtCleanupListSaved', all.length, ids.size, name));
    } catch (error) {
      failed(error);
    }
  }

  async function offerDeletion(destination: string): Promise<void> {
    say(t('cleanupVerifying'));
    try {
      const { all, verification } = await verified(destination);
      const { verified: found } = verification;
      if (found.length === 0) return say(plural('fmtCleanupNothingVerified', all.length));
      const recordingIds = found.map((recording) => recording.id);
      const titles = new Map(all.map((recording) => [recording.id, recording.title]));
      const close = () => {
        deletion = undefined;
        options.refresh();
      };
      deletion = {
        count: found.length,
        bytes: found.reduce((sum, recording) => sum + recording.bytes, 0),
        siteName,
        cancel: () => {
          close();
          say('');
        },
        confirm: () => {
          close();
          void deleteNow({ destination, recordingIds, confirmedCount: recordingIds.length }, titles);
        },
      };
      say(plural('fmtCleanupVerified', all.length, found.length));
      options.refresh();
    } catch (error) {
      failed(error);
    }
  }

  async function deleteNow(
    chosenToDelete: { destination: string; recordingIds: string[]; confirmedCount: number },
    titles: Map<string, string>,
  ): Promise<void> {
    say(plural('fmtCleanupDeleting', chosenToDelete.confirmedCount));
    try {
      const command: ArchiveCommand = { type: 'cleanup-delete', site: source.site, origin, ...chosenToDelete };
      const outcome = (await ask(command)).deletion as DeletionOutcome;
      options.unselect(outcome.deleted);
      if (!outcome.failed) return say(t('cleanupDeleted', outcome.deleted.length));
      const title = titles.get(outcome.failed.id) ?? outcome.failed.id;
      say(t('cleanupDeleteStopped', outcome.deleted.length, title, describeError(outcome.failed.error)));
    } catch (error) {
      failed(error);
    }
  }

  const canDelete = Boolean(adapter?.deleteRecording && source.report);
  let deleting = false;
  const readSetting = () =>
    void getSettings().then((settings) => {
      deleting = settings.deleteVerifiedCollaborate;
      options.refresh();
    });
  // Turned on (or off) in the options while this page is open: the bar follows without a reload.
  const settingsChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && 'settings' in changes) readSetting();
  };
  readSetting();
  browser.storage.onChanged.addListener(settingsChanged);

  return {
    stop: () => browser.storage.onChanged.removeListener(settingsChanged),
    onShareLinks: source.shareLinks ? () => void saveShareLinks() : undefined,
    // Where the platform has its own report (Collaborate), the deletion report is that; elsewhere (Zoom) the list.
    onArchivedList: source.report ? undefined : (destination) => void saveArchivedList(destination),
    onDeletionReport: source.report ? (destination) => void saveDeletionReport(destination) : undefined,
    get onDelete() {
      return canDelete && deleting ? (destination: string) => void offerDeletion(destination) : undefined;
    },
    get deletion() {
      return deletion;
    },
  };
}
