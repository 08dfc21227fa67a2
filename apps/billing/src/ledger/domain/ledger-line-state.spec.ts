import { LedgerTransitionRefused, canApply, nextState } from './ledger-line-state.js';

describe('ledger line states', () => {
  it('go unbilled → ready → requested → invoiced', () => {
    expect(nextState('become_ready', 'unbilled')).toBe('ready');
    expect(nextState('request', 'ready')).toBe('requested');
    expect(nextState('post', 'requested')).toBe('invoiced');
  });

  it('rejection: a requested line goes back to review, and from there to ready when finance re-bills it', () => {
    expect(nextState('reject', 'requested')).toBe('review');
    expect(nextState('rebill', 'review')).toBe('ready');
  });

  it('credit note: an invoiced line goes back to review, to be re-billed or written off', () => {
    expect(nextState('credit', 'invoiced')).toBe('review');
    expect(nextState('write_off', 'review')).toBe('written_off');
  });

  it('a line is requested only from ready: never twice, never while on hold', () => {
    for (const state of ['requested', 'invoiced', 'on_hold', 'review', 'written_off', 'non_billable', 'unbilled'] as const) {
      expect(canApply('request', state)).toBe(false);
    }
    expect(() => nextState('request', 'requested')).toThrow(LedgerTransitionRefused);
    expect(() => nextState('request', 'requested')).toThrow('cannot request a line that is requested (allowed from ready)');
  });

  it('a hold returns the line where it was', () => {
    expect(nextState('hold', 'review')).toBe('on_hold');
    expect(nextState('release', 'on_hold', 'review')).toBe('review');
    expect(nextState('release', 'on_hold', null)).toBe('ready');
  });

  it('a price override keeps the line where it is (review lines become ready), and is refused once requested', () => {
    expect(nextState('override_price', 'ready')).toBe('ready');
    expect(nextState('override_price', 'review')).toBe('ready');
    expect(nextState('override_price', 'on_hold')).toBe('on_hold');
    expect(canApply('override_price', 'requested')).toBe(false);
    expect(canApply('override_price', 'invoiced')).toBe(false);
  });

  it('a corrected entry reverses its line unless it is on a request or invoiced', () => {
    expect(nextState('reverse', 'ready')).toBe('reversed');
    expect(nextState('reverse', 'non_billable')).toBe('reversed');
    expect(canApply('reverse', 'requested')).toBe(false);
  });
});
