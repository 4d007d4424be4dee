// The background's one handler map: every command a content script or an extension page may send.
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { ExportError, toErrorInfo } from './errors';
import { cancelExport, pauseExport, resumeExport, startExport } from './export/runner';
import { type CommandReply, isOffscreenCommand, parseCommand } from './protocol';
import { normaliseDestination } from './s3/destination';
import { destinationChoices } from './s3/destinations';
import { testConnection } from './s3/test-connection';
import { adapterFor } from './sites/registry';

function senderOrigin(sender: Runtime.MessageSender): string | undefined {
  try {
    return sender.tab?.url ? new URL(sender.tab.url).origin : undefined;
  } catch {
    return undefined;
  }
}

/** True for the extension's own pages (options, popup); content scripts send with the page's address. */
function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.tab === undefined || (sender.url ?? '').startsWith(browser.runtime.getURL('/'));
}

export async function handleCommand(message: unknown, sender: Runtime.MessageSender): Promise<CommandReply> {
  try {
    if (sender.id !== browser.runtime.id) throw new ExportError({ code: 'bad-request', detail: 'sender' });
    const command = parseCommand(message);
    switch (command.type) {
      case 'export':
        // A page may only start exports of its own platform, from its own address; the extension's own pages
        // (a report imported in the popup) name the platform address the report points at.
        if (!fromExtensionPage(sender) && senderOrigin(sender) !== command.origin)
          throw new ExportError({ code: 'bad-request', detail: 'origin' });
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
      case 'site-token': {
        // Only from a page of that very platform and address; the token is never logged or answered back.
        const adapter = adapterFor(command.site);
        if (fromExtensionPage(sender) || senderOrigin(sender) !== command.origin || !adapter?.acceptToken)
          throw new ExportError({ code: 'bad-request', detail: 'sender' });
        if (!adapter.isPlatformOrigin(command.origin)) throw new ExportError({ code: 'bad-request', detail: 'origin' });
        await adapter.acceptToken(command.origin, command.token);
        return { ok: true };
      }
      case 'list-destinations':
        return { ok: true, destinations: await destinationChoices() };
      case 'test-connection': {
        // Keys travel in this message: only the options page may send it.
        if (!fromExtensionPage(sender)) throw new ExportError({ code: 'bad-request', detail: 'sender' });
        const problem = await testConnection(normaliseDestination(command.destination));
        return problem ? { ok: false, error: problem } : { ok: true };
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
