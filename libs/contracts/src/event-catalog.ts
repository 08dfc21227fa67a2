import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { surelyKeepsContract } from './contract-check.js';
import { CommitmentCancelledV1 } from './events/commitment-cancelled.v1.js';
import { CoverageChangedV1 } from './events/coverage-changed.v1.js';
import { EquipmentRegisteredV1 } from './events/equipment-registered.v1.js';
import { EscalationRaisedV1 } from './events/escalation-raised.v1.js';
import { InvoiceCancelledV1 } from './events/invoice-cancelled.v1.js';
import { InvoicePostedV1 } from './events/invoice-posted.v1.js';
import { InvoiceRejectedV1 } from './events/invoice-rejected.v1.js';
import { InvoiceRequestedV1 } from './events/invoice-requested.v1.js';
import { MachineDispatchedV1 } from './events/machine-dispatched.v1.js';
import { PartsIssuedV1 } from './events/parts-issued.v1.js';
import { SalesOrderCancelledV1 } from './events/sales-order-cancelled.v1.js';
import { SalesOrderChangedV1 } from './events/sales-order-changed.v1.js';
import { SalesOrderCreatedV1 } from './events/sales-order-created.v1.js';
import { ServiceProjectCancelledV1 } from './events/service-project-cancelled.v1.js';
import { ServiceProjectCreatedV1 } from './events/service-project-created.v1.js';
import { ServiceProjectChangedV1 } from './events/service-project-changed.v1.js';
import { ServiceRequestRaisedV1 } from './events/service-request-raised.v1.js';
import { ServiceRequestResolvedV1 } from './events/service-request-resolved.v1.js';
import { TaskCancelledV1 } from './events/task-cancelled.v1.js';
import { TaskChangedV1 } from './events/task-changed.v1.js';
import { TaskDoneV1 } from './events/task-done.v1.js';
import { TaskOnHoldV1 } from './events/task-on-hold.v1.js';
import { TaskReadyV1 } from './events/task-ready.v1.js';
import { TaskReleasedV1 } from './events/task-released.v1.js';
import type { TaskSnapshot } from './events/task-snapshot.js';
import { VisitCancelledV1 } from './events/visit-cancelled.v1.js';
import { VisitRescheduledV1 } from './events/visit-rescheduled.v1.js';
import { VisitScheduledV1 } from './events/visit-scheduled.v1.js';
import { commitmentCancelledV1Schema } from './schemas/commitment-cancelled.v1.schema.js';
import { coverageChangedV1Schema } from './schemas/coverage-changed.v1.schema.js';
import { equipmentRegisteredV1Schema } from './schemas/equipment-registered.v1.schema.js';
import { escalationRaisedV1Schema } from './schemas/escalation-raised.v1.schema.js';
import { invoiceCancelledV1Schema } from './schemas/invoice-cancelled.v1.schema.js';
import { invoicePostedV1Schema } from './schemas/invoice-posted.v1.schema.js';
import { invoiceRejectedV1Schema } from './schemas/invoice-rejected.v1.schema.js';
import { invoiceRequestedV1Schema } from './schemas/invoice-requested.v1.schema.js';
import { machineDispatchedV1Schema } from './schemas/machine-dispatched.v1.schema.js';
import { partsIssuedV1Schema } from './schemas/parts-issued.v1.schema.js';
import { salesOrderCancelledV1Schema } from './schemas/sales-order-cancelled.v1.schema.js';
import { salesOrderChangedV1Schema } from './schemas/sales-order-changed.v1.schema.js';
import { salesOrderCreatedV1Schema } from './schemas/sales-order-created.v1.schema.js';
import type { JsonSchema } from './schemas/schema-parts.js';
import { serviceProjectCancelledV1Schema } from './schemas/service-project-cancelled.v1.schema.js';
import { serviceProjectCreatedV1Schema } from './schemas/service-project-created.v1.schema.js';
import { serviceProjectChangedV1Schema } from './schemas/service-project-changed.v1.schema.js';
import { serviceRequestRaisedV1Schema } from './schemas/service-request-raised.v1.schema.js';
import { serviceRequestResolvedV1Schema } from './schemas/service-request-resolved.v1.schema.js';
import { taskCancelledV1Schema } from './schemas/task-cancelled.v1.schema.js';
import { taskChangedV1Schema } from './schemas/task-changed.v1.schema.js';
import { taskDoneV1Schema } from './schemas/task-done.v1.schema.js';
import { taskOnHoldV1Schema } from './schemas/task-on-hold.v1.schema.js';
import { taskReadyV1Schema } from './schemas/task-ready.v1.schema.js';
import { taskReleasedV1Schema } from './schemas/task-released.v1.schema.js';
import { visitCancelledV1Schema } from './schemas/visit-cancelled.v1.schema.js';
import { visitRescheduledV1Schema } from './schemas/visit-rescheduled.v1.schema.js';
import { visitScheduledV1Schema } from './schemas/visit-scheduled.v1.schema.js';
import { ExpenseApprovedV1 } from './events/expense-approved.v1.js';
import { PartsConsumedV1 } from './events/parts-consumed.v1.js';
import { TimeApprovedV1 } from './events/time-approved.v1.js';
import { VisitCompletedV1 } from './events/visit-completed.v1.js';
import { VisitStartedV1 } from './events/visit-started.v1.js';
import { expenseApprovedV1Schema } from './schemas/expense-approved.v1.schema.js';
import { partsConsumedV1Schema } from './schemas/parts-consumed.v1.schema.js';
import { timeApprovedV1Schema } from './schemas/time-approved.v1.schema.js';
import { visitCompletedV1Schema } from './schemas/visit-completed.v1.schema.js';
import { visitStartedV1Schema } from './schemas/visit-started.v1.schema.js';
import { BillingLineChangedV1 } from './events/billing-line-changed.v1.js';
import { EngineerAvailabilityChangedV1 } from './events/engineer-availability-changed.v1.js';
import { engineerAvailabilityChangedV1Schema } from './schemas/engineer-availability-changed.v1.schema.js';
import { billingLineChangedV1Schema } from './schemas/billing-line-changed.v1.schema.js';
import { InvoiceAnsweredV1 } from './events/invoice-answered.v1.js';
import { invoiceAnsweredV1Schema } from './schemas/invoice-answered.v1.schema.js';
import type { Topic } from './topics.js';
import { describeValidationErrors } from './validation-reason.js';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

