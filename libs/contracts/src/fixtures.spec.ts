import { decodeKafkaRecord, encodeStructured } from './envelope.js';
import { validateEventData } from './event-catalog.js';
import type { SalesOrderCreatedV1 } from './events/sales-order-created.v1.js';
import {
  EXAMPLE_DATA,
  exampleEvent,
  exampleInvoicePosted,
  examplePartsIssued,
  exampleSalesOrderCreated,
} from './fixtures.js';

describe('exampleEvent', () => {
  it('builds a complete CloudEvent from the type example', () => {
    const event = exampleEvent('erp.sales-order.created.v1');
    expect(event).toMatchObject({
      specversion: '1.0',
      source: 'erp://plant-01',
      type: 'erp.sales-order.created.v1',
      subject: 'SO-2026-0142',
      datacontenttype: 'application/json',
      data: exampleSalesOrderCreated,
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(Date.parse(event.time!) - Date.now())).toBeLessThan(5000);
    expect(decodeKafkaRecord(encodeStructured(event).value, undefined)).toMatchObject({ ok: true, event });
  });

  it('gives every event a fresh id', () => {
    expect(exampleEvent('erp.invoice.posted.v1').id).not.toBe(exampleEvent('erp.invoice.posted.v1').id);
  });

  it('uses the invoice request id as subject for accounting events', () => {
    expect(exampleEvent('erp.invoice.posted.v1', exampleInvoicePosted).subject).toBe('<id>');
    expect(exampleEvent('psa.invoice.requested.v1').subject).toBe('<stable id>');
  });

  it('omits the subject when the data has no order', () => {
    const { orderId: _, ...withoutOrder } = examplePartsIssued;
    expect(exampleEvent('erp.parts.issued.v1', withoutOrder)).not.toHaveProperty('subject');
  });

  it('applies overrides last', () => {
    const event = exampleEvent('erp.sales-order.created.v1', undefined, { id: 'fixed', source: 'erp://plant-02', correlationid: 'c-1' });
    expect(event).toMatchObject({ id: 'fixed', source: 'erp://plant-02', correlationid: 'c-1' });
  });

  it('copies the data so tests may change it', () => {
    const event = exampleEvent<SalesOrderCreatedV1>('erp.sales-order.created.v1');
    event.data.orderId = 'SO-OTHER';
    expect(exampleSalesOrderCreated.orderId).toBe('SO-2026-0142');
  });

  it('builds events of unknown types when given data, for UNKNOWN_TYPE tests', () => {
    expect(exampleEvent('erp.sales-order.created.v9', { orderId: 'SO-9' })).toMatchObject({ type: 'erp.sales-order.created.v9', subject: 'SO-9' });
    expect(() => exampleEvent('erp.sales-order.created.v9')).toThrow('no example data');
  });
});

describe('examples', () => {
  it('are frozen so no test changes them for the next', () => {
    expect(() => {
      (exampleSalesOrderCreated.lines[0] as { quantity: number }).quantity = 2;
    }).toThrow(TypeError);
  });

  it('are all valid', () => {
    for (const [type, data] of Object.entries(EXAMPLE_DATA)) expect([type, validateEventData(type, data).ok]).toEqual([type, true]);
  });
});
