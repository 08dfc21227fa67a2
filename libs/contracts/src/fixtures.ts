import { randomUUID } from 'node:crypto';
import { deepFreeze } from './deep-freeze.js';
import type { CloudEvent } from './envelope.js';
import { eventContractOf, type EventDataOf, type EventType } from './event-catalog.js';
import type { BillingLineChangedV1 } from './events/billing-line-changed.v1.js';
import type { CommitmentCancelledV1 } from './events/commitment-cancelled.v1.js';
import type { CoverageChangedV1 } from './events/coverage-changed.v1.js';
import type { EquipmentRegisteredV1 } from './events/equipment-registered.v1.js';
import type { EscalationRaisedV1 } from './events/escalation-raised.v1.js';
import type { InvoiceAnsweredV1 } from './events/invoice-answered.v1.js';
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
import type { ProjectCommitment, ServiceProjectCreatedV1, ServiceProjectSite } from './events/service-project-created.v1.js';
import type { ServiceProjectChangedV1 } from './events/service-project-changed.v1.js';
import type { ServiceRequestRaisedV1 } from './events/service-request-raised.v1.js';
import type { ServiceRequestResolvedV1 } from './events/service-request-resolved.v1.js';
import type { TaskCancelledV1 } from './events/task-cancelled.v1.js';
import type { TaskChangedV1 } from './events/task-changed.v1.js';
import type { TaskDoneV1 } from './events/task-done.v1.js';
import type { TaskOnHoldV1 } from './events/task-on-hold.v1.js';
import type { TaskReadyV1 } from './events/task-ready.v1.js';
import type { TaskReleasedV1 } from './events/task-released.v1.js';
import type { TaskSnapshot } from './events/task-snapshot.js';
import type { VisitBooking } from './events/visit-booking.js';
import type { VisitCancelledV1 } from './events/visit-cancelled.v1.js';
import type { VisitRescheduledV1 } from './events/visit-rescheduled.v1.js';
import type { VisitScheduledV1 } from './events/visit-scheduled.v1.js';
import type { ExpenseApprovedV1 } from './events/expense-approved.v1.js';
import type { PartsConsumedV1 } from './events/parts-consumed.v1.js';
import type { TimeApprovedV1 } from './events/time-approved.v1.js';
import type { EngineerAvailabilityChangedV1 } from './events/engineer-availability-changed.v1.js';
import type { VisitCompletedV1 } from './events/visit-completed.v1.js';
import type { VisitStartedV1 } from './events/visit-started.v1.js';

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

const EXAMPLE_SITE: ServiceProjectSite = {
  id: 'C-1007-PUNE',
  name: 'Pune plant',
  address: 'Plot 14, MIDC Chakan',
  city: 'Pune',
  region: 'MH',
  country: 'IN',
  timezone: 'Asia/Kolkata',
};

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
  site: { ...EXAMPLE_SITE },
  currency: 'INR',
  customerPoNumber: 'PO-88121',
  status: 'active',
  commitments: [
    {
      ...promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1001', '20', 'SVC-INSTALL', 'installation', 1),
      description: 'Installation and commissioning',
      unitPrice: '60000.00',
      billing: { kind: 'fixed_fee', milestones: [{ taskKey: 'install', percent: '100' }] },
      forLineId: '10',
      serialNumber: null,
      taskKeys: ['install'],
      taskIds: ['9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4001'],
    },
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1002', '30', 'SVC-TRAINING', 'training', 1),
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1003', '40', 'SVC-CALIBRATION', 'calibration', 1),
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1004', '50', 'SVC-SUPPORT-VISIT', 'support_visit', 1),
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1005', '50', 'SVC-SUPPORT-VISIT', 'support_visit', 2),
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1006', '60', 'AMC-STD-12M', 'amc', 1),
  ],
  createdAt: '2026-11-20T09:15:00Z',
});

