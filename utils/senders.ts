// Who may send what. Every message to the background comes from one of two kinds of sender: the extension's own
// pages (popup, options, history), which act for the user, or a content script on a platform page, which a hostile
// page can drive. This is the one table of what each may ask; the background refuses everything else.
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { getJob } from './export/jobs';
import type { Command } from './protocol';
import { adapterFor, isPlatformOrigin } from './sites/registry';

export type Sender = { kind: 'extension-page' } | { kind: 'content-script'; origin: string };

/** Who sent a message, or null when it is no part of this extension (another extension, a web page). */
export function senderOf(sender: Runtime.MessageSender): Sender | null {
  if (sender.id !== browser.runtime.id) return null;
  const own = browser.runtime.getURL('/');
  // The popup has no tab; the options and history pages are tabs at the extension's own address.
  if (sender.tab === undefined || (sender.url ?? '').startsWith(own)) return { kind: 'extension-page' };
  try {
    return { kind: 'content-script', origin: new URL(sender.tab.url ?? sender.url ?? '').origin };
  } catch {
    return null;
  }
}

type Rule<T extends Command['type']> = (command: Command & { type: T }, sender: Sender) => Promise<boolean>;

const fromPage = (sender: Sender) => sender.kind === 'extension-page';

/** A content script acts only for its own page's platform and address. */
function ownPlatform(sender: Sender, site: string, origin: string): boolean {
  return sender.kind === 'content-script' && sender.origin === origin && !!adapterFor(site)?.isPlatformOrigin(origin);
}

/** Pause, Resume and Cancel from a page: only for an export started from a page of that same address. */
const ownExport = async (command: { jobId: number }, sender: Sender): Promise<boolean> =>
  fromPage(sender) || (sender.kind === 'content-script' && (await getJob(command.jobId))?.origin === sender.origin);

export const WHO_MAY_SEND: { [T in Command['type']]: Rule<T> } = {
  // The popup starts exports of an imported report, for the platform address the report names.
  export: async (command, sender) => fromPage(sender) || ownPlatform(sender, command.site, command.origin),
  pause: ownExport,
  resume: ownExport,
  cancel: ownExport,
  // The history is an extension page; a platform page never starts a retry or erases the history.
  'retry-failed': async (_command, sender) => fromPage(sender),
  'delete-export': async (_command, sender) => fromPage(sender),
  // A platform's credentials come only from that platform's own page.
  'site-token': async (command, sender) =>
    ownPlatform(sender, command.site, command.origin) && !!adapterFor(command.site)?.acceptToken,
  // Both may list them; a page is told names only (commands.ts), never buckets or prefixes.
  'list-destinations': async () => true,
  // Keys travel in this message.
  'test-connection': async (_command, sender) => fromPage(sender),
  // Only a platform page has ticked rows; at worst a page hides or shows one entry of the menu on its own tab.
  'ticked-count': async (_command, sender) => sender.kind === 'content-script' && isPlatformOrigin(sender.origin),
  // Opens our own options page, nothing more: any platform page's bar may offer it.
  'open-notify-settings': async (_command, sender) =>
    fromPage(sender) || (sender.kind === 'content-script' && isPlatformOrigin(sender.origin)),
  // Opens our own history page at one export: a page's bar may, for an export started from its own address.
  'open-history': ownExport,
  // Deleting from a platform: only that platform's own page, only where Reclaim deletes (the handler also wants
  // the option on and the count the user typed).
  'cleanup-delete': async (command, sender) =>
    ownPlatform(sender, command.site, command.origin) && !!adapterFor(command.site)?.deleteRecording,
  // Where its own platform's recordings are archived, and which are verified in one destination: names of
  // destinations, sizes and times only (as list-destinations tells), never keys or buckets.
  archived: async (command, sender) => fromPage(sender) || ownPlatform(sender, command.site, command.origin),
  // Lists files of its own platform's recordings with the user's session, as the page itself may, and answers
  // counts only: a platform's own page, for its own address.
  'new-files': async (command, sender) => ownPlatform(sender, command.site, command.origin),
};

export function maySend(command: Command, sender: Sender): Promise<boolean> {
  const rule = WHO_MAY_SEND[command.type] as Rule<Command['type']>;
  return rule(command as never, sender);
}