// Every event is validated on the way in and out: look a class's rules up once (see the module).
cacheValidationMetadata();

/** Who writes the events: the ERP (we consume), ServiceLoop for the ERP, or ServiceLoop for itself. */
export type EventDirection = 'erp-in' | 'psa-out' | 'internal';

/** A contract class: instances are the event's `data`; statics name its type and topic. */
export interface ContractClass<T extends object = object> {
  new (): T;
  readonly type: string;
  readonly topic: Topic;
}

export interface EventContract<T extends object = object> {
  readonly type: string;
  readonly topic: Topic;
  readonly contract: ContractClass<T>;
  /** JSON Schema (draft-07) of `data`, as published in asyncapi.yaml. */
  readonly schema: JsonSchema;
  readonly direction: EventDirection;
  readonly summary: string;
  /** In words, for documentation: which field is the record key. */
  readonly recordKey: string;
  /** The Kafka record key the contract prescribes: the aggregate whose events must stay in order. */
  recordKeyOf(data: T): string | null;
  /** The CloudEvent `subject` the contract prescribes. */
  subjectOf(data: T): string | undefined;
}

function entry<T extends object, const K extends string>(
  contract: ContractClass<T> & { readonly type: K },
  details: Omit<EventContract<NoInfer<T>>, 'type' | 'topic' | 'contract'>,
): EventContract<T> & { readonly type: K } {
  return Object.freeze({ type: contract.type, topic: contract.topic, contract, ...details });
}

