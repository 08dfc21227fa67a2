import { activitiesBetween, type TaskState } from './task-activity.js';

const ready: TaskState = { status: 'ready', owner: null, holdReason: null, holdNote: null };

describe('a task activity', () => {
  it('names an owner given, changed and taken away, with the owners before and after', () => {
    expect(activitiesBetween(ready, { ...ready, owner: 'ravi' })).toEqual([{ action: 'owner_assigned', from: null, to: 'ravi', note: null }]);
    expect(activitiesBetween({ ...ready, owner: 'ravi' }, { ...ready, owner: 'meera' })).toEqual([{ action: 'owner_changed', from: 'ravi', to: 'meera', note: null }]);
    expect(activitiesBetween({ ...ready, owner: 'meera' }, ready)).toEqual([{ action: 'owner_cleared', from: 'meera', to: null, note: null }]);
  });

  it('records nothing when nothing changed (the same owner again)', () => {
    expect(activitiesBetween({ ...ready, owner: 'ravi' }, { ...ready, owner: 'ravi' })).toEqual([]);
  });

  it('names a hold with its reason and note, a release, a start and a sign-off by the statuses', () => {
    const held = { ...ready, status: 'on_hold', holdReason: 'site_not_ready', holdNote: 'floor not cured' };
    expect(activitiesBetween(ready, held)).toEqual([{ action: 'held', from: 'ready', to: 'on_hold', note: 'site_not_ready: floor not cured' }]);
    expect(activitiesBetween(ready, { ...held, holdNote: null })[0].note).toBe('site_not_ready');
    expect(activitiesBetween(held, ready)).toEqual([{ action: 'released', from: 'on_hold', to: 'ready', note: null }]);
    expect(activitiesBetween(ready, { ...ready, status: 'in_progress' })[0].action).toBe('started');
    expect(activitiesBetween({ ...ready, status: 'in_progress' }, { ...ready, status: 'done' })[0]).toEqual({ action: 'completed', from: 'in_progress', to: 'done', note: null });
    expect(activitiesBetween(ready, { ...ready, status: 'scheduled' })[0].action).toBe('status_changed');
  });

  it('lets the action name a status change the statuses do not tell (a call-off), with its note', () => {
    const promised = { ...ready, status: 'promised' };
    expect(activitiesBetween(promised, ready, 'called_off', 'requested for 2026-12-01')).toEqual([
      { action: 'called_off', from: 'promised', to: 'ready', note: 'requested for 2026-12-01' },
    ]);
  });

  it('records an owner change and a status change of one action as two entries', () => {
    expect(activitiesBetween(ready, { ...ready, owner: 'ravi', status: 'in_progress' }).map((e) => e.action)).toEqual(['owner_assigned', 'started']);
  });
});
