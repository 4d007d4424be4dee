// The options page's S3 destinations as a user meets them: what the page says, what is stored, what is asked.
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DestinationsForm } from '@/components/DestinationsForm';
import { db } from '@/utils/db';
import { listDestinations, saveDestination } from '@/utils/s3/destinations';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN';
const saved = {
  name: 'Lectures',
  bucket: 'lectures',
  region: 'eu-west-1',
  prefix: '2026',
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: SECRET,
  sessionToken: TOKEN,
};

// The fake browser leaves these to each test; its typings' last overload (with a callback) hides the promise.
const permissions = browser.permissions as unknown as Record<'request' | 'remove', (p: object) => Promise<boolean>>;
const runtime = browser.runtime as unknown as { sendMessage: (message: unknown) => Promise<unknown> };

let root: HTMLElement;

const byTestId = <T extends HTMLElement = HTMLInputElement>(id: string) => {
  const element = root.querySelector<T>(`[data-testid="reclaim-destination-${id}"]`);
  if (!element) throw new Error(`no ${id} in the page`);
  return element;
};
const status = () => byTestId('status').textContent;
/** The sentence shown at a field, and that the field is read with it (aria-describedby) and marked wrong. */
function fieldProblem(id: string): string | null {
  const problem = root.querySelector(`[data-testid="reclaim-destination-${id}-problem"]`);
  if (!problem) return null;
  const field = byTestId(id);
  expect(field.getAttribute('aria-invalid')).toBe('true');
  expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(problem.id);
  return problem.textContent;
}
const items = () => [...root.querySelectorAll<HTMLElement>('[data-testid="reclaim-destination-item"]')];

function fill(values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) byTestId(id).value = value;
}

async function press(id: string) {
  await act(() => byTestId<HTMLButtonElement>(id).click());
}

async function open() {
  await act(() => render(<DestinationsForm />, root));
  // The list is read from storage once, after the first render.
  await act(() => listDestinations().then(() => undefined));
}