const byOrderId = (data: { orderId?: string | null }) => data.orderId ?? null;
const orderSubject = (data: { orderId?: string | null }) => data.orderId ?? undefined;
const byInvoiceRequestId = (data: { invoiceRequestId: string }) => data.invoiceRequestId;

/**
 * Internal work is keyed by its service project; work on a machine without a
 * project (a breakdown of a machine ServiceLoop did not sell) by the machine's
 * serial number, so each machine's events stay in order either way.
 */
const byProjectOrSerial = (data: { projectId?: string | null; serialNumber?: string | null }) =>
  data.projectId ?? data.serialNumber ?? null;

/** A task is keyed like its project or machine; a task with neither (none today) by itself. */
const TASK_KEY = 'task.projectId, or task.serialNumber for a service request without a project';
const byTask = (data: { task: TaskSnapshot }) => byProjectOrSerial(data.task) ?? data.task.taskId;
/** Task events name the order, or for a breakdown the service request. */
const taskSubject = (data: { task: TaskSnapshot }) => data.task.orderId ?? data.task.serviceRequestId ?? undefined;

/** A visit is keyed by its task, so a task's bookings stay in order; the subject names the booking. */
const VISIT_KEY = 'taskId';
const byVisitTask = (data: { taskId: string }) => data.taskId;
const visitSubject = (data: { bookingId: string }) => data.bookingId;

/**
 * Field work is keyed by its task, like the task's bookings, so service-commitments
 * sees a task's visits started and completed in order; the subject names the record.
 */
const FIELD_WORK_KEY = 'taskId';
const byFieldWorkTask = (data: { taskId: string }) => data.taskId;

/**
 * Every event type ServiceLoop reads or writes, by CloudEvent `type`. Adding a
 * type here is what makes consumers accept it and the AsyncAPI document show it.
 */
