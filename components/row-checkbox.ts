// The checkbox Reclaim puts into each recording row of the platform's own list. Exactly one per row: a row
// that already has ours is only brought up to date, never given a second one.
import { t } from '@/utils/i18n';
import type { Recording } from '@/utils/model';
import { byUser } from './by-user';

const TEST_ID = 'reclaim-row-checkbox';
const UNTICKABLE_ID = 'reclaim-row-untickable';
const BOX_STYLE = 'float: inline-start; margin: 2px 8px 0 0; width: 16px; height: 16px; accent-color: #0e72ed;';

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
    box.style.cssText = `${BOX_STYLE} cursor: pointer;`;
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

/**
 * A row no box can tick (its name is another recording's too, so the page cannot tell which it is): a box that
 * cannot be ticked, whose tooltip and accessible name say why and how to export it all the same.
 */
export function markUntickable(row: Element): void {
  if (row.querySelector(`[data-testid="${UNTICKABLE_ID}"]`)) return;
  // The tooltip sits on a wrapper: a disabled box gets no mouse events of its own.
  const wrapper = document.createElement('span');
  wrapper.dataset.testid = UNTICKABLE_ID;
  wrapper.title = t('barCannotTick');
  wrapper.style.cssText = 'float: inline-start; cursor: help;';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.disabled = true;
  box.setAttribute('aria-label', t('barCannotTick'));
  box.style.cssText = BOX_STYLE;
  wrapper.append(box);
  (row.querySelector('td, [role="cell"], [role="gridcell"]') ?? row).prepend(wrapper);
}

export function removeRowCheckboxes(root: ParentNode): void {
  for (const box of Array.from(root.querySelectorAll(`[data-testid="${TEST_ID}"], [data-testid="${UNTICKABLE_ID}"]`)))
    box.remove();
}