/** Everything a user or a page script could read: the markup and every field's current value. */
function pageText() {
  return root.innerHTML + [...root.querySelectorAll('input')].map((input) => input.value).join('\n');
}

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe('saving an S3 destination', () => {
  it('names the bucket when its name is not valid, and stores nothing', async () => {
    await open();
    fill({ bucket: 'My_Recordings', 'key-id': 'AKIDEXAMPLE', secret: SECRET });
    await press('save');
    expect(fieldProblem('bucket')).toBe(
      'The bucket name is not valid: 3–63 lower-case letters, digits, dots and hyphens.',
    );
    expect(status()).toBe('');
    expect(document.activeElement).toBe(byTestId('bucket'));
    expect(await listDestinations()).toEqual([]);
  });

  it('asks to fill in an empty bucket, next to the bucket field, and forgets it once the field is right', async () => {
    await open();
    fill({ 'key-id': 'AKIDEXAMPLE', secret: SECRET });
    await press('save');
    expect(fieldProblem('bucket')).toBe('Fill in the bucket name.');
    expect(fieldProblem('region')).toBeNull();
    expect(byTestId('region').getAttribute('aria-invalid')).toBe('false');
    fill({ bucket: 'lectures' });
    await press('save');
    await vi.waitFor(() => expect(status()).toBe('lectures is saved.'));
    expect(fieldProblem('bucket')).toBeNull();
  });

  it('asks for exactly the custom endpoint’s host, within the click, and stores nothing when refused', async () => {
    const request = vi.spyOn(permissions, 'request').mockResolvedValue(false);
    await open();
    fill({ bucket: 'lectures', endpoint: 'https://minio.example.org:9000/console', 'key-id': 'AKID', secret: SECRET });
    // No act, no await: the request must leave during the click itself, or browsers refuse to show it.
    byTestId<HTMLButtonElement>('save').click();
    expect(request).toHaveBeenCalledWith({ origins: ['https://minio.example.org/*'] });
    await vi.waitFor(() =>
      expect(status()).toBe('Reclaim needs permission to reach minio.example.org:9000 to copy there.'),
    );
    expect(await listDestinations()).toEqual([]);
  });

  it('stores a custom endpoint once its host is allowed', async () => {
    vi.spyOn(permissions, 'request').mockResolvedValue(true);
    await open();
    fill({ bucket: 'lectures', endpoint: 'https://minio.example.org:9000', 'key-id': 'AKID', secret: SECRET });
    await press('save');
    await vi.waitFor(() => expect(status()).toBe('lectures is saved.'));
    expect((await listDestinations()).map((d) => d.endpoint)).toEqual(['https://minio.example.org:9000']);
  });

  it('lists a saved destination by name, bucket, folder and address, without its secret anywhere in the page', async () => {
    vi.spyOn(permissions, 'request').mockResolvedValue(true);
    await open();
    fill({ name: 'Lectures', bucket: 'lectures', prefix: '2026', endpoint: 'https://minio.example.org' });
    fill({ 'key-id': saved.accessKeyId, secret: SECRET, 'session-token': TOKEN });
    await press('save');
    await vi.waitFor(() => expect(items()).toHaveLength(1));
    expect(items()[0]?.textContent).toContain('Lectures');
    expect(items()[0]?.textContent).toContain('lectures/2026');
    expect(items()[0]?.textContent).toContain('https://minio.example.org');
    expect(pageText()).not.toContain(SECRET);
    expect(pageText()).not.toContain(TOKEN);

    await press('edit');
    expect(byTestId('bucket').value).toBe('lectures');
    expect(byTestId('secret').value).toBe('');
    expect(byTestId('secret').placeholder).toBe('Unchanged (leave empty to keep the saved one)');
    expect(byTestId('secret').type).toBe('password');
    expect(pageText()).not.toContain(SECRET);
    expect(pageText()).not.toContain(TOKEN);
  });

  it('keeps the stored secret and session token when their fields are left empty', async () => {
    const stored = await saveDestination(saved);
    await open();
    await press('edit');
    fill({ bucket: 'lectures-2026' });
    await press('save');
    await vi.waitFor(() => expect(status()).toBe('Lectures is saved.'));
    expect(await listDestinations()).toEqual([{ ...stored, bucket: 'lectures-2026' }]);
  });

  it('asks for the secret again when the access key id changes', async () => {
    await saveDestination(saved);
    await open();
    await press('edit');
    fill({ 'key-id': 'AKIDOTHER' });
    await press('save');
    expect(fieldProblem('secret')).toBe('Fill in the secret access key that belongs to this access key ID.');
    expect((await listDestinations()).map((d) => d.accessKeyId)).toEqual(['ASIAEXAMPLE']);
  });

  it('removes a destination and gives back a host no other destination uses', async () => {
    const remove = vi.spyOn(permissions, 'remove').mockResolvedValue(true);
    await saveDestination({ ...saved, endpoint: 'https://minio.example.org' });
    await open();
    await press('remove');
    await vi.waitFor(() => expect(status()).toBe('Lectures is removed.'));
    expect(items()).toEqual([]);
    expect(await listDestinations()).toEqual([]);
    expect(remove).toHaveBeenCalledWith({ origins: ['https://minio.example.org/*'] });
  });
});

