// The context menu on the page's side (components/page-menu.ts): it obeys the worker only, finds the recording a
// right-click was on (a Zoom link, a Collaborate row that is no link), and tells the worker how many rows are ticked.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followPageMenu, type PageMenu, type PageMenuActions } from '@/components/page-menu';
import type { Recording } from '@/utils/model';
import type { MenuCommand } from '@/utils/protocol';
import type { PageRow, RecordingPageSource } from '@/utils/sites/site';

const recording = (id: string): Recording => ({
  site: 'zoom',
  id,
  title: id,
  startedAt: '',
  status: 'ready',
  columns: {},
});

let menu: PageMenu;
let sent: unknown[];
let actions: { [K in keyof PageMenuActions]: ReturnType<typeof vi.fn> };
let rows: PageRow[];

function start(source: Partial<RecordingPageSource> = {}): void {
  menu = followPageMenu({ site: 'zoom', findRows: () => rows, loadShown: async () => [], ...source }, actions as never);
}

const worker = () => ({ id: fakeBrowser.runtime.id });
async function fromWorker(command: MenuCommand, sender: { id?: string; tab?: unknown } = worker()) {
  await fakeBrowser.runtime.onMessage.trigger(command, sender as never, () => undefined);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    sent.push(message);
  });
  document.body.innerHTML = `<ul>
    <li id="r1"><div class="item-name">Lecture 1</div></li>
    <li id="r2"><div class="item-name">Lecture 2</div></li>
  </ul><p id="elsewhere">Help</p>`;
  rows = ['r1', 'r2'].map((id) => ({ row: document.getElementById(id) as Element, recordingId: id, title: id }));
  actions = {
    rows: vi.fn(() => rows),
    recordingOf: vi.fn((row: PageRow) => recording(row.recordingId)),
    exportRecordings: vi.fn(),
    selectMatching: vi.fn(),
    noRecording: vi.fn(),
  };
});
afterEach(() => menu.stop());

const rightClick = (id: string) =>
  document.getElementById(id)?.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));

describe('a menu entry chosen on a list page', () => {
  it('is obeyed only when the worker sent it: never from a tab (another content script) or another extension', async () => {
    start();
    await fromWorker({ target: 'page', type: 'menu-matching' }, { id: fakeBrowser.runtime.id, tab: { id: 1 } });
    await fromWorker({ target: 'page', type: 'menu-matching' }, { id: 'another-extension' });
    await fromWorker({ target: 'page', type: 'export' } as never);
    expect(actions.selectMatching).not.toHaveBeenCalled();
    await fromWorker({ target: 'page', type: 'menu-matching' });
    expect(actions.selectMatching).toHaveBeenCalledTimes(1);
  });

  it('exports the row right-clicked when it is no link (Collaborate), to the chosen destination', async () => {
    start();
    document.querySelector('#r2 .item-name')?.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    await fromWorker({ target: 'page', type: 'menu-recording', destination: 's3', destinationId: 'd1' });
    expect(actions.exportRecordings).toHaveBeenCalledWith('s3', 'd1', [recording('r2')]);
    rightClick('elsewhere');
    await fromWorker({ target: 'page', type: 'menu-recording', destination: 'zip' });
    expect(actions.noRecording).toHaveBeenCalledTimes(1);
    expect(actions.exportRecordings).toHaveBeenCalledTimes(1);
  });

  it('exports the recording of the link right-clicked (Zoom), the page’s own address only', async () => {
    const loadOne = vi.fn(async (url: string) => recording(new URL(url).searchParams.get('meeting_id') ?? ''));
    start({ loadOne });
    rightClick('r1');
    const link = `${location.origin}/recording/detail?meeting_id=m7`;
    await fromWorker({ target: 'page', type: 'menu-recording', destination: 'zip', linkUrl: link });
    expect(loadOne).toHaveBeenCalledWith(link);
    expect(actions.exportRecordings).toHaveBeenCalledWith('zip', undefined, [recording('m7')]);
    // A link to another address: not this page's to export; the row under the pointer is.
    await fromWorker({
      target: 'page',
      type: 'menu-recording',
      destination: 'folder',
      linkUrl: 'https://elsewhere.zoom.us/recording/detail?meeting_id=m8',
    });
    expect(actions.exportRecordings).toHaveBeenLastCalledWith('folder', undefined, [recording('r1')]);
  });

  it('"Export the ticked recordings" exports the bar’s selection', async () => {
    start();
    await fromWorker({ target: 'page', type: 'menu-ticked', destination: 'folder' });
    expect(actions.exportRecordings).toHaveBeenCalledWith('folder', undefined);
  });
});

describe('the ticked count', () => {
  it('is told when it changes, and as none when the page goes', () => {
    start();
    menu.ticked(2);
    menu.ticked(2);
    menu.ticked(5);
    menu.stop();
    expect(sent).toEqual([0, 2, 5, 0].map((count) => ({ type: 'ticked-count', count })));
    start();
  });

  it('stops listening when the page goes', async () => {
    start();
    menu.stop();
    await fromWorker({ target: 'page', type: 'menu-matching' });
    expect(actions.selectMatching).not.toHaveBeenCalled();
    start();
  });
});
