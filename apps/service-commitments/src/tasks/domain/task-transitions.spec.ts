import { commitmentStatusOf, nextStatus, TaskTransitionError } from './task-transitions.js';

describe('task transitions', () => {
  it('moves a task along promised → ready → scheduled → in progress → done', () => {
    expect(nextStatus('ready', 'promised')).toBe('ready');
    expect(nextStatus('schedule', 'ready')).toBe('scheduled');
    expect(nextStatus('start', 'scheduled')).toBe('in_progress');
    expect(nextStatus('complete', 'in_progress')).toBe('done');
  });

  it('puts work on hold and releases it back to where it was', () => {
    expect(nextStatus('hold', 'scheduled')).toBe('on_hold');
    expect(nextStatus('release', 'on_hold', 'scheduled')).toBe('scheduled');
    expect(nextStatus('release', 'on_hold', null)).toBe('ready');
  });

  it('refuses what makes no sense, with a reason', () => {
    expect(() => nextStatus('complete', 'cancelled')).toThrow(TaskTransitionError);
    expect(() => nextStatus('cancel', 'done')).toThrow('A task that is done cannot be cancelled');
    expect(() => nextStatus('hold', 'in_progress')).toThrow(/in progress cannot be put on hold/);
    expect(() => nextStatus('release', 'ready')).toThrow(/released from hold/);
  });
});

describe('commitment status from its tasks', () => {
  it('follows the work', () => {
    expect(commitmentStatusOf([])).toBe('promised');
    expect(commitmentStatusOf(['promised', 'promised'])).toBe('promised');
    expect(commitmentStatusOf(['ready', 'promised'])).toBe('ready');
    expect(commitmentStatusOf(['scheduled', 'ready'])).toBe('scheduled');
    expect(commitmentStatusOf(['done', 'promised'])).toBe('in_progress');
    expect(commitmentStatusOf(['done', 'cancelled'])).toBe('done');
    expect(commitmentStatusOf(['cancelled', 'cancelled'])).toBe('cancelled');
    expect(commitmentStatusOf(['on_hold', 'ready'])).toBe('on_hold');
    expect(commitmentStatusOf(['in_progress', 'on_hold'])).toBe('in_progress');
  });
});
