import { encodeBinary, encodeStructured, exampleEvent, type CloudEvent } from '#contracts';

type SalesOrderData = { orderId: string; customerPoNumber?: string; lines: { unitPrice: unknown }[] };

/** The contract's example sales order under another order id, as a fresh CloudEvent. */
export function orderEvent(orderId: string): CloudEvent<SalesOrderData> {
  const event = exampleEvent<SalesOrderData>('erp.sales-order.created.v1');
  event.data.orderId = orderId;
  event.subject = orderId;
  return event;
}

export function cancellationEvent(orderId: string, lineIds?: string[]): CloudEvent {
  const event = exampleEvent<{ orderId: string; lineIds?: string[] }>('erp.sales-order.cancelled.v1');
  event.data.orderId = orderId;
  event.subject = orderId;
  if (lineIds) event.data.lineIds = lineIds;
  else delete event.data.lineIds;
  return event;
}

/** A Kafka record in structured mode, keyed by order id as the contract says. */
export function structuredRecord(event: CloudEvent) {
  const { value, headers } = encodeStructured(event);
  return { key: (event.data as { orderId?: string }).orderId ?? null, value, headers };
}

export function binaryRecord(event: CloudEvent) {
  const { value, headers } = encodeBinary(event);
  return { key: (event.data as { orderId?: string }).orderId ?? null, value, headers };
}
