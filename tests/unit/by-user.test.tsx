// A script on the platform's page can read the bar (an open shadow root) and click it: nothing it clicks starts,
// ticks or chooses anything. Only the user's own clicks count (isTrusted; browser tests click as the user does).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { BulkBar, type BulkBarProps } from '@/components/BulkBar';
import { decorateRow } from '@/components/row-checkbox';

let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

function barProps(): BulkBarProps {
  return {
    single: false,
    summary: {
      count: 2,
      totalBytes: 1_000,
      sizeAtMost: false,
      processing: 0,
      filesIncluded: { included: 2, of: 2 },
    },
    page: 'some',
    status: '',
    busy: false,
    job: 'paused',
    minimised: false,
    canSelectMatching: true,
    fileChoices: ['video:other', 'chat'],
    skippedFiles: [],
    onSkippedFiles: vi.fn(),
    s3Destinations: [{ id: 'd1', name: 'Archive' }],
    s3Chosen: 'd1',
    onChooseS3: vi.fn(),
    onSelectPage: vi.fn(),
    onSelectMatching: vi.fn(),
    onClear: vi.fn(),
    onExport: vi.fn(),
    onCsv: vi.fn(),
    canListFiles: true,
    exportName: '',
    suggestedName: 'Zoom · 2 recordings',
    archive: {
      summary: '2 recordings · 1 already archived to Archive',
      skip: true,
      checkBucket: false,
      canCheckBucket: true,
    },
    onExportName: vi.fn(),
    onJob: vi.fn(),
    onMinimise: vi.fn(),
    onExportReport: vi.fn(),
    onArchiveOptions: vi.fn(),
    onSelectArchived: vi.fn(),
  };
}

it("does nothing for a script's clicks on the bar's buttons, boxes and choices", async () => {
  const props = barProps();
  await act(() => render(<BulkBar {...props} />, root));
  const clickable = [...root.querySelectorAll<HTMLElement>('button, input[type="checkbox"]')];
  expect(clickable.length).toBeGreaterThan(8);
  for (const element of clickable) await act(() => element.click());
  const select = root.querySelector('select');
  select?.dispatchEvent(new Event('change', { bubbles: true }));
  for (const handler of [
    props.onExport,
    props.onSelectPage,
    props.onSelectMatching,
    props.onClear,
    props.onCsv,
    props.onJob,
    props.onMinimise,
    props.onExportReport,
    props.onArchiveOptions,
    props.onSelectArchived,
    props.onSkippedFiles,
    props.onChooseS3,
  ]) {
    expect(handler).not.toHaveBeenCalled();
  }
});

it("leaves a row's checkbox unticked when a script clicks it", () => {
  const row = document.createElement('tr');
  row.append(document.createElement('td'));
  root.append(row);
  const onToggle = vi.fn();
  const recording = {
    site: 'zoom' as const,
    id: 'm1',
    title: 't',
    startedAt: '',
    status: 'ready' as const,
    columns: {},
  };
  const box = decorateRow(row, recording, false, onToggle);
  box.click();
  expect(onToggle).not.toHaveBeenCalled();
  expect(box.checked).toBe(false);
});