/** Internal: revision 1 of the example order, with a new PO number and a second training unit. */
export const exampleServiceProjectChanged: ServiceProjectChangedV1 = deepFreeze({
  ...exampleServiceProjectCreated,
  customerPoNumber: 'PO-88121-A',
  commitments: [
    ...exampleServiceProjectCreated.commitments,
    promisedCommitment('0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1007', '30', 'SVC-TRAINING', 'training', 2),
  ],
  revision: 1,
  changedAt: '2026-11-22T08:00:05Z',
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

/**
 * The installation task of the example order (commitment 1001), ready once
 * INJ250-0009 left the plant on 24 Nov: due within 7 days of delivery on 27 Nov.
 */
const exampleInstallationTask: TaskSnapshot = {
  taskId: '9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4001',
  commitmentId: '0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1001',
  serviceRequestId: null,
  projectId: EXAMPLE_PROJECT_ID,
  orderId: 'SO-2026-0142',
  customerId: 'C-1007',
  customerName: 'Shakti Polymers Pvt Ltd',
  site: { ...EXAMPLE_SITE },
  serialNumber: 'INJ250-0009',
  sku: 'SVC-INSTALL',
  kind: 'installation',
  name: 'Install and commission machine',
  status: 'ready',
  requiredSkills: ['installation', 'hydraulics'],
  estimatedHours: '16',
  engineers: 2,
  earliestStart: '2026-11-27',
  dueDate: '2026-12-04',
  dueAt: null,
  priority: null,
  dependsOnTaskIds: [],
  checklist: [
    { item: 'Foundation and anchoring verified', kind: 'step', required: true },
    { item: 'Torque wrench set', kind: 'tool', required: true },
    { item: 'Levelling kit', kind: 'tool', required: true },
    { item: 'Installation manual', kind: 'document', required: true },
    { item: 'Commissioning report signed', kind: 'document', required: true },
  ],
  holdReason: null,
  owner: 'ravi.kulkarni',
};

function installationTask(changes: Partial<TaskSnapshot>): TaskSnapshot {
  return structuredClone({ ...exampleInstallationTask, ...changes });
}

export const exampleTaskReady: TaskReadyV1 = deepFreeze({
  task: installationTask({}),
  readyAt: '2026-11-24T06:30:05Z',
});

/** The transporter moved delivery to 30 Nov: the window moves with it. */
export const exampleTaskChanged: TaskChangedV1 = deepFreeze({
  task: installationTask({ earliestStart: '2026-11-30', dueDate: '2026-12-07' }),
  changes: ['earliestStart', 'dueDate'],
  changedAt: '2026-11-25T10:00:00Z',
});

export const exampleTaskOnHold: TaskOnHoldV1 = deepFreeze({
  task: installationTask({ earliestStart: '2026-11-30', dueDate: '2026-12-07', status: 'on_hold', holdReason: 'site_readiness' }),
  reason: 'site_readiness',
  note: 'Foundation still curing; customer expects it ready by 2 Dec',
  heldAt: '2026-11-26T05:30:00Z',
});

export const exampleTaskReleased: TaskReleasedV1 = deepFreeze({
  task: installationTask({ earliestStart: '2026-11-30', dueDate: '2026-12-07' }),
  releasedAt: '2026-12-02T04:00:00Z',
});

/** The second support visit, called off with line 50 before the machine shipped (hence no serial number yet). */
export const exampleTaskCancelled: TaskCancelledV1 = deepFreeze({
  task: installationTask({
    taskId: '9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4005',
    commitmentId: '0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1005',
    serialNumber: null,
    sku: 'SVC-SUPPORT-VISIT',
    kind: 'support_visit',
    name: 'On-site support visit',
    status: 'cancelled',
    requiredSkills: ['maintenance'],
    estimatedHours: '4',
    engineers: 1,
    earliestStart: null,
    dueDate: null,
    checklist: [{ item: 'Service report', kind: 'document', required: true }],
  }),
  reason: 'Customer withdrew',
  cancelledAt: '2026-11-21T10:00:05Z',
});

export const exampleTaskDone: TaskDoneV1 = deepFreeze({
  task: installationTask({ earliestStart: '2026-11-30', dueDate: '2026-12-07', status: 'done' }),
  completedAt: '2026-12-03T11:30:00Z',
});

/** INJ250-0009 registered at dispatch: warranty of 12 months from dispatch + 30 days grace. */
export const exampleEquipmentRegistered: EquipmentRegisteredV1 = deepFreeze({
  equipmentId: 'c7e1a2b3-4d5e-4f60-8a1b-2c3d4e5f0009',
  projectId: EXAMPLE_PROJECT_ID,
  orderId: 'SO-2026-0142',
  customerId: 'C-1007',
  siteId: 'C-1007-PUNE',
  machineLineId: '10',
  sku: 'INJ-250T',
  serialNumber: 'INJ250-0009',
  dispatchId: 'DN-2026-0310',
  dispatchedAt: '2026-11-24T06:30:00Z',
  expectedDeliveryDate: '2026-11-27',
  warranty: { startsOn: '2026-12-24', endsOn: '2027-12-23', basis: 'dispatch_grace' },
});

/**
 * Installed on 3 Dec, the warranty now runs 2026-12-03 to 2027-12-02, so the AMC
 * (line 60, which starts when the warranty ends) is known but not yet active.
 */
export const exampleCoverageChanged: CoverageChangedV1 = deepFreeze({
  serialNumber: 'INJ250-0009',
  customerId: 'C-1007',
  projectId: EXAMPLE_PROJECT_ID,
  coverage: {
    kind: 'amc',
    contractId: '4e8b2c1d-7f3a-4b5e-9c0d-1a2b3c4d0060',
    commitmentId: '0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1006',
    startsOn: '2027-12-03',
    endsOn: '2028-12-02',
    scope: 'labour',
    visitQuota: 4,
    status: 'pending',
  },
  reason: 'AMC AMC-STD-12M on INJ250-0009: 2027-12-03 to 2028-12-02, 4 preventive visits',
  changedAt: '2026-12-03T11:30:05Z',
});

const EXAMPLE_REQUEST_ID = '2b7f9c4e-1d3a-4e5b-8f6c-0a9b8c7d0201';

/**
 * A breakdown under warranty, raised Wednesday 10 Feb 2027 10:30 IST. P2 on the
 * warranty's 8x5 SLA (8 working hours to respond, 40 to resolve, Pune office hours).
 */
export const exampleServiceRequestRaised: ServiceRequestRaisedV1 = deepFreeze({
  requestId: EXAMPLE_REQUEST_ID,
  projectId: EXAMPLE_PROJECT_ID,
  customerId: 'C-1007',
  serialNumber: 'INJ250-0009',
  priority: 'P2',
  description: 'Injection pressure drops during the hold phase; machine stops with hydraulic alarm E-217. Production of 18 L buckets halted.',
  coverage: {
    kind: 'warranty',
    contractId: null,
    reason: 'INJ250-0009 is under warranty from 2026-12-03 to 2027-12-02',
  },
  sla: { coverage: '8x5', responseDueAt: '2027-02-11T05:00:00Z', resolutionDueAt: '2027-02-17T05:00:00Z' },
  task: installationTask({
    taskId: '9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4101',
    commitmentId: null,
    serviceRequestId: EXAMPLE_REQUEST_ID,
    sku: null,
    kind: 'breakdown',
    name: 'Breakdown: injection pressure drop, alarm E-217',
    requiredSkills: ['hydraulics', 'maintenance'],
    estimatedHours: '4',
    engineers: 1,
    earliestStart: null,
    dueDate: null,
    dueAt: '2027-02-17T05:00:00Z',
    priority: 'P2',
    checklist: [
      { item: 'Hydraulic pressure gauge', kind: 'tool', required: true },
      { item: 'Service report signed by customer', kind: 'document', required: true },
    ],
  }),
  raisedAt: '2027-02-10T05:00:00Z',
});

export const exampleServiceRequestResolved: ServiceRequestResolvedV1 = deepFreeze({
  requestId: EXAMPLE_REQUEST_ID,
  projectId: EXAMPLE_PROJECT_ID,
  customerId: 'C-1007',
  serialNumber: 'INJ250-0009',
  resolvedAt: '2027-02-12T09:45:00Z',
  responseMet: true,
  resolutionMet: true,
});

/** Nobody had responded by 16:30 IST: 6 of the 8 working hours used, the owner is warned. */
export const exampleEscalationRaised: EscalationRaisedV1 = deepFreeze({
  escalationId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b0301',
  subject: { kind: 'service_request', id: EXAMPLE_REQUEST_ID },
  customerId: 'C-1007',
  projectId: EXAMPLE_PROJECT_ID,
  serialNumber: 'INJ250-0009',
  level: 'owner',
  target: 'response',
  trigger: 'at_risk',
  reason: 'Response target of 8 working hours at risk: 6 working hours used, due 2027-02-11 10:30 Asia/Kolkata',
  recipient: 'ravi.kulkarni@serviceloop.example',
  raisedAt: '2027-02-10T11:00:00Z',
});

const EXAMPLE_BOOKING_ID = '3c5d7e9f-1a2b-4c3d-8e4f-5a6b7c8d0401';
const EXAMPLE_CREW = ['e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0001', 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0002'];

/**
 * The example installation (16 hours for a crew of two) booked in Pune: working
 * days 09:00-18:00 IST less an hour's travel each way leave 7 hours on site a day.
 */
function installationVisit(days: [string, string, string]): VisitBooking {
  const [first, second, last] = days;
  return {
    bookingId: EXAMPLE_BOOKING_ID,
    taskId: exampleInstallationTask.taskId,
    projectId: EXAMPLE_PROJECT_ID,
    serviceRequestId: null,
    customerId: 'C-1007',
    engineerIds: [...EXAMPLE_CREW],
    start: `${first}T04:30:00Z`,
    end: `${last}T06:30:00Z`,
    segments: [
      { start: `${first}T04:30:00Z`, end: `${first}T11:30:00Z` },
      { start: `${second}T04:30:00Z`, end: `${second}T11:30:00Z` },
      { start: `${last}T04:30:00Z`, end: `${last}T06:30:00Z` },
    ],
    travelMinutes: 60,
    site: { ...EXAMPLE_SITE },
    status: 'proposed',
  };
}

/** Booked when the task became ready: Friday 27 Nov, Monday 30 Nov and two hours on Tuesday 1 Dec. */
export const exampleVisitScheduled: VisitScheduledV1 = deepFreeze({
  ...installationVisit(['2026-11-27', '2026-11-30', '2026-12-01']),
  reason: null,
  scheduledAt: '2026-11-24T06:30:06Z',
});

/** Delivery moved to 30 Nov: the same crew from Monday to Wednesday morning. */
export const exampleVisitRescheduled: VisitRescheduledV1 = deepFreeze({
  ...installationVisit(['2026-11-30', '2026-12-01', '2026-12-02']),
  previous: { engineerIds: [...EXAMPLE_CREW], start: '2026-11-27T04:30:00Z', end: '2026-12-01T06:30:00Z' },
  reason: 'Task changed: earliestStart, dueDate',
  rescheduledAt: '2026-11-25T10:00:01Z',
});

/** The site was not ready: the task went on hold and its visit was called off. */
export const exampleVisitCancelled: VisitCancelledV1 = deepFreeze({
  ...installationVisit(['2026-11-30', '2026-12-01', '2026-12-02']),
  reason: 'Task on hold: site_readiness',
  cancelledAt: '2026-11-26T05:30:01Z',
});

/** The lead engineer's visit under the example installation booking (field-execution keeps one visit per engineer). */
const EXAMPLE_VISIT_ID = 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f0501';
const exampleVisitOfLead = {
  visitId: EXAMPLE_VISIT_ID,
  taskId: exampleInstallationTask.taskId,
  projectId: EXAMPLE_PROJECT_ID,
  customerId: 'C-1007',
  engineerId: EXAMPLE_CREW[0],
};

/** The lead engineer checked in at the Chakan plant on Monday 30 Nov, 10:05 IST. */
export const exampleVisitStarted: VisitStartedV1 = deepFreeze({
  ...exampleVisitOfLead,
  bookingId: EXAMPLE_BOOKING_ID,
  serviceRequestId: null,
  startedAt: '2026-11-30T04:35:00Z',
  location: { lat: 18.7606, lon: 73.8636 },
});

/** Installed and commissioned on Wednesday morning; the plant's maintenance head signed the report. */
export const exampleVisitCompleted: VisitCompletedV1 = deepFreeze({
  ...exampleVisitOfLead,
  bookingId: EXAMPLE_BOOKING_ID,
  serviceRequestId: null,
  completedAt: '2026-12-02T06:20:00Z',
  outcome: 'completed',
  signOff: { name: 'Anil Deshmukh', signedAt: '2026-12-02T06:15:00Z' },
  followUpReason: null,
});

/** Six hours of installation work on the first day, approved by the service manager. */
export const exampleTimeApproved: TimeApprovedV1 = deepFreeze({
  ...exampleVisitOfLead,
  timeEntryId: '0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d0601',
  start: '2026-11-30T04:35:00Z',
  end: '2026-11-30T10:35:00Z',
  hours: '6.00',
  activity: 'work',
  billable: true,
  approvedBy: 'ravi.kulkarni',
  approvedAt: '2026-12-02T09:00:00Z',
  corrects: null,
});

/** A taxi from Pune station to the plant, in the order's currency. */
export const exampleExpenseApproved: ExpenseApprovedV1 = deepFreeze({
  ...exampleVisitOfLead,
  expenseId: '0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d0701',
  category: 'travel',
  amount: '1850.00',
  currency: 'INR',
  exchangeRate: null,
  amountInOrderCurrency: '1850.00',
  orderCurrency: 'INR',
  receiptReference: 'RCPT-PUNE-4471',
  approvedBy: 'ravi.kulkarni',
  approvedAt: '2026-12-02T09:05:00Z',
  corrects: null,
});

/** The contract's seal kit issue (GI-2026-0077), recorded against the lead engineer's visit. */
export const examplePartsConsumed: PartsConsumedV1 = deepFreeze({
  consumptionId: '0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d0801',
  issueId: 'GI-2026-0077',
  visitId: EXAMPLE_VISIT_ID,
  taskId: exampleInstallationTask.taskId,
  projectId: EXAMPLE_PROJECT_ID,
  customerId: 'C-1007',
  orderId: 'SO-2026-0142',
  sku: 'SEAL-KIT-250',
  description: 'Hydraulic seal kit',
  quantity: 1,
  unitCost: '3200.00',
  currency: 'INR',
  consumedAt: '2026-11-29T08:00:00Z',
});

/** Billing's ledger line for the example installation's fixed fee, ready to invoice. */
export const exampleBillingLineChanged: BillingLineChangedV1 = deepFreeze({
  lineId: '5d4c3b2a-1f0e-4d9c-8b7a-6e5f4d3c0901',
  state: 'ready',
  previousState: 'unbilled',
  customerId: 'C-1007',
  projectId: EXAMPLE_PROJECT_ID,
  orderId: 'SO-2026-0142',
  orderLineId: '20',
  commitmentId: '0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1001',
  taskId: exampleInstallationTask.taskId,
  visitId: null,
  engineerId: null,
  serialNumber: 'INJ250-0009',
  sourceKind: 'milestone',
  sourceRef: exampleInstallationTask.taskId,
  description: 'Installation and commissioning',
  workDate: '2026-11-28',
  quantity: '1',
  unitPrice: '60000.00',
  amount: '60000.00',
  cost: '0.00',
  currency: 'INR',
  billable: true,
  coverage: 'none',
  reason: 'Fixed fee: milestone install (100%) done',
  invoiceRequestId: null,
  changedAt: '2026-11-28T17:00:00Z',
});

/** Billing accepted ERP accounting's posting of the example installation's invoice request. */
export const exampleInvoiceAnswered: InvoiceAnsweredV1 = deepFreeze({
  invoiceRequestId: '8a4e2c1d-7b3f-4e5a-9c6d-1f2e3d4c0a01',
  answer: 'posted',
  answeredAt: '2026-11-28T18:00:00Z',
  customerId: 'C-1007',
  projectId: EXAMPLE_PROJECT_ID,
  orderId: 'SO-2026-0142',
  currency: 'INR',
  invoiceNumber: 'INV-2026-1190',
  postedTotal: '60000.00',
  totalMismatch: false,
  reason: null,
});

/** One example `data` per event type. */
/** Ravi's week: four working days of 8 hours, and a day of leave on Friday. */
export const exampleEngineerAvailabilityChanged: EngineerAvailabilityChangedV1 = deepFreeze({
  engineerId: EXAMPLE_CREW[0]!,
  name: 'Ravi Kumar',
  team: 'Installations West',
  region: 'West',
  days: [
    { date: '2027-02-08', availableMinutes: 480, kind: 'working' },
    { date: '2027-02-09', availableMinutes: 480, kind: 'working' },
    { date: '2027-02-10', availableMinutes: 480, kind: 'working' },
    { date: '2027-02-11', availableMinutes: 480, kind: 'working' },
    { date: '2027-02-12', availableMinutes: 0, kind: 'leave' },
  ],
  changedAt: '2027-02-01T10:00:00Z',
});

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
  'psa.service-project.changed.v1': exampleServiceProjectChanged,
  'psa.service-project.cancelled.v1': exampleServiceProjectCancelled,
  'psa.commitment.cancelled.v1': exampleCommitmentCancelled,
  'psa.task.ready.v1': exampleTaskReady,
  'psa.task.changed.v1': exampleTaskChanged,
  'psa.task.on-hold.v1': exampleTaskOnHold,
  'psa.task.released.v1': exampleTaskReleased,
  'psa.task.cancelled.v1': exampleTaskCancelled,
  'psa.task.done.v1': exampleTaskDone,
  'psa.equipment.registered.v1': exampleEquipmentRegistered,
  'psa.coverage.changed.v1': exampleCoverageChanged,
  'psa.service-request.raised.v1': exampleServiceRequestRaised,
  'psa.service-request.resolved.v1': exampleServiceRequestResolved,
  'psa.escalation.raised.v1': exampleEscalationRaised,
  'psa.visit.scheduled.v1': exampleVisitScheduled,
  'psa.visit.rescheduled.v1': exampleVisitRescheduled,
  'psa.visit.cancelled.v1': exampleVisitCancelled,
  'psa.visit.started.v1': exampleVisitStarted,
  'psa.visit.completed.v1': exampleVisitCompleted,
  'psa.time.approved.v1': exampleTimeApproved,
  'psa.expense.approved.v1': exampleExpenseApproved,
  'psa.parts.consumed.v1': examplePartsConsumed,
  'psa.billing-line.changed.v1': exampleBillingLineChanged,
  'psa.invoice.answered.v1': exampleInvoiceAnswered,
  'psa.engineer.availability-changed.v1': exampleEngineerAvailabilityChanged,
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
