import { ANALYTICS_TOPICS } from './analytics-topics.js';
import { BatchState } from './batch-state.js';
import { EVENT_HANDLERS, HANDLED_TYPES } from './event-handlers.js';

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

/** billing's psa.invoice.answered.v1 for IR-9. */
function answered(answer: 'posted' | 'rejected' | 'cancelled', answeredAt: string, extra: object = {}): [string, object] {
  return [
    'psa.invoice.answered.v1',
    { invoiceRequestId: 'IR-9', answer, answeredAt, customerId: 'C-9', projectId: null, orderId: 'SO-9', currency: 'INR', invoiceNumber: null, postedTotal: null, totalMismatch: false, reason: null, ...extra },
  ];
}

describe('invoice requests and their answers (analytics)', () => {
  const requested: [string, object] = [
    'psa.invoice.requested.v1',
    { invoiceRequestId: 'IR-9', supersedes: 'IR-8', orderId: 'SO-9', customerId: 'C-9', currency: 'INR', total: '5000.00', requestedAt: '2027-05-01T10:00:00Z', lines: [] },
  ];
  const posted = answered('posted', '2027-05-04T10:00:00Z', { invoiceNumber: 'INV-9', postedTotal: '5000.00' });
  // Billing announces a credit note with the request as it then stands: the posted invoice's number and total.
  const credited = answered('cancelled', '2027-05-20T10:00:00Z', { invoiceNumber: 'INV-9', postedTotal: '5000.00', reason: 'Credit note CN-9' });

  it("takes the answers from billing's announcements, not from ERP accounting's topic", () => {
    expect(HANDLED_TYPES).toContain('psa.invoice.answered.v1');
    for (const type of ['erp.invoice.posted.v1', 'erp.invoice.rejected.v1', 'erp.invoice.cancelled.v1']) expect(HANDLED_TYPES).not.toContain(type);
    expect(ANALYTICS_TOPICS).not.toContain('erp.accounting');
    expect(ANALYTICS_TOPICS).toContain('psa.billing');
  });

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

  it('lets a credit note stand over its posting even when the ERP dated it earlier', () => {
    // Billing accepts a credit note for any posted request, whatever its date: it is the later answer in billing's books.
    const early = answered('cancelled', '2027-05-03T10:00:00Z', { invoiceNumber: 'INV-9', postedTotal: '5000.00', reason: 'Credit note CN-9' });
    for (const order of permutations([requested, posted, early])) {
      expect(rowAfter(order)).toMatchObject({ answer: 'cancelled', answered_at: '2027-05-03T10:00:00Z', posted_at: '2027-05-04T10:00:00Z', invoice_number: 'INV-9' });
    }
  });

  it("keeps the posting's number and total over a credit note's, whatever the order", () => {
    const other = answered('cancelled', '2027-05-20T10:00:00Z', { invoiceNumber: 'INV-9-X', postedTotal: '4999.00', reason: 'Credit note CN-9' });
    for (const order of permutations([requested, posted, other])) expect(rowAfter(order)).toMatchObject({ invoice_number: 'INV-9', posted_total: '5000.00' });
  });

  it('takes a request announced once as credited (announced before billing told postings) with the number and total billing holds', () => {
    expect(rowAfter([credited, requested])).toMatchObject({ answer: 'cancelled', posted_at: null, invoice_number: 'INV-9', posted_total: '5000.00', customer_id: 'C-9' });
  });

  it('keeps an answer that came before its request, and knows no customer until the request comes', () => {
    const rejected = answered('rejected', '2027-05-02T10:00:00Z', { reason: 'PO missing' });
    expect(rowAfter([rejected])).toMatchObject({ customer_id: null, requested_at: null, answer: 'rejected', answer_reason: 'PO missing', posted_at: null });
    expect(rowAfter([rejected, requested])).toMatchObject({ customer_id: 'C-9', answer: 'rejected', answered_at: '2027-05-02T10:00:00Z' });
  });

  it('gives the same row when billing announces the same answer twice (a redelivery, or the announcement of answers made before)', () => {
    expect(rowAfter([requested, posted, posted])).toEqual(rowAfter([requested, posted]));
    expect(rowAfter([requested, posted, credited, credited, posted])).toEqual(rowAfter([requested, posted, credited]));
  });

  it('leaves a request awaiting while billing has announced no answer', () => {
    expect(rowAfter([requested])).toMatchObject({ answer: null, answered_at: null, posted_at: null, invoice_number: null, posted_total: null });
  });
});
