import { FieldWorkError } from '../../errors/field-work.error.js';
import { decideCompletion, missingForCompletion, openRequiredItems, type ChecklistItem, type VisitForCompletion } from './completion.js';

const CHECKLIST: ChecklistItem[] = [
  { item: 'Foundation and anchoring verified', kind: 'step', required: true },
  { item: 'Torque wrench set', kind: 'tool', required: true },
  { item: 'Spare filter', kind: 'tool', required: false },
  { item: 'Commissioning report signed', kind: 'document', required: true },
];
const STARTED = new Date('2026-11-30T04:35:00Z');
const AT = new Date('2026-12-02T06:20:00Z');

function visit(ticked: string[], changes: Partial<VisitForCompletion> = {}): VisitForCompletion {
  return { status: 'in_progress', startedAt: STARTED, checklist: CHECKLIST, ticked: new Set(ticked), ...changes };
}

function refusal(fn: () => unknown): FieldWorkError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FieldWorkError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const ALL_REQUIRED = ['Foundation and anchoring verified', 'Torque wrench set', 'Commissioning report signed'];

describe('completing a visit', () => {
  it('completes when every required item is ticked and the customer signed; optional items may stay open', () => {
    const decision = decideCompletion(visit(ALL_REQUIRED), { outcome: 'completed', signOff: { name: ' Anil Deshmukh ', signedAt: null }, followUpReason: null, at: AT });
    expect(decision).toEqual({ outcome: 'completed', completedAt: AT, signOff: { name: 'Anil Deshmukh', signedAt: AT }, followUpReason: null });
  });

  it('lists every open required item and the missing sign-off at once', () => {
    const error = refusal(() => decideCompletion(visit(['Torque wrench set']), { outcome: 'completed', signOff: null, followUpReason: null, at: AT }));
    expect(error.code).toBe('VISIT_NOT_READY');
    expect(error.details.missing).toEqual([
      'checklist: Foundation and anchoring verified (step) not ticked',
      'checklist: Commissioning report signed (document) not ticked',
      "customer sign-off (the customer's name and when they signed)",
    ]);
    expect(error.message).toMatch(/^The visit cannot be completed; missing: checklist: Foundation/);
  });

  it("needs the customer's name, not just a time", () => {
    const error = refusal(() => decideCompletion(visit(ALL_REQUIRED), { outcome: 'completed', signOff: { name: '  ', signedAt: AT }, followUpReason: null, at: AT }));
    expect(error.details.missing).toEqual(["customer sign-off: the customer's name"]);
  });

  it('cannot complete against a checklist it has not received', () => {
    const error = refusal(() => decideCompletion(visit([], { checklist: null }), { outcome: 'completed', signOff: { name: 'A', signedAt: AT }, followUpReason: null, at: AT }));
    expect(error.details.missing).toEqual([expect.stringMatching(/^the task's checklist/)]);
  });

  it('closes an incomplete visit with the follow-up reason, whatever is ticked, and keeps a sign-off if given', () => {
    expect(decideCompletion(visit([]), { outcome: 'incomplete', signOff: null, followUpReason: ' Hydraulic pump failed on test run ', at: AT })).toEqual({
      outcome: 'incomplete',
      completedAt: AT,
      signOff: null,
      followUpReason: 'Hydraulic pump failed on test run',
    });
    expect(refusal(() => decideCompletion(visit([]), { outcome: 'incomplete', signOff: null, followUpReason: ' ', at: AT })).code).toBe('FOLLOW_UP_REASON_REQUIRED');
  });

  it('refuses a visit not checked in, completed or cancelled', () => {
    const request = { outcome: 'completed' as const, signOff: { name: 'A', signedAt: AT }, followUpReason: null, at: AT };
    expect(refusal(() => decideCompletion(visit(ALL_REQUIRED, { status: 'scheduled', startedAt: null }), request)).code).toBe('NOT_CHECKED_IN');
    expect(refusal(() => decideCompletion(visit(ALL_REQUIRED, { status: 'completed' }), request)).code).toBe('VISIT_CLOSED');
    expect(refusal(() => decideCompletion(visit(ALL_REQUIRED, { status: 'cancelled' }), request)).code).toBe('VISIT_CLOSED');
  });

  it('refuses a completion or signature before the check-in', () => {
    const early = new Date('2026-11-29T00:00:00Z');
    expect(refusal(() => decideCompletion(visit(ALL_REQUIRED), { outcome: 'completed', signOff: { name: 'A', signedAt: null }, followUpReason: null, at: early })).code).toBe('INVALID_TIME');
    expect(refusal(() => decideCompletion(visit(ALL_REQUIRED), { outcome: 'completed', signOff: { name: 'A', signedAt: early }, followUpReason: null, at: AT })).code).toBe('INVALID_TIME');
  });

  it('reports what is still open for the visit view', () => {
    expect(openRequiredItems(CHECKLIST, new Set(ALL_REQUIRED))).toEqual([]);
    expect(missingForCompletion(visit(ALL_REQUIRED), { name: 'A', signedAt: AT })).toEqual([]);
    expect(missingForCompletion(visit(ALL_REQUIRED), null)).toHaveLength(1);
  });
});
