// The recordings the user ticked, kept across the list's pages and re-renders.
import type { Recording } from './model';

type Listener = () => void;

export class Selection {
  private readonly chosen = new Map<string, Recording>();
  private readonly listeners = new Set<Listener>();

  has(id: string): boolean {
    return this.chosen.has(id);
  }

  get size(): number {
    return this.chosen.size;
  }

  /** Total announced size; recordings whose size is unknown count as zero. */
  get totalBytes(): number {
    let total = 0;
    for (const recording of this.chosen.values()) total += recording.sizeBytes ?? 0;
    return total;
  }

  recordings(): Recording[] {
    return [...this.chosen.values()];
  }

  set(recordings: Recording[], chosen: boolean): void {
    for (const recording of recordings) {
      if (chosen && recording.status === 'ready') this.chosen.set(recording.id, recording);
      else this.chosen.delete(recording.id);
    }
    this.changed();
  }

  /**
   * Everything a whole search found, in place of what was chosen before. Recordings still processing stay in:
   * the export lists them as skipped, with the reason, so that a whole search is accounted for.
   */
  replaceWithSearch(recordings: Recording[]): void {
    this.chosen.clear();
    for (const recording of recordings) this.chosen.set(recording.id, recording);
    this.changed();
  }

  /** How many of the chosen recordings cannot be exported yet. */
  get processing(): number {
    let count = 0;
    for (const recording of this.chosen.values()) if (recording.status !== 'ready') count++;
    return count;
  }

  /** Newer facts from the platform's listing replace what the row alone told us (size, status). */
  refresh(recordings: Recording[]): void {
    let changed = false;
    for (const recording of recordings) {
      const before = this.chosen.get(recording.id);
      if (!before) continue;
      // One found by a whole search stays even while processing; a ticked one never becomes one.
      if (recording.status === 'ready' || before.status !== 'ready') this.chosen.set(recording.id, recording);
      else this.chosen.delete(recording.id);
      changed = true;
    }
    if (changed) this.changed();
  }

  clear(): void {
    this.chosen.clear();
    this.changed();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

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
