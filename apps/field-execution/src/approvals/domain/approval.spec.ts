import { FieldWorkError } from '../../errors/field-work.error.js';
import { assertCorrectable, assertEditable, decide, type DecidableEntry } from './approval.js';

const entry = (status: DecidableEntry['status'], id = 'T-1'): DecidableEntry => ({ id, status });

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof FieldWorkError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('approval of time and expenses', () => {
  it('lets a waiting entry be edited, and locks decided ones', () => {
    expect(codeOf(() => assertEditable('time entry', entry('submitted')))).toBe('accepted');
    expect(codeOf(() => assertEditable('time entry', entry('approved')))).toBe('ENTRY_LOCKED');
    expect(codeOf(() => assertEditable('expense', entry('rejected')))).toBe('ENTRY_LOCKED');
  });

  it('approves or rejects (with a reason) only what waits for a decision', () => {
    expect(decide('time entry', entry('submitted'), 'approve')).toEqual({ status: 'approved', reason: null });
    expect(decide('time entry', entry('submitted'), 'reject', ' Split travel from work ')).toEqual({ status: 'rejected', reason: 'Split travel from work' });
    expect(codeOf(() => decide('time entry', entry('submitted'), 'reject', ' '))).toBe('REASON_REQUIRED');
    expect(codeOf(() => decide('time entry', entry('approved'), 'approve'))).toBe('ENTRY_NOT_PENDING');
    expect(codeOf(() => decide('expense', entry('rejected'), 'approve'))).toBe('ENTRY_NOT_PENDING');
  });

  it('corrects only decided entries, each through the latest correction', () => {
    expect(codeOf(() => assertCorrectable('time entry', entry('approved'), null))).toBe('accepted');
    expect(codeOf(() => assertCorrectable('time entry', entry('rejected'), null))).toBe('accepted');
    expect(codeOf(() => assertCorrectable('time entry', entry('submitted'), null))).toBe('CORRECTION_NOT_ALLOWED');
    expect(codeOf(() => assertCorrectable('time entry', entry('approved'), entry('submitted', 'T-2')))).toBe('CORRECTION_NOT_ALLOWED');
  });
});
