import { planCancellation, type CancellableCommitment } from './commitment-status.js';

const commitments: CancellableCommitment[] = [
  { id: 'install', orderLineId: '20', status: 'done' },
  { id: 'training', orderLineId: '30', status: 'in_progress' },
  { id: 'calibration', orderLineId: '40', status: 'scheduled' },
  { id: 'visit-1', orderLineId: '50', status: 'promised' },
  { id: 'visit-2', orderLineId: '50', status: 'on_hold' },
  { id: 'amc', orderLineId: '60', status: 'cancelled' },
];
const lines = ['10', '20', '30', '40', '50', '60'];

describe('cancelling an order', () => {
  it('cancels unstarted work and sends started or finished work to review', () => {
    const plan = planCancellation(commitments, lines, undefined, 'Customer withdrew');
    expect(plan.cancel).toEqual(['calibration', 'visit-1', 'visit-2']);
    expect(plan.review.map((r) => r.id)).toEqual(['install', 'training']);
    expect(plan.review[1].reason).toMatch(/Customer withdrew.*in progress/);
  });

  it('touches only the named lines, and reports lines the order does not have', () => {
    const plan = planCancellation(commitments, lines, ['50', '99'], 'Fewer visits');
    expect(plan.cancel).toEqual(['visit-1', 'visit-2']);
    expect(plan.review).toEqual([]);
    expect(plan.unknownLines).toEqual(['99']);
  });

  it('leaves already cancelled commitments alone', () => {
    expect(planCancellation(commitments, lines, ['60'], 'again').cancel).toEqual([]);
  });
});
