// The context menu in the worker: built from menu-entries.ts when the extension is installed or the browser
// starts (Chrome keeps menus across restarts of the worker, so it is rebuilt then and not at every wake; Firefox
// when its background page starts), built again when the S3 destinations change, and a chosen entry handed to the page's content script, whose bar acts.
import { liveQuery } from 'dexie';
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { db } from './db';
import { commandOfEntry, type MenuEntry, menuEntries, TICKED_ENTRY } from './menu-entries';
import { destinationChoices } from './s3/destinations';
import { allAdapters } from './sites/registry';

// Chrome's API is `contextMenus`, Firefox's `menus` (each asked for in wxt.config.ts).
const menus = (): typeof browser.contextMenus =>
  import.meta.env.FIREFOX ? (browser as unknown as { menus: typeof browser.contextMenus }).menus : browser.contextMenus;

/** The entries as last created. Chrome cannot list a menu's entries (no contextMenus.getAll): tests read this. */
export const createdEntries: MenuEntry[] = [];

// Kept in session storage, as the worker may be stopped between two messages: tab id → ticked rows there.
const TICKED_KEY = 'menuTicked';
// The destinations the menu was last built with, so that a waking worker rebuilds only when they changed.
const BUILT_KEY = 'menuBuiltFor';

async function tickedTabs(): Promise<Record<string, number>> {
  return ((await browser.storage.session.get(TICKED_KEY))[TICKED_KEY] as Record<string, number>) ?? {};
}

async function activeTabTicked(): Promise<boolean> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id !== undefined && ((await tickedTabs())[tab.id] ?? 0) > 0;
}

/** Creates one entry; false when the browser refused it (a pattern it cannot read, an id taken). */
function create(entry: MenuEntry): Promise<boolean> {
  // Firefox reads `&` as an access key's mark; `&&` is a plain one.
  const title = import.meta.env.FIREFOX ? entry.title.replaceAll('&', '&&') : entry.title;
  return new Promise((resolve) => {
    menus().create({ ...entry, title } as Parameters<typeof browser.contextMenus.create>[0], () => {
      const problem = browser.runtime.lastError;
      if (problem) console.warn('Reclaim: menu entry not created', entry.id, problem.message);
      resolve(!problem);
    });
  });
}

async function build(onlyIfChanged: boolean): Promise<void> {
  const destinations = await destinationChoices();
  const signature = JSON.stringify(destinations.map(({ id, name }) => [id, name]));
  if (onlyIfChanged && (await browser.storage.session.get(BUILT_KEY))[BUILT_KEY] === signature) return;
  const entries = menuEntries(
    allAdapters().map((adapter) => adapter.menu),
    destinations,
    await activeTabTicked(),
  );
  await menus().removeAll();
  createdEntries.length = 0;
  for (const entry of entries) {
    if (await create(entry)) createdEntries.push(entry);
  }
  await browser.storage.session.set({ [BUILT_KEY]: signature });
}

// One build at a time: two overlapping builds would create every entry twice.
let building: Promise<void> = Promise.resolve();
export function rebuildMenu(onlyIfChanged = false): Promise<void> {
  const next = building.then(() => build(onlyIfChanged));
  building = next.catch((error) => console.warn('Reclaim: menu not built', error));
  return next;
}

async function showTicked(visible: boolean): Promise<void> {
  const entry = createdEntries.find((created) => created.id === TICKED_ENTRY);
  if (entry) entry.visible = visible;
  await Promise.resolve(menus().update(TICKED_ENTRY, { visible })).catch(() => undefined);
}

/** A list page says how many rows are ticked there: "Export the ticked recordings" shows while its tab is in front. */
export async function noteTicked(tab: Runtime.MessageSender['tab'], count: number): Promise<void> {
  if (tab?.id === undefined) return;
  const tabs = await tickedTabs();
  if (count > 0) tabs[tab.id] = count;
  else delete tabs[tab.id];
  await browser.storage.session.set({ [TICKED_KEY]: tabs });
  if (tab.active) await showTicked(count > 0);
}

/** A chosen entry goes to the page's top frame, where our content script and its bar are. */
export async function menuClicked(
  info: { menuItemId: string | number; linkUrl?: string },
  tab: { id?: number } | undefined,
): Promise<void> {
  const command = commandOfEntry(String(info.menuItemId), info.linkUrl);
  if (tab?.id === undefined || !command) return;
  await browser.tabs.sendMessage(tab.id, command, { frameId: 0 }).catch(() => undefined);
}

/** Wires the menu; called once, synchronously, as the worker starts (its listeners must exist before events). */
export function watchMenu(): void {
  // The native menu can be neither listed (Chrome) nor clicked headless: browser tests read and drive it here.
  Object.assign(globalThis, { reclaimMenu: { entries: createdEntries, clicked: menuClicked } });
  if (import.meta.env.FIREFOX) {
    // Firefox keeps no menu once its (persistent) background page ends, as when the add-on is turned off and on,
    // which neither onInstalled nor onStartup tells: the page builds it as it starts, once a session.
    void rebuildMenu();
  } else {
    browser.runtime.onInstalled.addListener(() => void rebuildMenu());
    browser.runtime.onStartup.addListener(() => void rebuildMenu());
  }
  menus().onClicked.addListener((info, tab) => void menuClicked(info, tab));
  browser.tabs.onActivated.addListener(({ tabId }) => {
    void tickedTabs().then((tabs) => showTicked((tabs[tabId] ?? 0) > 0));
  });
  browser.tabs.onRemoved.addListener(
    (tabId) => void noteTicked({ id: tabId, active: false } as Runtime.MessageSender['tab'], 0),
  );
  // Saved or deleted in the options (another page): the database tells every context that reads it.
  liveQuery(() => db.destinations.toArray()).subscribe({
    next: () => void rebuildMenu(true),
    error: () => undefined,
  });
}
