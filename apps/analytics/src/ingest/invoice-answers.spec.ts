import { BatchState } from './batch-state.js';
import { EVENT_HANDLERS } from './event-handlers.js';

/** An invoice request's row after its events, applied in the given order in one batch. */
function rowAfter(events: [string, object][]) {
  const state = new BatchState();
  state.loaded('invoice_request', 'IR-9', undefined);
  for (const [type, data] of events) EVENT_HANDLERS[type]!.apply(state, data, '2027-01-01T00:00:00Z');
  return state.get('invoice_request', 'IR-9');
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('invoice requests and their answers (analytics)', () => {
  const requested: [string, object] = [
    'psa.invoice.requested.v1',
    { invoiceRequestId: 'IR-9', supersedes: 'IR-8', orderId: 'SO-9', customerId: 'C-9', currency: 'INR', total: '5000.00', requestedAt: '2027-05-01T10:00:00Z', lines: [] },
  ];
  const posted: [string, object] = ['erp.invoice.posted.v1', { invoiceRequestId: 'IR-9', invoiceNumber: 'INV-9', postedAt: '2027-05-04T10:00:00Z', total: '5000.00' }];
  const credited: [string, object] = ['erp.invoice.cancelled.v1', { invoiceRequestId: 'IR-9', invoiceNumber: 'INV-9', cancelledAt: '2027-05-20T10:00:00Z', reason: 'Credit note CN-9' }];

  it('ends as credited with the posting kept, whatever order the request, the posting and the credit note arrive in', () => {
    const rows = permutations([requested, posted, credited]).map(rowAfter);
    for (const row of rows) expect(row).toEqual(rows[0]);
    expect(rows[0]).toEqual({
      invoice_request_id: 'IR-9',
      customer_id: 'C-9',
      order_id: 'SO-9',
      currency: 'INR',
      total: '5000.00',
      supersedes: 'IR-8',
      requested_at: '2027-05-01T10:00:00Z',
      answer: 'cancelled',
      answered_at: '2027-05-20T10:00:00Z',
      answer_reason: 'Credit note CN-9',
      posted_at: '2027-05-04T10:00:00Z',
      invoice_number: 'INV-9',
      posted_total: '5000.00',
    });
  });

  it('keeps an answer that came before its request, and knows no customer until the request comes', () => {
    const rejected: [string, object] = ['erp.invoice.rejected.v1', { invoiceRequestId: 'IR-9', rejectedAt: '2027-05-02T10:00:00Z', reason: 'PO missing' }];
    expect(rowAfter([rejected])).toMatchObject({ customer_id: null, requested_at: null, answer: 'rejected', answer_reason: 'PO missing' });
    expect(rowAfter([rejected, requested])).toMatchObject({ customer_id: 'C-9', answer: 'rejected', answered_at: '2027-05-02T10:00:00Z' });
  });
});
