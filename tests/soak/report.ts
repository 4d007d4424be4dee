// The soak's closing line per destination, in one fixed form so that a person or a script can read it:
// `SOAK zip: PASS files=329 exact=329 duplicates=0 … minutes=15.2 faults=reset:14,stall:3,… reasons=…`.
import type { Destination } from './options.ts';
import type { SoakResult } from './run.ts';

export function soakLine(result: SoakResult): string {
  const { counts, memory } = result;
  const faults = Object.entries(result.faults)
    .map(([kind, n]) => `${kind}:${n}`)
    .join(',');
  const fields = [
    `files=${counts.files}`,
    `exact=${counts.exact}`,
    `duplicates=${counts.duplicates}`,
    `corrupt=${counts.corrupt}`,
    `failed=${counts.failed}`,
    `history-mismatch=${counts.historyMismatch}`,
    `leftovers=${result.leftovers.length}`,
    `unaborted=${result.unaborted}`,
    `rss-first-quarter=${memory.firstQuarterMB.toFixed(0)} MB`,
    `rss-last-quarter=${memory.lastQuarterMB.toFixed(0)} MB`,
    `minutes=${result.minutes.toFixed(1)}`,
    `faults=${faults}`,
  ];
  const verdict = result.reasons.length === 0 ? 'PASS' : 'FAIL';
  const why = result.reasons.length === 0 ? '' : ` reasons=${result.reasons.join('; ')}`;
  return `SOAK ${result.destination}: ${verdict} ${fields.join(' ')}${why}`;
}

/** The details behind a FAIL: what each disagreement was (the first few). */
export function soakNotes(result: SoakResult): string[] {
  return result.counts.notes.slice(0, 60).map((note) => `  ${result.destination}: ${note}`);
}

/** A soak that could not run to its end (a step that never happened, a browser that did not start). */
export function brokenResult(destination: Destination, error: unknown): SoakResult {
  return {
    destination,
    counts: {
      files: 0,
      exact: 0,
      duplicates: 0,
      missing: 0,
      corrupt: 0,
      failed: 0,
      historyMismatch: 0,
      notes: [],
    },
    leftovers: [],
    unaborted: 0,
    memory: { firstQuarterMB: 0, lastQuarterMB: 0, samples: 0, flat: false },
    minutes: 0,
    faults: {},
    reasons: [`could not finish: ${error instanceof Error ? error.message : String(error)}`],
  };
}
