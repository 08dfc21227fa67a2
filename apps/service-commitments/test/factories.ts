import { encodeBinary, encodeStructured, exampleEvent, type CloudEvent } from '#contracts';

type SalesOrderData = { orderId: string; customerPoNumber?: string; lines: { lineId?: string; quantity?: number; unitPrice: unknown; [field: string]: unknown }[] };

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

/** The contract's example dispatch for an order, under another dispatch id if given. */
export function dispatchEvent(orderId: string, overrides: { dispatchId?: string; lines?: unknown[]; dispatchedAt?: string; expectedDeliveryDate?: string } = {}): CloudEvent {
  const event = exampleEvent<{ orderId: string; dispatchId: string; lines: unknown[]; dispatchedAt: string; expectedDeliveryDate?: string }>('erp.machine.dispatched.v1');
  event.data.orderId = orderId;
  event.subject = orderId;
  if (overrides.dispatchId) event.data.dispatchId = overrides.dispatchId;
  if (overrides.lines) event.data.lines = overrides.lines;
  if (overrides.dispatchedAt) event.data.dispatchedAt = overrides.dispatchedAt;
  if (overrides.expectedDeliveryDate) event.data.expectedDeliveryDate = overrides.expectedDeliveryDate;
  return event;
}

/** A change event: the whole order as it now stands. */
export function changeEvent(order: CloudEvent<SalesOrderData>, revision: number, edit: (data: SalesOrderData & { lines: Record<string, unknown>[] }) => void): CloudEvent {
  const data = structuredClone(order.data) as SalesOrderData & { lines: Record<string, unknown>[]; revision?: number };
  edit(data);
  data.revision = revision;
  return exampleEvent('erp.sales-order.changed.v1', data, { subject: order.data.orderId });
}
