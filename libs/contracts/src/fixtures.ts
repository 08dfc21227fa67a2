import { randomUUID } from 'node:crypto';
import { deepFreeze } from './deep-freeze.js';
import type { CloudEvent } from './envelope.js';
import { eventContractOf, type EventDataOf, type EventType } from './event-catalog.js';
import type { CommitmentCancelledV1 } from './events/commitment-cancelled.v1.js';
import type { InvoiceCancelledV1 } from './events/invoice-cancelled.v1.js';
import type { InvoicePostedV1 } from './events/invoice-posted.v1.js';
import type { InvoiceRejectedV1 } from './events/invoice-rejected.v1.js';
import type { InvoiceRequestedV1 } from './events/invoice-requested.v1.js';
import type { MachineDispatchedV1 } from './events/machine-dispatched.v1.js';
import type { PartsIssuedV1 } from './events/parts-issued.v1.js';
import type { SalesOrderCancelledV1 } from './events/sales-order-cancelled.v1.js';
import type { SalesOrderChangedV1 } from './events/sales-order-changed.v1.js';
import type { SalesOrderCreatedV1 } from './events/sales-order-created.v1.js';
import type { ServiceProjectCancelledV1 } from './events/service-project-cancelled.v1.js';
import type { ProjectCommitment, ServiceProjectCreatedV1 } from './events/service-project-created.v1.js';

/**
 * Example `data` payloads. The ERP-facing ones are copied verbatim from
 * ../shared/erp-contract.md (placeholders such as "<stable id>" included), so the
 * contract's own examples are what the schemas are tested against. All are
 * deep-frozen: copy (structuredClone, spread) before changing one.
 */

export const exampleSalesOrderCreated: SalesOrderCreatedV1 = deepFreeze({
  orderId: 'SO-2026-0142',
  orderDate: '2026-11-20',
  currency: 'INR',
  customerPoNumber: 'PO-88121',
  customer: { id: 'C-1007', name: 'Shakti Polymers Pvt Ltd', email: 'ops@shakti.example' },
  site: {
    id: 'C-1007-PUNE',
    name: 'Pune plant',
    address: 'Plot 14, MIDC Chakan',
    city: 'Pune',
    region: 'MH',
    country: 'IN',
    timezone: 'Asia/Kolkata',
  },
  lines: [
    {
      lineId: '10',
      sku: 'INJ-250T',
      description: 'Injection moulding machine 250T',
      quantity: 1,
      unitPrice: '4500000.00',
      warrantyMonths: 12,
    },
    {
      lineId: '20',
      sku: 'SVC-INSTALL',
      description: 'Installation and commissioning',
      quantity: 1,
      unitPrice: '60000.00',
      forLineId: '10',
    },
    { lineId: '30', sku: 'SVC-TRAINING', description: 'Operator training', quantity: 1, unitPrice: '25000.00', forLineId: '10' },
    {
      lineId: '40',
      sku: 'SVC-CALIBRATION',
      description: 'Initial calibration',
      quantity: 1,
      unitPrice: '15000.00',
      forLineId: '10',
    },
    { lineId: '50', sku: 'SVC-SUPPORT-VISIT', description: 'Support visit', quantity: 2, unitPrice: '8000.00', forLineId: '10' },
    {
      lineId: '60',
      sku: 'AMC-STD-12M',
      description: 'Annual maintenance contract',
      quantity: 1,
      unitPrice: '120000.00',
      forLineId: '10',
    },
  ],
});

/** Not in the contract document: the created order amended to three support visits. */
export const exampleSalesOrderChanged: SalesOrderChangedV1 = deepFreeze({
  ...structuredClone(exampleSalesOrderCreated),
  lines: exampleSalesOrderCreated.lines.map((line) => (line.lineId === '50' ? { ...line, quantity: 3 } : { ...line })),
  revision: 2,
});

export const exampleSalesOrderCancelled: SalesOrderCancelledV1 = deepFreeze({
  orderId: 'SO-2026-0142',
  cancelledAt: '2026-11-21T10:00:00Z',
  reason: 'Customer withdrew',
  lineIds: ['50'],
});

export const exampleMachineDispatched: MachineDispatchedV1 = deepFreeze({
  dispatchId: 'DN-2026-0310',
  orderId: 'SO-2026-0142',
  dispatchedAt: '2026-11-24T06:30:00Z',
  expectedDeliveryDate: '2026-11-27',
  siteId: 'C-1007-PUNE',
  lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: ['INJ250-0009'] }],
});

export const examplePartsIssued: PartsIssuedV1 = deepFreeze({
  issueId: 'GI-2026-0077',
  orderId: 'SO-2026-0142',
  reference: { kind: 'visit', id: '<ServiceLoop visit id>' },
  issuedAt: '2026-11-29T08:00:00Z',
  currency: 'INR',
  items: [{ sku: 'SEAL-KIT-250', description: 'Hydraulic seal kit', quantity: 1, unitCost: '3200.00' }],
});

export const exampleInvoiceRequested: InvoiceRequestedV1 = deepFreeze({
  invoiceRequestId: '<stable id>',
  supersedes: null,
  orderId: 'SO-2026-0142',
  customerId: 'C-1007',
  customerPoNumber: 'PO-88121',
  projectId: '<ServiceLoop project id>',
  currency: 'INR',
  period: { from: '2026-11-01', to: '2026-11-30' },
  lines: [
    {
      orderLineId: '20',
      description: 'Installation and commissioning',
      sku: 'SVC-INSTALL',
      quantity: 1,
      unitPrice: '60000.00',
      amount: '60000.00',
      source: { kind: 'milestone', refs: ['<task id>'] },
    },
  ],
  total: '60000.00',
  requestedAt: '2026-11-28T17:05:00Z',
});

