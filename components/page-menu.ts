// The context menu on a list page: the worker says which entry was chosen (utils/context-menu.ts), and the page's
// bar carries it out as its own buttons do, so the export shows in the bar. The page also tells the worker how many
// rows are ticked, for the "Export the ticked recordings" entry.
import { browser } from 'wxt/browser';
import type { Destination, Recording } from '@/utils/model';
import { type Command, type MenuCommand, parseMenuCommand } from '@/utils/protocol';
import type { PageRow, RecordingPageSource } from '@/utils/sites/site';

export interface PageMenuActions {
  /** The rows the list shows now, and the recording of one of them as the bar knows it. */
  rows(): PageRow[];
  recordingOf(row: PageRow): Recording;
  exportRecordings(destination: Destination, destinationId: string | undefined, recordings?: Recording[]): void;
  selectMatching(): void;
  /** Nothing to act on: the sentence goes to the bar's status. */
  noRecording(): void;
}

export interface PageMenu {
  /** The ticked rows' count changed (sent on only when it did). */
  ticked(count: number): void;
  stop(): void;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function followPageMenu(source: RecordingPageSource, actions: PageMenuActions): PageMenu {
  // The menus API says which link was right-clicked, never which element: a Collaborate row is no link, so the
  // element under the last right-click is remembered here.
  let rightClicked: EventTarget | null = null;
  const remember = (event: Event) => {
    rightClicked = event.target;
  };
  document.addEventListener('contextmenu', remember, true);

  async function recordingAt(linkUrl: string | undefined): Promise<Recording | null> {
    // A link to another address is not this page's to export (the bar exports for its own address only).
    if (linkUrl !== undefined && source.loadOne && originOf(linkUrl) === location.origin)
      return source.loadOne(linkUrl);
    const row = actions.rows().find((shown) => rightClicked instanceof Node && shown.row.contains(rightClicked));
    return row ? actions.recordingOf(row) : null;
  }

  async function act(command: MenuCommand): Promise<void> {
    if (command.type === 'menu-matching') return actions.selectMatching();
    if (command.type === 'menu-ticked') return actions.exportRecordings(command.destination, command.destinationId);
    const recording = await recordingAt(command.linkUrl).catch(() => null);
    if (recording) actions.exportRecordings(command.destination, command.destinationId, [recording]);
    else actions.noRecording();
  }

  // Only the worker may ask: a message from the extension itself (`sender.id`) that no tab sent.
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    const command = parseMenuCommand(message);
    if (command) void act(command);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);

  let told: number | undefined;
  const tell = (count: number) => {
    if (count === told) return;
    told = count;
    const message: Command = { type: 'ticked-count', count };
    void browser.runtime.sendMessage(message).catch(() => undefined);
  };
  tell(0);

  return {
    ticked: tell,
    stop() {
      document.removeEventListener('contextmenu', remember, true);
      browser.runtime.onMessage.removeListener(listener);
      tell(0);
    },
  };
}
