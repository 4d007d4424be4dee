// The file choices a platform's bar offers come from its adapter: Collaborate's recordings have one video, a chat
// and captions, so its bar offers those three and none of Zoom's views.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FileChoices } from '@/components/FileChoices';
import { collaborateAdapter } from '@/utils/sites/collaborate-adapter';
import { zoomAdapter } from '@/utils/sites/zoom-client';

let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

const labels = () => [...root.querySelectorAll('label')].map((label) => label.textContent?.trim());

it("offers Collaborate's three kinds of file, the video simply as Video", async () => {
  await act(() =>
    render(<FileChoices choices={collaborateAdapter.fileChoices} skipped={[]} onChange={() => {}} />, root),
  );
  expect(labels()).toEqual(['Video', 'Chat', 'Closed captions']);
});

it("offers every one of Zoom's views and kinds", async () => {
  await act(() => render(<FileChoices choices={zoomAdapter.fileChoices} skipped={[]} onChange={() => {}} />, root));
  expect(labels()).toHaveLength(11);
  expect(labels()).toContain('Video: other views');
});
