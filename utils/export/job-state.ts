// A job is an explicit state machine: what may happen in each state is written down here, once, and tested.

export type JobState =
  | 'queued'
  | 'running'
  | 'paused'
  | 'completed'
  | 'completed-with-failures'
  | 'failed'
  | 'cancelled';

export type JobEvent = 'start' | 'pause' | 'resume' | 'finish' | 'finish-with-failures' | 'fail' | 'cancel';

const TRANSITIONS: Record<JobState, Partial<Record<JobEvent, JobState>>> = {
  queued: { start: 'running', pause: 'paused', fail: 'failed', cancel: 'cancelled' },
  running: {
    pause: 'paused',
    finish: 'completed',
    'finish-with-failures': 'completed-with-failures',
    fail: 'failed',
    cancel: 'cancelled',
  },
  // A paused job goes back to the queue: it runs again when no other job is running.
  paused: { resume: 'queued', fail: 'failed', cancel: 'cancelled' },
  completed: {},
  'completed-with-failures': {},
  failed: {},
  cancelled: {},
};

/** The state after `event`, or null when the event is not allowed now (a late event for a finished job). */
export function nextState(state: JobState, event: JobEvent): JobState | null {
  return TRANSITIONS[state][event] ?? null;
}

export function isFinished(state: JobState): boolean {
  return Object.keys(TRANSITIONS[state]).length === 0;
}

export function allows(state: JobState, event: JobEvent): boolean {
  return nextState(state, event) !== null;
}

/**
 * 'written': ZIP only, the file's bytes went into its volume's stream; it becomes 'done' when that volume is saved
 * complete, and goes back to 'queued' when the volume is thrown away.
 */
/** 'skipped': never tried, for a reason that is not a failure (the recording is still processing). */
export type FileState = 'queued' | 'running' | 'written' | 'done' | 'failed' | 'skipped';

/** A ZIP volume: written as one stream, saved by the browser as one file. */
export type VolumeState = 'pending' | 'saving' | 'saved';
