// "Tell me when an export ends" in the options, and the popup's one-time offer: both ask the browser in the click's
// own turn (the browser asks only within the user's gesture), and remember that the user was asked.
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NotifyOption } from '@/components/NotifyOption';
import { PopupNotifyOffer } from '@/components/PopupNotifyOffer';
import { db } from '@/utils/db';
import { getSettings } from '@/utils/settings';
import { jobRow } from './engine/rows';

let root: HTMLElement;
let granted: boolean;

beforeEach(() => {
  fakeBrowser.reset();
  granted = false;
  fakeBrowser.permissions.contains = vi.fn(async () => granted);
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

async function box(): Promise<HTMLInputElement> {
  await act(() => render(<NotifyOption />, root));
  await vi.waitFor(() => expect(root.querySelector('[data-testid="reclaim-notify"]')).not.toBeNull());
  return root.querySelector('[data-testid="reclaim-notify"]') as HTMLInputElement;
}

it('asks for the notifications permission straight from the click, and ticks the box when granted', async () => {
  let askedDuringClick = false;
  let clicking = false;
  fakeBrowser.permissions.request = vi.fn(async (asked) => {
    askedDuringClick = clicking;
    expect(asked).toEqual({ permissions: ['notifications'] });
    granted = true;
    return true;
  });
  const notify = await box();
  expect(notify.checked).toBe(false);
  expect(root.textContent).toContain('Tell me when an export ends');
  await act(() => {
    clicking = true;
    notify.click();
    clicking = false;
  });
  expect(askedDuringClick).toBe(true);
  await vi.waitFor(async () => expect((await getSettings()).notifyAsked).toBe(true));
  expect(notify.checked).toBe(true);
});

it('says so when the browser refuses, and gives the permission back when unticked', async () => {
  fakeBrowser.permissions.request = vi.fn(async () => false);
  const notify = await box();
  await act(() => notify.click());
  await vi.waitFor(() => expect(root.textContent).toContain('Notifications were not allowed'));
  expect(notify.checked).toBe(false);

  granted = true;
  render(null, root);
  const again = await box();
  expect(again.checked).toBe(true);
  const removed = vi.fn(async () => true);
  fakeBrowser.permissions.remove = removed;
  await act(() => again.click());
  await vi.waitFor(() => expect(removed).toHaveBeenCalledWith({ permissions: ['notifications'] }));
  await vi.waitFor(() => expect(again.checked).toBe(false));
});

it('the popup offers notifications once while a long export runs, and asks the browser from the click', async () => {
  await db.delete();
  await db.open();
  const MB = 1024 * 1024;
  // 90 MB left at 0.5 MB/s: three minutes.
  await db.jobs.add(
    jobRow({
      destination: 'zip',
      fileCount: 4,
      bytesTotal: 100 * MB,
      bytesDone: 10 * MB,
      rate: { bytesPerSecond: MB / 2, filesPerSecond: 0 },
    }),
  );
  const request = vi.fn(async () => true);
  fakeBrowser.permissions.request = request;
  await act(() => render(<PopupNotifyOffer />, root));
  await vi.waitFor(() => expect(root.querySelector('[data-testid="reclaim-popup-notify-offer"]')).not.toBeNull());
  expect(root.textContent).toContain('This export will take a while.');
  await act(() => root.querySelector<HTMLButtonElement>('[data-testid="reclaim-popup-notify-allow"]')?.click());
  expect(request).toHaveBeenCalledWith({ permissions: ['notifications'] });
  expect(root.querySelector('[data-testid="reclaim-popup-notify-offer"]')).toBeNull();
  await vi.waitFor(async () => expect((await getSettings()).notifyAsked).toBe(true));

  // Asked once: not offered again.
  render(null, root);
  await act(() => render(<PopupNotifyOffer />, root));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(root.querySelector('[data-testid="reclaim-popup-notify-offer"]')).toBeNull();
});
