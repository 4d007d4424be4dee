// A job is an explicit state machine: what may happen in each state is written down here, once, and tested.

export type JobState = 'queued' | 'running' | 'completed' | 'completed-with-failures' | 'failed' | 'cancelled';

export type JobEvent = 'start' | 'finish' | 'finish-with-failures' | 'fail' | 'cancel';

const TRANSITIONS: Record<JobState, Partial<Record<JobEvent, JobState>>> = {
  queued: { start: 'running', fail: 'failed', cancel: 'cancelled' },
  running: {
    finish: 'completed',
    'finish-with-failures': 'completed-with-failures',
    fail: 'failed',
    cancel: 'cancelled',
  },
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

export type FileState = 'queued' | 'running' | 'done' | 'failed';
