import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SettingsForm } from '@/components/SettingsForm';
import { DEFAULT_SETTINGS, getSettings, saveSettings } from '@/utils/settings';

let root: HTMLElement;

beforeEach(() => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

it('shows and saves how many parts of a file go to S3 at once, with what that costs in memory', async () => {
  await saveSettings({ ...DEFAULT_SETTINGS, concurrency: 3, volumeBytes: 0, partsInFlight: 2 });
  await act(() => render(<SettingsForm />, root));
  await act(() => getSettings().then(() => undefined));
  const input = root.querySelector<HTMLInputElement>('[data-testid="reclaim-parts-in-flight"]');
  if (!input) throw new Error('no parts-in-flight field');
  expect(input.value).toBe('2');
  expect([input.min, input.max]).toEqual(['1', '8']);
  expect(root.textContent).toContain('Memory used is at most this number × the part size');

  await act(() => {
    input.value = '6';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(() => root.querySelector<HTMLButtonElement>('[data-testid="reclaim-save-settings"]')?.click());
  await vi.waitFor(async () => expect((await getSettings()).partsInFlight).toBe(6));
});
