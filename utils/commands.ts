// The background's one handler map: every command a content script or an extension page may send.
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { deleteVerifiedRecordings } from './archive/delete-verified';
import { countNewFiles } from './archive/new-files';
import { archivedPlaces } from './archive/places';
import { verifyArchived } from './archive/verified';
import { noteTicked } from './context-menu';
import { ExportError, toErrorInfo } from './errors';
import { deleteExport, retryFailedFiles } from './export/history-actions';
import { cancelExport, pauseExport, resumeExport, startExport } from './export/runner';
import { historyUrl } from './notifications';
import { openNotifySettings } from './notify-permission';
import { type CommandReply, isOffscreenCommand, parseCommand } from './protocol';
import { normaliseDestination } from './s3/destination';
import { destinationChoices } from './s3/destinations';
import { testConnection } from './s3/test-connection';
import { maySend, senderOf } from './senders';
import { adapterFor } from './sites/registry';

export async function handleCommand(message: unknown, sender: Runtime.MessageSender): Promise<CommandReply> {
  try {
    const from = senderOf(sender);
    if (!from) throw new ExportError({ code: 'bad-request', detail: 'sender' });
    const command = parseCommand(message);
    // Who may ask what is decided in one table (senders.ts), before anything is done.
    if (!(await maySend(command, from))) throw new ExportError({ code: 'bad-request', detail: 'sender' });
    switch (command.type) {
      case 'export':
        return { ok: true, jobId: await startExport(command) };
      case 'pause':
        await pauseExport(command.jobId);
        return { ok: true, jobId: command.jobId };
      case 'resume':
        await resumeExport(command.jobId);
        return { ok: true, jobId: command.jobId };
      case 'cancel':
        await cancelExport(command.jobId);
        return { ok: true, jobId: command.jobId };
      case 'retry-failed':
        return { ok: true, jobId: await retryFailedFiles(command.jobId) };
      case 'delete-export':
        await deleteExport(command.jobId);
        return { ok: true, jobId: command.jobId };
      case 'site-token':
        // Never logged or answered back.
        await adapterFor(command.site)?.acceptToken?.(command.origin, command.token);
        return { ok: true };
      case 'list-destinations': {
        const choices = await destinationChoices();
        // A page (which a hostile script may read) is told names only.
        const shown = from.kind === 'extension-page' ? choices : choices.map(({ id, name }) => ({ id, name }));
        return { ok: true, destinations: shown };
      }
      case 'ticked-count':
        await noteTicked(sender.tab, command.count);
        return { ok: true };
      case 'test-connection': {
        const problem = await testConnection(normaliseDestination(command.destination));
        return problem ? { ok: false, error: problem } : { ok: true };
      }
      case 'open-history':
        await browser.tabs.create({ url: historyUrl(command.jobId) });
        return { ok: true, jobId: command.jobId };
      case 'open-notify-settings':
        await openNotifySettings();
        return { ok: true };
      case 'cleanup-delete':
        return { ok: true, deletion: await deleteVerifiedRecordings(command) };
      case 'new-files':
        return { ok: true, newFiles: await countNewFiles(command) };
      case 'archived': {
        const { site, recordingIds, verifyIn } = command;
        return {
          ok: true,
          archived: await archivedPlaces(site, recordingIds),
          verification: verifyIn === undefined ? undefined : await verifyArchived(verifyIn, site, recordingIds),
        };
      }
    }
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

/** Messages meant for the offscreen document pass by the background unanswered. */
export function isForBackground(message: unknown): boolean {
  return !isOffscreenCommand(message);
}
