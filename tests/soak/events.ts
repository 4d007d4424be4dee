// When the once-per-run events happen, in seconds from the export's start: the session ends a third of the way
// in, the browser restarts two thirds of the way, the worker is stopped every few minutes in between (never in
// the same minute as the other two, so each is seen on its own).

export type EventKind = 'session expiry' | 'browser restart' | 'worker stop';

export interface PlannedEvent {
  kind: EventKind;
  atSec: number;
}

export function planEvents(runSec: number, workerStopEverySec: number): PlannedEvent[] {
  const expiry = Math.round(runSec * 0.35);
  const restart = Math.round(runSec * 0.65);
  const events: PlannedEvent[] = [
    { kind: 'session expiry', atSec: expiry },
    { kind: 'browser restart', atSec: restart },
  ];
  const every = Math.min(workerStopEverySec, runSec / 4);
  for (let at = every; at < runSec; at += every) {
    if (Math.abs(at - expiry) > 20 && Math.abs(at - restart) > 20) events.push({ kind: 'worker stop', atSec: at });
  }
  // At least one worker stop in any run: half-way between the expiry and the restart.
  if (!events.some((event) => event.kind === 'worker stop')) {
    events.push({ kind: 'worker stop', atSec: Math.round(runSec / 2) });
  }
  return events.sort((a, b) => a.atSec - b.atSec);
}
