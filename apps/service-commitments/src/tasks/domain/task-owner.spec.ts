import { OWNER_MAX_LENGTH, ownerChanges, ownerProblem } from './task-owner.js';
import { TaskTransitionError } from './task-transitions.js';

describe('task owner', () => {
  it('assigns, reassigns and clears the owner of open work', () => {
    expect(ownerChanges({ status: 'promised', owner: null }, 'ravi.kulkarni')).toBe(true);
    expect(ownerChanges({ status: 'in_progress', owner: 'ravi.kulkarni' }, 'meera.iyer')).toBe(true);
    expect(ownerChanges({ status: 'on_hold', owner: 'meera.iyer' }, null)).toBe(true);
  });

  it('sees that the same owner again changes nothing', () => {
    expect(ownerChanges({ status: 'scheduled', owner: 'meera.iyer' }, 'meera.iyer')).toBe(false);
    expect(ownerChanges({ status: 'ready', owner: null }, null)).toBe(false);
  });

  it('refuses to change the owner of done or cancelled work, with a reason', () => {
    expect(() => ownerChanges({ status: 'done', owner: 'meera.iyer' }, 'ravi.kulkarni')).toThrow(TaskTransitionError);
    expect(() => ownerChanges({ status: 'done', owner: 'meera.iyer' }, null)).toThrow('A task that is done cannot be given another owner');
    expect(() => ownerChanges({ status: 'cancelled', owner: null }, 'ravi.kulkarni')).toThrow(/cancelled cannot be given another owner/);
  });
});

describe('what may be an owner', () => {
  it('takes a user name or an e-mail address', () => {
    expect(ownerProblem('ravi.kulkarni')).toBeNull();
    expect(ownerProblem('meera.iyer@serviceloop.example')).toBeNull();
    expect(ownerProblem('x'.repeat(OWNER_MAX_LENGTH))).toBeNull();
  });

  it('refuses anything else with one reason each', () => {
    expect(ownerProblem(undefined)).toMatch(/owner is required/);
    expect(ownerProblem(42)).toMatch(/must be a user name \(text\), or null/);
    expect(ownerProblem(['ravi.kulkarni'])).toMatch(/must be a user name \(text\)/);
    expect(ownerProblem('')).toMatch(/must not be empty; send null/);
    expect(ownerProblem('   ')).toMatch(/must not be empty/);
    expect(ownerProblem('x'.repeat(OWNER_MAX_LENGTH + 1))).toBe(`owner must be at most ${OWNER_MAX_LENGTH} characters (it has ${OWNER_MAX_LENGTH + 1})`);
    expect(ownerProblem('ravi\nBcc: everyone@example.com')).toMatch(/control characters/);
  });
});
