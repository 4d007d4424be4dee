// The context menu (menu-entries.ts, context-menu.ts): which entries a right-click gets on which page and link,
// tested with the menus API's own matching rules against tables of URLs; what each entry asks of the page; the
// "ticked" entry following the tab in front; the S3 destinations' entries following the options.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { menuClicked, noteTicked, rebuildMenu } from '@/utils/context-menu';
import { db } from '@/utils/db';
import { commandOfEntry, type MenuEntry, menuEntries } from '@/utils/menu-entries';
import { parseMenuCommand } from '@/utils/protocol';
import { removeDestination, saveDestination } from '@/utils/s3/destinations';
import { allAdapters, detectPage } from '@/utils/sites/registry';

/**
 * A match pattern as Chrome and Firefox apply it to a page or a link: `*.host` is the host and its subdomains,
 * and the path pattern is matched against the path with its query (never the fragment).
 */
function matches(pattern: string, url: string): boolean {
  const parts = /^(https?):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!parts) throw new Error(`not a match pattern: ${pattern}`);
  const [, scheme, host = '', path = ''] = parts;
  const parsed = new URL(url);
  if (parsed.protocol !== `${scheme}:`) return false;
  const hostname = parsed.hostname;
  if (host.startsWith('*.')) {
    if (hostname !== host.slice(2) && !hostname.endsWith(host.slice(1))) return false;
  } else if (host !== '*' && hostname !== host) return false;
  const glob = path
    .split('*')
    .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${glob}$`).test(parsed.pathname + parsed.search);
}

/** The top-level entries a right-click shows: on a link (`link`) or elsewhere on the page. */
function shown(entries: MenuEntry[], page: string, link?: string): string[] {
  return entries
    .filter((entry) => !entry.parentId && entry.visible !== false)
    .filter((entry) => entry.contexts.includes(link ? 'link' : 'page'))
    .filter((entry) => entry.documentUrlPatterns.some((pattern) => matches(pattern, page)))
    .filter((entry) => !link || !entry.targetUrlPatterns || entry.targetUrlPatterns.some((p) => matches(p, link)))
    .map((entry) => entry.id);
}

const places = allAdapters().map((adapter) => adapter.menu);
const ARCHIVE = { id: 'd1', name: 'Archive' };
const entries = menuEntries(places, [ARCHIVE], false);
const withTicked = menuEntries(places, [ARCHIVE], true);

const ZOOM_LIST = 'https://us06web.zoom.us/recording';
const SCHEDULER = 'https://eu-lti.bbcollab.com/collab/ui/scheduler/lti?token=x';
const RECORDING = ['recording|zip', 'recording|folder', 'recording|s3|d1'];
const ROW = ['row|zip', 'row|folder', 'row|s3|d1'];

const LIST_PAGES = [
  'https://us06web.zoom.us/recording',
  'https://us06web.zoom.us/recording/',
  'https://zoom.us/recording?p=2',
  'https://acme.zoom.us/recording/management?from=01/01/2026&to=02/01/2026',
  'https://us06web.zoom.us/recording#top',
];
const SCHEDULERS = [
  SCHEDULER,
  'https://eu.bbcollab.com/collab/ui/scheduler',
  'https://us-lti.bbcollab.com/collab/ui/scheduler?token=y',
  'https://techpreview.bbcollab.com/collab/ui/scheduler/session/x',
];
const OTHER_PAGES = [
  'https://us06web.zoom.us/recording/detail?meeting_id=abc',
  'https://us06web.zoom.us/meeting',
  'https://us06web.zoom.us/recordings',
  'https://us06web.zoom.us/recording/managementx',
  'https://us06web.zoom.us/recording/management/detail?meeting_id=abc',
  'http://us06web.zoom.us/recording',
  'https://zoom.us.evil.example/recording',
  'https://evil.example/recording',
  'https://eu.bbcollab.com/collab/ui/session/join/x',
  'https://eu.bbcollab.com/collab/ui/schedulerx',
  'https://evil.bbcollab.com/collab/ui/scheduler',
  'https://example.com/?next=https://us06web.zoom.us/recording',
];
const RECORDING_LINKS = [
  'https://us06web.zoom.us/recording/detail?meeting_id=abc%3D%3D',
  'https://us06web.zoom.us/recording/detail/?meeting_id=abc',
  'https://us06web.zoom.us/recording/management/detail?meeting_id=x&type=1',
  'https://us06web.zoom.us/recording/detail?from=list&meeting_id=x',
];
const OTHER_LINKS = [
  'https://us06web.zoom.us/rec/play/xyz',
  'https://us06web.zoom.us/recording/detail',
  'https://us06web.zoom.us/recording',
  'https://evil.example/recording/detail?meeting_id=x',
  'http://us06web.zoom.us/recording/detail?meeting_id=x',
  'https://us06web.zoom.us/meeting/123',
];

describe('where the entries appear', () => {
  it.each(LIST_PAGES)('a Zoom list (%s): the list’s entries; the ticked one only while rows are ticked', (page) => {
    expect(shown(entries, page)).toEqual(['matching']);
    expect(shown(withTicked, page)).toEqual(['matching', 'ticked']);
    expect(['list', 'admin-list']).toContain(detectPage(page)?.kind);
  });

  it.each(SCHEDULERS)('Collaborate’s scheduler (%s): a row’s entries anywhere on it, and the list’s', (page) => {
    expect(shown(withTicked, page)).toEqual([...ROW, 'matching', 'ticked']);
    expect(detectPage(page)?.kind).toBe('scheduler');
  });

  it.each(OTHER_PAGES)('no entry on any other page (%s), nor on its links', (page) => {
    expect(shown(withTicked, page)).toEqual([]);
    expect(shown(withTicked, page, RECORDING_LINKS[0])).toEqual([]);
    expect(['list', 'admin-list', 'scheduler']).not.toContain(detectPage(page)?.kind);
  });

  it.each(RECORDING_LINKS)('a link to a recording on a Zoom list (%s): the recording’s entries', (link) => {
    expect(shown(entries, ZOOM_LIST, link)).toEqual(RECORDING);
    expect(detectPage(link)?.kind).toBe('detail');
  });

  it.each(OTHER_LINKS)('another link on a Zoom list (%s): nothing', (link) => {
    expect(shown(withTicked, ZOOM_LIST, link)).toEqual([]);
    expect(detectPage(link)?.kind).not.toBe('detail');
  });

  it('a recording link on Collaborate’s scheduler: the recording’s entries', () => {
    const link = 'https://eu.bbcollab.com/recording/0123456789abcdef0123456789abcdef';
    expect(shown(entries, SCHEDULER, link)).toEqual(RECORDING);
    expect(shown(entries, SCHEDULER, 'https://eu.bbcollab.com/collab/ui/session/x')).toEqual([]);
  });

  it('one Copy entry per S3 destination, named; none without destinations', () => {
    const two = menuEntries(places, [ARCHIVE, { id: 'd2', name: 'Faculty & staff' }], true);
    const titles = two.filter((entry) => entry.id.includes('|s3|')).map((entry) => `${entry.id} ${entry.title}`);
    expect(titles).toEqual([
      'recording|s3|d1 Copy this recording to Archive',
      'row|s3|d1 Copy this recording to Archive',
      'recording|s3|d2 Copy this recording to Faculty & staff',
      'row|s3|d2 Copy this recording to Faculty & staff',
      'ticked|s3|d1 Copy to Archive',
      'ticked|s3|d2 Copy to Faculty & staff',
    ]);
    expect(menuEntries(places, [], false).some((entry) => entry.id.includes('s3'))).toBe(false);
    expect(new Set(two.map((entry) => entry.id)).size).toBe(two.length);
  });
});

describe('what an entry asks of the page', () => {
  const link = RECORDING_LINKS[0];
  it.each([
    ['recording|zip', link, { type: 'menu-recording', destination: 'zip', linkUrl: link }],
    ['recording|folder', link, { type: 'menu-recording', destination: 'folder', linkUrl: link }],
    ['recording|s3|d1', link, { type: 'menu-recording', destination: 's3', destinationId: 'd1', linkUrl: link }],
    ['row|zip', undefined, { type: 'menu-recording', destination: 'zip' }],
    ['row|s3|a|b', undefined, { type: 'menu-recording', destination: 's3', destinationId: 'a|b' }],
    ['matching', undefined, { type: 'menu-matching' }],
    ['ticked|zip', undefined, { type: 'menu-ticked', destination: 'zip' }],
    ['ticked|s3|d1', undefined, { type: 'menu-ticked', destination: 's3', destinationId: 'd1' }],
  ])('%s', (id, linkUrl, command) => {
    const asked = commandOfEntry(id, linkUrl);
    expect(asked).toEqual({ target: 'page', ...command });
    // What the page accepts is exactly what the worker sends.
    expect(parseMenuCommand(JSON.parse(JSON.stringify(asked)))).toEqual(asked);
  });

  it('every entry a user can choose asks something; the rest are not ours', () => {
    for (const entry of withTicked.filter((e) => e.id !== 'ticked'))
      expect(commandOfEntry(entry.id), entry.id).not.toBeNull();
    for (const id of ['ticked', 'recording|ftp', 'recording|zip|x', 'row|s3', 'other', 'matching|zip', ''])
      expect(commandOfEntry(id), id).toBeNull();
  });

  it('the page refuses anything else', () => {
    for (const message of [
      { target: 'page', type: 'menu-recording', destination: 'ftp' },
      { target: 'page', type: 'menu-recording', destination: 's3' },
      { target: 'page', type: 'menu-recording', destination: 'zip', linkUrl: 5 },
      { target: 'page', type: 'menu-recording', destination: 'zip', linkUrl: 'x'.repeat(5000) },
      { type: 'menu-matching' },
      { target: 'page', type: 'export' },
      null,
    ])
      expect(parseMenuCommand(message)).toBeNull();
  });
});

describe('the menu in the worker', () => {
  const created: Array<{ id: string; title: string; visible?: boolean }> = [];
  const api = {
    create: vi.fn((entry: { id: string; title: string }, done: () => void) => {
      created.push(entry);
      done();
    }),
    removeAll: vi.fn(async () => {
      created.length = 0;
    }),
    update: vi.fn(async (_id: string, _change: { visible: boolean }) => undefined),
    onClicked: { addListener: vi.fn() },
  };

  beforeEach(async () => {
    fakeBrowser.reset();
    Object.assign(fakeBrowser, { contextMenus: api });
    vi.clearAllMocks();
    created.length = 0;
    await db.delete();
    await db.open();
  });

  it('is built with an entry per S3 destination, and built again only when the destinations changed', async () => {
    const archive = await saveDestination({
      name: 'Archive',
      bucket: 'archive-bucket',
      region: 'eu-west-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 's',
    });
    await rebuildMenu();
    expect(created.map((entry) => entry.title)).toContain('Copy this recording to Archive');
    expect(created.find((entry) => entry.id === 'ticked')?.visible).toBe(false);
    await rebuildMenu(true);
    expect(api.removeAll).toHaveBeenCalledTimes(1);

    await saveDestination({
      name: 'Offsite',
      bucket: 'offsite-bucket',
      region: 'eu-west-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 's',
    });
    await removeDestination(archive.id);
    await rebuildMenu(true);
    expect(api.removeAll).toHaveBeenCalledTimes(2);
    const titles = created.map((entry) => entry.title);
    expect(titles).toContain('Copy this recording to Offsite');
    expect(titles).not.toContain('Copy this recording to Archive');
    // Two builds at once never create an entry twice.
    await Promise.all([rebuildMenu(), rebuildMenu()]);
    expect(new Set(created.map((entry) => entry.id)).size).toBe(created.length);
  });

  it('shows "Export the ticked recordings" while the tab in front has ticked rows, also after a rebuild', async () => {
    await noteTicked({ id: 4, active: false } as never, 3);
    expect(api.update).not.toHaveBeenCalled();
    await noteTicked({ id: 5, active: true } as never, 2);
    expect(api.update).toHaveBeenLastCalledWith('ticked', { visible: true });
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 5 }] as never);
    await rebuildMenu();
    expect(created.find((entry) => entry.id === 'ticked')?.visible).toBe(true);
    await noteTicked({ id: 5, active: true } as never, 0);
    expect(api.update).toHaveBeenLastCalledWith('ticked', { visible: false });
  });

  it('hands a chosen entry to the top frame of the tab it was chosen in', async () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    const link = RECORDING_LINKS[0];
    await menuClicked({ menuItemId: 'recording|zip', linkUrl: link }, { id: 9 });
    expect(sent).toHaveBeenCalledWith(
      9,
      { target: 'page', type: 'menu-recording', destination: 'zip', linkUrl: link },
      { frameId: 0 },
    );
    await menuClicked({ menuItemId: 'someone-elses' }, { id: 9 });
    await menuClicked({ menuItemId: 'matching' }, undefined);
    expect(sent).toHaveBeenCalledTimes(1);
  });
});
