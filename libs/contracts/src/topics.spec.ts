import { CONSUMED_TOPICS, DLQ_REASON_CODES, DlqHeaders, Topics, dlqTopicOf, isDlqTopic } from './topics.js';

describe('topics', () => {
  it('are the contract topics plus the internal ones', () => {
    expect(Object.values(Topics).sort()).toEqual(
      ['erp.sales-orders', 'erp.dispatches', 'erp.inventory', 'erp.accounting', 'psa.invoices', 'psa.service-projects', 'psa.schedules', 'psa.field-work', 'psa.billing'].sort(),
    );
  });

  it('give every consumed topic a .dlq sibling, but not the one the ERP consumes', () => {
    expect(CONSUMED_TOPICS.map(dlqTopicOf)).toEqual([
      'erp.sales-orders.dlq',
      'erp.dispatches.dlq',
      'erp.inventory.dlq',
      'erp.accounting.dlq',
      'psa.service-projects.dlq',
      'psa.schedules.dlq',
      'psa.field-work.dlq',
      'psa.billing.dlq',
    ]);
    expect(CONSUMED_TOPICS).not.toContain(Topics.invoices);
    expect(isDlqTopic('erp.sales-orders.dlq')).toBe(true);
    expect(isDlqTopic('erp.sales-orders')).toBe(false);
  });

  it('dead-letter with exactly the contract codes and headers', () => {
    expect(DLQ_REASON_CODES).toEqual([
      'INVALID_JSON',
      'INVALID_ENVELOPE',
      'SCHEMA_VIOLATION',
      'UNKNOWN_TYPE',
      'ORDER_EXISTS',
      'ORDER_NOT_FOUND',
      'PROCESSING_FAILED',
    ]);
    expect(Object.values(DlqHeaders)).toEqual([
      'dlq-reason-code',
      'dlq-reason',
      'dlq-original-topic',
      'dlq-original-partition',
      'dlq-original-offset',
      'dlq-failed-at',
    ]);
  });
});
