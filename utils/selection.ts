// Which rows a click on a row's box ticks. The selection itself is the bar's state (components/bar-state.ts).

/**
 * The rows a click ticks: the clicked one, or with Shift every row from the one clicked before (the anchor)
 * to this one, in the page's order, as in a file manager. An anchor no longer shown counts as no anchor.
 */
export function clickedRange(shown: string[], clicked: string, anchor?: string): string[] {
  const at = shown.indexOf(clicked);
  if (at < 0) return [];
  const from = anchor === undefined ? -1 : shown.indexOf(anchor);
  return from < 0 ? [clicked] : shown.slice(Math.min(at, from), Math.max(at, from) + 1);
}
