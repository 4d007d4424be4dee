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

it('shows and saves how many connections a ZIP export fetches over, with what that costs in memory', async () => {
  await saveSettings(DEFAULT_SETTINGS);
  await act(() => render(<SettingsForm />, root));
  await act(() => getSettings().then(() => undefined));
  const input = root.querySelector<HTMLInputElement>('[data-testid="reclaim-connections"]');
  if (!input) throw new Error('no connections field');
  expect(input.value).toBe('4');
  expect([input.min, input.max]).toEqual(['1', '8']);
  expect(root.textContent).toContain(
    'Connections to the platform at the same time (ZIP; for a copy to S3, per file; 1–8)',
  );
  expect(root.textContent).toContain('Memory used is at most this number × 8 MiB.');

  await act(() => {
    input.value = '2';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(() => root.querySelector<HTMLButtonElement>('[data-testid="reclaim-save-settings"]')?.click());
  await vi.waitFor(async () => expect((await getSettings()).connections).toBe(2));
});

it('shows where a file goes while the name template is typed, and saves it with the file choices', async () => {
  await saveSettings(DEFAULT_SETTINGS);
  await act(() => render(<SettingsForm />, root));
  await act(() => getSettings().then(() => undefined));
  const field = root.querySelector<HTMLInputElement>('[data-testid="reclaim-name-template"]');
  const preview = () => root.querySelector('[data-testid="reclaim-name-preview"]')?.textContent;
  if (!field) throw new Error('no template field');
  expect(preview()).toBe(
    'For example: 2026-11-03 10.05 Lecture 4_ Markets & prices (84512367890)/video - Gallery view (clip 2).mp4',
  );

  const type = (value: string) =>
    act(() => {
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
  await type('{host}/{date} {topic}/{kind} {clip}.{ext}');
  expect(preview()).toBe('For example: teacher@example.edu/2026-11-03 Lecture 4_ Markets & prices/video 2.mp4');
  expect(root.querySelector('[data-testid="reclaim-name-problem"]')).toBeNull();
  await type('{topic}/{nope}.{ext}');
  expect(root.querySelector('[data-testid="reclaim-name-problem"]')?.textContent).toContain('{nope}');
  await type('{topic} ({meeting id})/{kind}{view}.{ext}');

  const chat = root.querySelector<HTMLInputElement>('[data-testid="reclaim-file-choice-chat"]');
  await act(() => chat?.click());
  await act(() => root.querySelector<HTMLButtonElement>('[data-testid="reclaim-save-settings"]')?.click());
  await vi.waitFor(async () =>
    expect(await getSettings()).toMatchObject({
      nameTemplate: '{topic} ({meeting id})/{kind}{view}.{ext}',
      skippedFiles: ['chat'],
    }),
  );
});

it('warns, on a line of its own, about a template whose files get no extension; a broken one is an error', async () => {
  await saveSettings(DEFAULT_SETTINGS);
  await act(() => render(<SettingsForm />, root));
  await act(() => getSettings().then(() => undefined));
  const field = root.querySelector<HTMLInputElement>('[data-testid="reclaim-name-template"]');
  if (!field) throw new Error('no template field');
  const warning = () => root.querySelector<HTMLElement>('[data-testid="reclaim-name-no-extension"]');
  const problem = () => root.querySelector<HTMLElement>('[data-testid="reclaim-name-problem"]');
  const type = (value: string) =>
    act(() => {
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
  const describedBy = () => field.getAttribute('aria-describedby')?.split(' ') ?? [];
  expect(warning()).toBeNull();

  await type('{topic}/{kind}{view}');
  expect(warning()?.textContent).toBe(
    'The file names get no extension, so your computer may not know how to open them: end the template with .{ext}.',
  );
  expect(describedBy()).toContain(warning()?.id);
  expect(field.getAttribute('aria-invalid')).toBe('false');
  // The preview shows it as the real file would be named: without an extension.
  expect(root.querySelector('[data-testid="reclaim-name-preview"]')?.textContent).toBe(
    'For example: Lecture 4_ Markets & prices/video - Gallery view (clip 2)',
  );
  // Its own element, not run into the preview.
  expect(warning()?.nextElementSibling?.getAttribute('data-testid')).toBe('reclaim-name-preview');

  await type('{topic}/{nope}');
  expect(warning()).toBeNull();
  expect(problem()?.textContent).toContain('{nope}');
  expect(describedBy()).toContain(problem()?.id);
  expect(field.getAttribute('aria-invalid')).toBe('true');

  await type('{topic}/{kind}.{ext}');
  expect(warning()).toBeNull();
  expect(problem()).toBeNull();
});