export const EVENT_CATALOG = Object.freeze({
  [SalesOrderCreatedV1.type]: entry(SalesOrderCreatedV1, {
    schema: salesOrderCreatedV1Schema,
    direction: 'erp-in',
    summary: 'The ERP booked a sales order; its service lines become commitments.',
    recordKey: 'orderId',
    recordKeyOf: byOrderId,
    subjectOf: orderSubject,
  }),
  [SalesOrderChangedV1.type]: entry(SalesOrderChangedV1, {
    schema: salesOrderChangedV1Schema,
    direction: 'erp-in',
    summary: 'The ERP amended a sales order; the whole order as it now stands, with a revision.',
    recordKey: 'orderId',
    recordKeyOf: byOrderId,
    subjectOf: orderSubject,
  }),
  [SalesOrderCancelledV1.type]: entry(SalesOrderCancelledV1, {
    schema: salesOrderCancelledV1Schema,
    direction: 'erp-in',
    summary: 'The ERP cancelled a sales order or some of its lines.',
    recordKey: 'orderId',
    recordKeyOf: byOrderId,
    subjectOf: orderSubject,
  }),
  [MachineDispatchedV1.type]: entry(MachineDispatchedV1, {
    schema: machineDispatchedV1Schema,
    direction: 'erp-in',
    summary: 'Machines of an order left the plant, with their serial numbers.',
    recordKey: 'orderId',
    recordKeyOf: byOrderId,
    subjectOf: orderSubject,
  }),
  [PartsIssuedV1.type]: entry(PartsIssuedV1, {
    schema: partsIssuedV1Schema,
    direction: 'erp-in',
    summary: "The ERP's stores issued spare parts for a visit, task or project.",
    // A parts issue without an order is keyed by what it was issued for.
    recordKey: 'orderId, or reference.id for an issue without an order',
    recordKeyOf: (data) => data.orderId ?? data.reference.id,
    subjectOf: orderSubject,
  }),
  [InvoicePostedV1.type]: entry(InvoicePostedV1, {
    schema: invoicePostedV1Schema,
    direction: 'erp-in',
    summary: 'ERP accounting posted the invoice for an invoice request.',
    recordKey: 'invoiceRequestId',
    recordKeyOf: byInvoiceRequestId,
    subjectOf: byInvoiceRequestId,
  }),
  [InvoiceRejectedV1.type]: entry(InvoiceRejectedV1, {
    schema: invoiceRejectedV1Schema,
    direction: 'erp-in',
    summary: 'ERP accounting rejected an invoice request.',
    recordKey: 'invoiceRequestId',
    recordKeyOf: byInvoiceRequestId,
    subjectOf: byInvoiceRequestId,
  }),
  [InvoiceCancelledV1.type]: entry(InvoiceCancelledV1, {
    schema: invoiceCancelledV1Schema,
    direction: 'erp-in',
    summary: 'ERP accounting cancelled a posted invoice with a credit note.',
    recordKey: 'invoiceRequestId',
    recordKeyOf: byInvoiceRequestId,
    subjectOf: byInvoiceRequestId,
  }),
  [InvoiceRequestedV1.type]: entry(InvoiceRequestedV1, {
    schema: invoiceRequestedV1Schema,
    direction: 'psa-out',
    summary: 'ServiceLoop asks the ERP to invoice service work.',
    recordKey: 'invoiceRequestId',
    recordKeyOf: byInvoiceRequestId,
    subjectOf: byInvoiceRequestId,
  }),
  [ServiceProjectCreatedV1.type]: entry(ServiceProjectCreatedV1, {
    schema: serviceProjectCreatedV1Schema,
    direction: 'internal',
    summary: 'service-commitments opened a service project and its commitments for an ERP order.',
    recordKey: 'projectId',
    recordKeyOf: (data) => data.projectId,
    subjectOf: orderSubject,
  }),
  [ServiceProjectChangedV1.type]: entry(ServiceProjectChangedV1, {
    schema: serviceProjectChangedV1Schema,
    direction: 'internal',
    summary: 'The ERP changed the order: the service project as it now stands, with every commitment and its terms.',
    recordKey: 'projectId',
    recordKeyOf: (data) => data.projectId,
    subjectOf: orderSubject,
  }),
  [ServiceProjectCancelledV1.type]: entry(ServiceProjectCancelledV1, {
    schema: serviceProjectCancelledV1Schema,
    direction: 'internal',
    summary: 'A service project was cancelled with its order.',
    recordKey: 'projectId',
    recordKeyOf: (data) => data.projectId,
    subjectOf: orderSubject,
  }),
  [CommitmentCancelledV1.type]: entry(CommitmentCancelledV1, {
    schema: commitmentCancelledV1Schema,
    direction: 'internal',
    summary: 'One commitment of a service project was cancelled.',
    recordKey: 'projectId',
    recordKeyOf: (data) => data.projectId,
    subjectOf: orderSubject,
  }),
  [TaskReadyV1.type]: entry(TaskReadyV1, {
    schema: taskReadyV1Schema,
    direction: 'internal',
    summary: 'A task can now be scheduled: its machine arrived, the customer called it off, or a breakdown came in.',
    recordKey: TASK_KEY,
    recordKeyOf: byTask,
    subjectOf: taskSubject,
  }),
  [TaskChangedV1.type]: entry(TaskChangedV1, {
    schema: taskChangedV1Schema,
    direction: 'internal',
    summary: "A task's dates, status or details changed; the event names the fields and carries the task as it now stands.",
    recordKey: TASK_KEY,
    recordKeyOf: byTask,
    subjectOf: taskSubject,
  }),
  [TaskOnHoldV1.type]: entry(TaskOnHoldV1, {
    schema: taskOnHoldV1Schema,
    direction: 'internal',
    summary: 'A task was put on hold (site not ready, customer to confirm, parts missing); do not schedule it until it is released.',
    recordKey: TASK_KEY,
    recordKeyOf: byTask,
    subjectOf: taskSubject,
  }),
  [TaskReleasedV1.type]: entry(TaskReleasedV1, {
    schema: taskReleasedV1Schema,
    direction: 'internal',
    summary: 'A task on hold was released and can be scheduled again.',
    recordKey: TASK_KEY,
    recordKeyOf: byTask,
    subjectOf: taskSubject,
  }),
  [TaskCancelledV1.type]: entry(TaskCancelledV1, {
    schema: taskCancelledV1Schema,
    direction: 'internal',
    summary: 'A task will not be done; its bookings are freed.',
    recordKey: TASK_KEY,
    recordKeyOf: byTask,
    subjectOf: taskSubject,
  }),
  [TaskDoneV1.type]: entry(TaskDoneV1, {
    schema: taskDoneV1Schema,
    direction: 'internal',
    summary: 'A task was completed at the customer site.',
    recordKey: TASK_KEY,
    recordKeyOf: byTask,
    subjectOf: taskSubject,
  }),
  [EquipmentRegisteredV1.type]: entry(EquipmentRegisteredV1, {
    schema: equipmentRegisteredV1Schema,
    direction: 'internal',
    summary: "A dispatched machine joined the customer's installed base, with its serial number and warranty.",
    recordKey: 'projectId',
    recordKeyOf: (data) => data.projectId,
    subjectOf: orderSubject,
  }),
  [CoverageChangedV1.type]: entry(CoverageChangedV1, {
    schema: coverageChangedV1Schema,
    direction: 'internal',
    summary: "A machine's warranty or AMC started, moved, expired or was cancelled; billing decides from it what is covered.",
    recordKey: 'projectId, or serialNumber for a machine without a project',
    recordKeyOf: byProjectOrSerial,
    subjectOf: (data) => data.serialNumber,
  }),
  [ServiceRequestRaisedV1.type]: entry(ServiceRequestRaisedV1, {
    schema: serviceRequestRaisedV1Schema,
    direction: 'internal',
    summary: 'A customer reported a machine breakdown; with its coverage, SLA targets and the breakdown task to schedule.',
    recordKey: 'projectId, or serialNumber for a machine without a project',
    recordKeyOf: byProjectOrSerial,
    subjectOf: (data) => data.requestId,
  }),
  [ServiceRequestResolvedV1.type]: entry(ServiceRequestResolvedV1, {
    schema: serviceRequestResolvedV1Schema,
    direction: 'internal',
    summary: 'A breakdown was resolved; whether the response and resolution targets were met.',
    recordKey: 'projectId, or serialNumber for a machine without a project',
    recordKeyOf: byProjectOrSerial,
    subjectOf: (data) => data.requestId,
  }),
  [EscalationRaisedV1.type]: entry(EscalationRaisedV1, {
    schema: escalationRaisedV1Schema,
    direction: 'internal',
    summary: 'A service request or task was escalated: its owner, the service manager or the head of service is called in.',
    recordKey: 'projectId, or serialNumber for work without a project, or subject.id',
    recordKeyOf: (data) => byProjectOrSerial(data) ?? data.subject.id,
    subjectOf: (data) => data.subject.id,
  }),
  [VisitScheduledV1.type]: entry(VisitScheduledV1, {
    schema: visitScheduledV1Schema,
    direction: 'internal',
    summary: 'scheduling booked engineers (a crew) for a task: who goes to which site when, proposed to the customer or confirmed.',
    recordKey: VISIT_KEY,
    recordKeyOf: byVisitTask,
    subjectOf: visitSubject,
  }),
  [VisitRescheduledV1.type]: entry(VisitRescheduledV1, {
    schema: visitRescheduledV1Schema,
    direction: 'internal',
    summary: 'A booked visit moved to other engineers or another time; with where it was before.',
    recordKey: VISIT_KEY,
    recordKeyOf: byVisitTask,
    subjectOf: visitSubject,
  }),
  [VisitCancelledV1.type]: entry(VisitCancelledV1, {
    schema: visitCancelledV1Schema,
    direction: 'internal',
    summary: 'A booked visit will not take place (task cancelled or on hold, done before the visit, unassigned, declined by the customer); its engineers are free again.',
    recordKey: VISIT_KEY,
    recordKeyOf: byVisitTask,
    subjectOf: visitSubject,
  }),
  [EngineerAvailabilityChangedV1.type]: entry(EngineerAvailabilityChangedV1, {
    schema: engineerAvailabilityChangedV1Schema,
    direction: 'internal',
    summary: "An engineer's available minutes per day (calendar minus leave and holidays) as they now stand, for utilization.",
    recordKey: 'engineerId',
    recordKeyOf: (data) => data.engineerId,
    subjectOf: (data) => data.engineerId,
  }),
  [BillingLineChangedV1.type]: entry(BillingLineChangedV1, {
    schema: billingLineChangedV1Schema,
    direction: 'internal',
    summary: "A billing ledger line was made or changed state (ready, requested, invoiced, review, ...).",
    recordKey: 'projectId, or customerId for work without a project',
    recordKeyOf: (data) => data.projectId ?? data.customerId,
    subjectOf: (data) => data.lineId,
  }),
  [InvoiceAnsweredV1.type]: entry(InvoiceAnsweredV1, {
    schema: invoiceAnsweredV1Schema,
    direction: 'internal',
    summary: "Billing accepted ERP accounting's answer to an invoice request (posted, rejected, credited); answers it dead-letters are never announced.",
    recordKey: 'projectId, or customerId for a request without a project',
    recordKeyOf: (data) => data.projectId ?? data.customerId,
    subjectOf: byInvoiceRequestId,
  }),
  [VisitStartedV1.type]: entry(VisitStartedV1, {
    schema: visitStartedV1Schema,
    direction: 'internal',
    summary: 'An engineer checked in on site for the first time on a visit: its task is in progress.',
    recordKey: FIELD_WORK_KEY,
    recordKeyOf: byFieldWorkTask,
    subjectOf: (data) => data.visitId,
  }),
  [VisitCompletedV1.type]: entry(VisitCompletedV1, {
    schema: visitCompletedV1Schema,
    direction: 'internal',
    summary: 'An engineer closed a visit: completed and signed off by the customer, or incomplete with the reason for a follow-up.',
    recordKey: FIELD_WORK_KEY,
    recordKeyOf: byFieldWorkTask,
    subjectOf: (data) => data.visitId,
  }),
  [TimeApprovedV1.type]: entry(TimeApprovedV1, {
    schema: timeApprovedV1Schema,
    direction: 'internal',
    summary: "A service manager approved an engineer's time entry (a correction names the entry it replaces).",
    recordKey: FIELD_WORK_KEY,
    recordKeyOf: byFieldWorkTask,
    subjectOf: (data) => data.timeEntryId,
  }),
  [ExpenseApprovedV1.type]: entry(ExpenseApprovedV1, {
    schema: expenseApprovedV1Schema,
    direction: 'internal',
    summary: "A service manager approved an engineer's expense, with the amount in the order's currency (a correction names what it replaces).",
    recordKey: FIELD_WORK_KEY,
    recordKeyOf: byFieldWorkTask,
    subjectOf: (data) => data.expenseId,
  }),
  [PartsConsumedV1.type]: entry(PartsConsumedV1, {
    schema: partsConsumedV1Schema,
    direction: 'internal',
    summary: 'Spare parts the ERP issued (or took back) were recorded against a visit, task or project, at the ERP unit cost.',
    recordKey: 'taskId, else projectId, else orderId, else issueId',
    recordKeyOf: (data) => data.taskId ?? data.projectId ?? data.orderId ?? data.issueId,
    subjectOf: (data) => data.consumptionId,
  }),
});