describe('testing the connection', () => {
  it('sends the form with the stored secret, and says what the background answered', async () => {
    const send = vi
      .spyOn(runtime, 'sendMessage')
      .mockResolvedValueOnce({ ok: false, error: { code: 's3-denied', detail: 'PutObject' } })
      .mockResolvedValueOnce({ ok: true });
    const stored = await saveDestination(saved);
    await open();
    await press('edit');

    await press('test');
    await vi.waitFor(() =>
      expect(status()).toBe(
        'S3 denied access to PutObject: the keys lack that permission on this bucket or folder. Give them that permission, or use other keys.',
      ),
    );
    expect(send).toHaveBeenCalledWith({ type: 'test-connection', destination: stored });

    await press('test');
    await vi.waitFor(() =>
      expect(status()).toBe('Connection works: Reclaim wrote and deleted a test object in lectures.'),
    );
  });

  it('asks for a custom endpoint’s host first, and sends nothing when refused', async () => {
    const request = vi.spyOn(permissions, 'request').mockResolvedValue(false);
    const send = vi.spyOn(runtime, 'sendMessage');
    await open();
    fill({ bucket: 'lectures', endpoint: 'http://127.0.0.1:9000', 'key-id': 'AKID', secret: SECRET });
    byTestId<HTMLButtonElement>('test').click();
    expect(request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    await vi.waitFor(() => expect(status()).toBe('Reclaim needs permission to reach 127.0.0.1:9000 to copy there.'));
    expect(send).not.toHaveBeenCalled();
  });
});

describe('a test that failed', () => {
  it('speaks of testing, not of a copy waiting for Resume', async () => {
    vi.spyOn(permissions, 'request').mockResolvedValue(true);
    vi.spyOn(runtime, 'sendMessage').mockResolvedValue({
      ok: false,
      error: { code: 's3-unreachable', detail: 'Failed to fetch' },
    });
    await open();
    fill({ bucket: 'lectures', endpoint: 'https://minio.example.org', 'key-id': 'AKID', secret: SECRET });
    await press('test');
    await vi.waitFor(() =>
      expect(status()).toBe(
        'The S3 address cannot be reached (Failed to fetch): check the endpoint and the network, then test again.',
      ),
    );
    expect(status()).not.toContain('Resume');
  });

  it('says why the browser asks before its prompt, with the old error gone meanwhile', async () => {
    let answer: (granted: boolean) => void = () => undefined;
    vi.spyOn(permissions, 'request').mockReturnValue(new Promise<boolean>((resolve) => (answer = resolve)));
    await open();
    fill({ bucket: 'Bad_Bucket', 'key-id': 'AKID', secret: SECRET });
    await press('save');
    expect(fieldProblem('bucket')).not.toBeNull();
    fill({ bucket: 'lectures', endpoint: 'https://minio.example.org' });
    await press('save');
    // The prompt is open: the bucket's old problem is gone and the page says why the prompt came.
    expect(fieldProblem('bucket')).toBeNull();
    expect(status()).toBe(
      'Your browser now asks whether Reclaim may reach minio.example.org: Reclaim sends the copies there, and only there.',
    );
    await act(() => answer(true));
    await vi.waitFor(() => expect(status()).toBe('lectures is saved.'));
  });

  it('warns before saving the values that failed, then saves anyway or tests again', async () => {
    const send = vi
      .spyOn(runtime, 'sendMessage')
      .mockResolvedValueOnce({ ok: false, error: { code: 's3-bucket' } })
      .mockResolvedValueOnce({ ok: true });
    await open();
    fill({ bucket: 'lectures', 'key-id': 'AKID', secret: SECRET });
    await press('test');
    await vi.waitFor(() => expect(status()).toContain('no such bucket'));
    const warning = () => root.querySelector('[data-testid="reclaim-destination-untested"]');

    await press('save');
    expect(warning()?.textContent).toContain('The connection test of these settings failed');
    expect(warning()?.getAttribute('role')).toBe('alert');
    expect(await listDestinations()).toEqual([]);

    // Test again: this time it works, and Save then saves without asking.
    await press('test-again');
    await vi.waitFor(() => expect(status()).toContain('Connection works'));
    expect(warning()).toBeNull();
    expect(send).toHaveBeenCalledTimes(2);
    await press('save');
    await vi.waitFor(() => expect(status()).toBe('lectures is saved.'));
  });

  it('saves anyway when the user says so, and asks nothing once the values changed', async () => {
    vi.spyOn(runtime, 'sendMessage').mockResolvedValue({ ok: false, error: { code: 's3-bucket' } });
    await open();
    fill({ bucket: 'lectures', 'key-id': 'AKID', secret: SECRET });
    await press('test');
    await vi.waitFor(() => expect(status()).toContain('no such bucket'));
    await press('save');
    await press('save-anyway');
    await vi.waitFor(() => expect(status()).toBe('lectures is saved.'));
    expect((await listDestinations()).map((d) => d.bucket)).toEqual(['lectures']);

    // A test that failed for other values does not hold back these.
    await press('test');
    await vi.waitFor(() => expect(status()).toContain('no such bucket'));
    fill({ bucket: 'lectures-2026' });
    await press('save');
    await vi.waitFor(() => expect(status()).toBe('lectures is saved.'));
    expect(root.querySelector('[data-testid="reclaim-destination-untested"]')).toBeNull();
  });
});
