import { contractLineOf, draftInvoiceRequests, type ReadyLine } from './invoice-drafts.js';

const line = (over: Partial<ReadyLine>): ReadyLine => ({
  id: 'l-1',
  customerId: 'C-1007',
  projectId: 'p-1',
  orderId: 'SO-2026-0142',
  orderLineId: '20',
  customerPoNumber: 'PO-88121',
  currency: 'INR',
  sku: 'SVC-INSTALL',
  description: 'Installation and commissioning',
  workDate: '2026-11-28',
  quantity: '1',
  unitPrice: '60000.00',
  amount: '60000.00',
  sourceKind: 'milestone',
  sourceRef: 'task-1',
  previousRequestId: null,
  ...over,
});

describe('invoice request drafts', () => {
  it("the example installation: one line with orderLineId 20, the order's PO and total 60000.00", () => {
    expect(draftInvoiceRequests([line({})])).toEqual([
      {
        customerId: 'C-1007',
        projectId: 'p-1',
        orderId: 'SO-2026-0142',
        customerPoNumber: 'PO-88121',
        currency: 'INR',
        period: { from: '2026-11-01', to: '2026-11-30' },
        lines: [
          {
            lineId: 'l-1',
            orderLineId: '20',
            description: 'Installation and commissioning',
            sku: 'SVC-INSTALL',
            quantity: 1,
            unitPrice: '60000.00',
            amount: '60000.00',
            source: { kind: 'milestone', refs: ['task-1'] },
          },
        ],
        total: '60000.00',
        supersedes: null,
      },
    ]);
  });

  it('period cut-off: work after the cut-off waits for the next request', () => {
    const lines = [line({ id: 'a', workDate: '2026-11-28' }), line({ id: 'b', workDate: '2026-12-02', amount: '1500.00', quantity: '1', unitPrice: '1500.00' })];
    const [draft] = draftInvoiceRequests(lines, { cutoff: '2026-11-30' });
    expect(draft.lines.map((l) => l.lineId)).toEqual(['a']);
    expect(draft.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(draft.total).toBe('60000.00');
  });

  it('partial invoicing: only the chosen lines are requested; the rest stay ready', () => {
    const lines = [line({ id: 'a' }), line({ id: 'b', orderLineId: '30', amount: '25000.00', unitPrice: '25000.00' })];
    const [draft] = draftInvoiceRequests(lines, { lineIds: ['b'] });
    expect(draft.lines.map((l) => l.orderLineId)).toEqual(['30']);
    expect(draft.total).toBe('25000.00');
  });

  it('one request per customer, order and currency', () => {
    const drafts = draftInvoiceRequests([line({ id: 'a' }), line({ id: 'b', orderId: null, projectId: null, orderLineId: null, sourceKind: 'time', amount: '15000.00', quantity: '6', unitPrice: '2500.00' }), line({ id: 'c', customerId: 'C-2001' })]);
    expect(drafts.map((d) => [d.customerId, d.orderId, d.total])).toEqual([
      ['C-1007', 'SO-2026-0142', '60000.00'],
      ['C-1007', null, '15000.00'],
      ['C-2001', 'SO-2026-0142', '60000.00'],
    ]);
  });

  it('rejection: the re-submission names the rejected request in supersedes', () => {
    const [draft] = draftInvoiceRequests([line({ previousRequestId: 'ir-rejected' })]);
    expect(draft.supersedes).toBe('ir-rejected');
  });

  it('credit note: credited lines re-billed later name the credited request', () => {
    const [draft] = draftInvoiceRequests([line({ id: 'x', previousRequestId: 'ir-credited' }), line({ id: 'y', orderLineId: '30' })]);
    expect(draft.supersedes).toBe('ir-credited');
    expect(draft.lines).toHaveLength(2);
  });

  it('lines from two rejected requests go out as two re-submissions, each superseding its own; new work rides with the first', () => {
    const drafts = draftInvoiceRequests([
      line({ id: 'a', workDate: '2026-12-02', previousRequestId: 'ir-2' }),
      line({ id: 'b', orderLineId: '30', workDate: '2026-11-28', previousRequestId: 'ir-1', amount: '25000.00', unitPrice: '25000.00' }),
      line({ id: 'c', orderLineId: '40', workDate: '2026-12-05', amount: '15000.00', unitPrice: '15000.00' }),
    ]);
    expect(drafts.map((d) => [d.supersedes, d.lines.map((l) => l.lineId), d.total])).toEqual([
      ['ir-1', ['b', 'c'], '40000.00'],
      ['ir-2', ['a'], '60000.00'],
    ]);
  });

  it('a capped or overridden line goes as one unit at its amount, so amount = quantity × unit price holds', () => {
    expect(contractLineOf(line({ sourceKind: 'time', quantity: '6', unitPrice: '2500.00', amount: '5000.00' }))).toMatchObject({ quantity: 1, unitPrice: '5000.00', amount: '5000.00' });
    expect(contractLineOf(line({ sourceKind: 'time', quantity: '2.25', unitPrice: '333.3333', amount: '750.00' }))).toMatchObject({ quantity: 2.25, unitPrice: '333.3333', amount: '750.00' });
  });

  it('zero-amount lines are never requested', () => {
    expect(draftInvoiceRequests([line({ amount: '0.00', unitPrice: '0' })])).toEqual([]);
  });
});