export type EventCatalog = typeof EVENT_CATALOG;
export type EventType = keyof EventCatalog;
/** The `data` class of an event type, e.g. `EventDataOf<'erp.sales-order.created.v1'>` is `SalesOrderCreatedV1`. */
export type EventDataOf<K extends EventType> = InstanceType<EventCatalog[K]['contract']>;

export const EVENT_TYPES: readonly EventType[] = Object.freeze(Object.keys(EVENT_CATALOG) as EventType[]);

export function isKnownType(type: string): type is EventType {
  // hasOwn, not `in`: "constructor" or "toString" must not pass as event types.
  return Object.hasOwn(EVENT_CATALOG, type);
}

export function eventContractOf(type: string): EventContract | undefined {
  return isKnownType(type) ? (EVENT_CATALOG[type] as EventContract) : undefined;
}

/** The event types that travel on a topic. */
export function eventTypesOn(topic: string): EventType[] {
  return EVENT_TYPES.filter((type) => EVENT_CATALOG[type].topic === topic);
}

export type EventValidationResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: 'UNKNOWN_TYPE' | 'SCHEMA_VIOLATION'; reason: string };

/** Keys JSON.parse keeps as own properties but class-transformer would turn into prototype writes. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Contract payloads are a few levels deep; unknown fields may add some. Far deeper
 * input would overflow the stack in the recursive transformers below, and a thrown
 * error would be retried forever instead of dead-lettered.
 */