export const exampleInvoicePosted: InvoicePostedV1 = deepFreeze({
  invoiceRequestId: '<id>',
  invoiceNumber: 'INV-2026-1190',
  postedAt: '2026-11-28T18:00:00Z',
  total: '60000.00',
});

export const exampleInvoiceRejected: InvoiceRejectedV1 = deepFreeze({
  invoiceRequestId: '<id>',
  rejectedAt: '2026-11-28T18:00:00Z',
  reason: 'Customer PO missing',
});

export const exampleInvoiceCancelled: InvoiceCancelledV1 = deepFreeze({
  invoiceRequestId: '<id>',
  invoiceNumber: 'INV-2026-1190',
  cancelledAt: '2026-12-02T09:00:00Z',
  reason: 'Credit note CN-2026-044',
});

const EXAMPLE_PROJECT_ID = '6f1c2b9e-3a47-4c1e-9d2a-0b8e7f5a1c33';

function promisedCommitment(
  commitmentId: string,
  orderLineId: string,
  sku: string,
  kind: string,
  unitIndex: number,
): ProjectCommitment {
  return { commitmentId, orderLineId, sku, kind, unitIndex, status: 'promised' };
}

/** Internal: the project service-commitments opens for the example order. */
export const exampleServiceProjectCreated: ServiceProjectCreatedV1 = deepFreeze({
  projectId: EXAMPLE_PROJECT_ID,
  orderId: 'SO-2026-0142',
  source: 'erp://plant-01',
  customer: { id: 'C-1007', name: 'Shakti Polymers Pvt Ltd' },
  site: {
    id: 'C-1007-PUNE',
    name: 'Pune plant',
    address: 'Plot 14, MIDC Chakan',
    city: 'Pune',
    region: 'MH',
    country: 'IN',
    timezone: 'Asia/Kolkata',
  },
  status: 'active',
  commitments: [
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1001', '20', 'SVC-INSTALL', 'installation', 1),
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1002', '30', 'SVC-TRAINING', 'training', 1),
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1003', '40', 'SVC-CALIBRATION', 'calibration', 1),
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1004', '50', 'SVC-SUPPORT-VISIT', 'support-visit', 1),
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1005', '50', 'SVC-SUPPORT-VISIT', 'support-visit', 2),
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1006', '60', 'AMC-STD-12M', 'amc', 1),
  ],
  createdAt: '2026-11-20T09:15:00Z',
});

export const exampleServiceProjectCancelled: ServiceProjectCancelledV1 = deepFreeze({
  projectId: EXAMPLE_PROJECT_ID,
  orderId: 'SO-2026-0142',
  reason: 'Customer withdrew',
  cancelledAt: '2026-11-21T10:00:05Z',
});

export const exampleCommitmentCancelled: CommitmentCancelledV1 = deepFreeze({
  commitmentId: '0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1005',
  projectId: EXAMPLE_PROJECT_ID,
  orderId: 'SO-2026-0142',
  orderLineId: '50',
  reason: 'Customer withdrew',
  cancelledAt: '2026-11-21T10:00:05Z',
});

/** One example `data` per event type. */
export const EXAMPLE_DATA: { readonly [K in EventType]: EventDataOf<K> } = deepFreeze({
  'erp.sales-order.created.v1': exampleSalesOrderCreated,
  'erp.sales-order.changed.v1': exampleSalesOrderChanged,
  'erp.sales-order.cancelled.v1': exampleSalesOrderCancelled,
  'erp.machine.dispatched.v1': exampleMachineDispatched,
  'erp.parts.issued.v1': examplePartsIssued,
  'erp.invoice.posted.v1': exampleInvoicePosted,
  'erp.invoice.rejected.v1': exampleInvoiceRejected,
  'erp.invoice.cancelled.v1': exampleInvoiceCancelled,
  'psa.invoice.requested.v1': exampleInvoiceRequested,
  'psa.service-project.created.v1': exampleServiceProjectCreated,
  'psa.service-project.cancelled.v1': exampleServiceProjectCancelled,
  'psa.commitment.cancelled.v1': exampleCommitmentCancelled,
});

export const EXAMPLE_SOURCE = 'erp://plant-01';

function fallbackSubject(data: object): string | undefined {
  const { orderId, invoiceRequestId } = data as { orderId?: unknown; invoiceRequestId?: unknown };
  const subject = invoiceRequestId ?? orderId;
  return typeof subject === 'string' ? subject : undefined;
}

/**
 * A complete CloudEvent as an ERP connector would send it: source
 * `erp://plant-01`, a fresh id, time now, and the subject the contract
 * prescribes (the order id; for accounting events the invoice request id).
 * `data` defaults to the type's example and is copied, so the result may be
 * changed freely. Unknown types are allowed (to test UNKNOWN_TYPE) if `data` is given.
 * Name the data type to work with it: `exampleEvent<SalesOrderCreatedV1>('erp.sales-order.created.v1')`.
 */
export function exampleEvent<T extends object = object>(
  type: string,
  data?: T,
  overrides: Partial<CloudEvent<T>> = {},
): CloudEvent<T> {
  const contract = eventContractOf(type);
  const payload = data ?? (contract ? (EXAMPLE_DATA[type as EventType] as object as T) : undefined);
  if (payload === undefined) throw new Error(`no example data for unknown event type ${JSON.stringify(type)}`);
  const copy = structuredClone(payload) as T;
  const subject = contract ? contract.subjectOf(copy) : fallbackSubject(copy);
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: EXAMPLE_SOURCE,
    type,
    time: new Date().toISOString(),
    ...(subject === undefined ? {} : { subject }),
    datacontenttype: 'application/json',
    data: copy,
    ...overrides,
  } as CloudEvent<T>;
}
