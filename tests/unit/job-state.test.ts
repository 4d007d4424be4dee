import { describe, expect, it } from 'vitest';
import { isFinished, type JobEvent, type JobState, nextState } from '@/utils/export/job-state';

describe('the export state machine', () => {
  it.each<[JobState, JobEvent, JobState | null]>([
    ['queued', 'start', 'running'],
    ['queued', 'cancel', 'cancelled'],
    ['queued', 'fail', 'failed'],
    ['queued', 'finish', null],
    ['running', 'finish', 'completed'],
    ['running', 'finish-with-failures', 'completed-with-failures'],
    ['running', 'fail', 'failed'],
    ['running', 'cancel', 'cancelled'],
    ['running', 'start', null],
    ['completed', 'fail', null],
    ['cancelled', 'finish', null],
    ['failed', 'start', null],
    ['completed-with-failures', 'cancel', null],
    ['running', 'pause', 'paused'],
    ['queued', 'pause', 'paused'],
    ['paused', 'resume', 'queued'],
    ['paused', 'cancel', 'cancelled'],
    ['paused', 'start', null],
    ['paused', 'finish', null],
    ['completed', 'resume', null],
  ])('%s + %s -> %s', (state, event, expected) => {
    expect(nextState(state, event)).toBe(expected);
  });

  it('knows which states are final', () => {
    expect(['queued', 'running', 'paused'].map((s) => isFinished(s as JobState))).toEqual([false, false, false]);
    expect(
      (['completed', 'completed-with-failures', 'failed', 'cancelled'] as JobState[]).every((s) => isFinished(s)),
    ).toBe(true);
  });
});