const MAX_DEPTH = 32;

/** Why the raw data cannot even be handed to class-transformer, or undefined. */
function unsafeStructure(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return `${path}: nested deeper than ${MAX_DEPTH} levels`;
  // Paths are spelled out only for a finding: this runs on every event consumed and emitted.
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `${path === '' ? key : `${path}.${key}`}: property name is not allowed`;
    const child = (value as Record<string, unknown>)[key];
    if (typeof child !== 'object' || child === null) continue;
    const found = unsafeStructure(child, path === '' ? key : `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Whether an event's `data` keeps its type's contract, without the typed
 * instance: the same verdict and reason as `validateEventData`, reached
 * quickly when the data is fine (see `surelyKeepsContract`). For consumers and
 * the outbox, which only need the verdict.
 */
export function checkEventData(type: string, data: unknown): EventCheckResult {
  const contract = eventContractOf(type);
  if (contract !== undefined && typeof data === 'object' && data !== null && !Array.isArray(data) && unsafeStructure(data, '', 1) === undefined) {
    if (surelyKeepsContract(contract.contract, data)) return { ok: true };
  }
  const validated = validateEventData(type, data);
  return validated.ok ? { ok: true } : validated;
}

export type EventCheckResult = { ok: true } | { ok: false; code: 'UNKNOWN_TYPE' | 'SCHEMA_VIOLATION'; reason: string };

/**
 * Checks an event's `data` against its type's contract class and returns the
 * typed instance. Unknown properties are kept, not rejected: the contract lets
 * producers add optional fields before consumers know them.
 */
export function validateEventData<K extends EventType>(type: K, data: unknown): EventValidationResult<EventDataOf<K>>;
export function validateEventData(type: string, data: unknown): EventValidationResult<object>;
export function validateEventData(type: string, data: unknown): EventValidationResult<object> {
  const contract = eventContractOf(type);
  if (contract === undefined) {
    return { ok: false, code: 'UNKNOWN_TYPE', reason: `unknown event type ${JSON.stringify(type)}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, code: 'SCHEMA_VIOLATION', reason: 'data: must be a JSON object' };
  }
  const unsafe = unsafeStructure(data, '', 1);
  if (unsafe !== undefined) return { ok: false, code: 'SCHEMA_VIOLATION', reason: unsafe };
  const value = plainToInstance(contract.contract, data);
  const errors = validateSync(value, {
    forbidUnknownValues: true,
    validationError: { target: false, value: true },
  });
  if (errors.length > 0) {
    return { ok: false, code: 'SCHEMA_VIOLATION', reason: describeValidationErrors(errors) };
  }
  return { ok: true, value };
}
