// The checkbox Reclaim puts into each recording row of the platform's own list. Exactly one per row: a row
// that already has ours is only brought up to date, never given a second one.
import { t } from '@/utils/i18n';
import type { Recording } from '@/utils/model';
import { byUser } from './by-user';

const TEST_ID = 'reclaim-row-checkbox';

export function rowCheckbox(row: Element): HTMLInputElement | null {
  return row.querySelector<HTMLInputElement>(`input[data-testid="${TEST_ID}"]`);
}

/**
 * Gives the row its checkbox (once) and brings it up to date. `onToggle` gets the recording id at click time,
 * so that what is ticked is always the page's latest knowledge of that recording, not what it was when drawn.
 */
export function decorateRow(
  row: Element,
  recording: Recording,
  chosen: boolean,
  /** `range`: Shift was held, as for a range in a file manager. */
  onToggle: (recordingId: string, checked: boolean, range: boolean) => void,
) {
  let box = rowCheckbox(row);
  if (!box) {
    box = document.createElement('input');
    box.type = 'checkbox';
    box.dataset.testid = TEST_ID;
    // Floated to the start of the row's first cell: beside the topic, not on a line of its own above it.
    box.style.cssText =
      'float: inline-start; margin: 2px 8px 0 0; width: 16px; height: 16px; cursor: pointer; accent-color: #0e72ed;';
    // Rows often open the recording when clicked; ticking must not.
    const input = box;
    input.addEventListener('click', (event) => {
      event.stopPropagation();
      // Only the user ticks: a script's click is taken back (by-user.ts).
      byUser((click: MouseEvent) => {
        if (input.dataset.recordingId) onToggle(input.dataset.recordingId, input.checked, click.shiftKey);
      })(event);
    });
    (row.querySelector('td, [role="cell"], [role="gridcell"]') ?? row).prepend(box);
  }
  if (box.dataset.recordingId !== recording.id) box.dataset.recordingId = recording.id;
  const processing = recording.status !== 'ready';
  box.checked = chosen;
  box.disabled = processing;
  const title = processing ? t('recordingProcessing') : t('selectRecording');
  if (box.title !== title) box.title = title;
  // Named with the recording's title: a screen reader says which recording this box ticks.
  const name = t('barSelectRecordingNamed', recording.title);
  if (box.getAttribute('aria-label') !== name) box.setAttribute('aria-label', name);
  return box;
}

export function removeRowCheckboxes(root: ParentNode): void {
  for (const box of Array.from(root.querySelectorAll(`input[data-testid="${TEST_ID}"]`))) box.remove();
}
