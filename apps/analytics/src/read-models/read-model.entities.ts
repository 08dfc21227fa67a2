import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AGGREGATE_ENTITIES } from './aggregate.entities.js';

/*
 * Analytics' read models: plain tables, each row rebuilt from events only. Fact
 * tables are keyed by the fact's own id (upsert, last writer by the fact's time);
 * `engineer_day` is the one aggregate, kept by adding each fact's change of
 * contribution, so utilization never scans time entries. Ids are text: they come
 * from other services and analytics only compares them.
 */

/** An engineer as scheduling last described them (psa.engineer.availability-changed.v1). */
@Entity({ name: 'engineer' })
@Index('ix_engineer_team', ['team'])
@Index('ix_engineer_region', ['region'])
export class EngineerEntity {
  @PrimaryColumn({ name: 'engineer_id', type: 'text' })
  engineerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  team: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}

/** Per engineer and day: available minutes and the hours booked, approved and covered that day. */
@Entity({ name: 'engineer_day' })
@Index('ix_engineer_day_date', ['workDate'])
export class EngineerDayEntity {
  @PrimaryColumn({ name: 'engineer_id', type: 'text' })
  engineerId: string;

  @PrimaryColumn({ name: 'work_date', type: 'date' })
  workDate: string;

  @Column({ name: 'available_minutes', type: 'integer', default: 0 })
  availableMinutes: number;

  @Column({ name: 'availability_changed_at', type: 'timestamptz', nullable: true })
  availabilityChangedAt: Date | null;

  @Column({ name: 'billable_hours', type: 'numeric', precision: 14, scale: 2, default: 0 })
  billableHours: string;

  @Column({ name: 'non_billable_hours', type: 'numeric', precision: 14, scale: 2, default: 0 })
  nonBillableHours: string;

  @Column({ name: 'covered_hours', type: 'numeric', precision: 14, scale: 2, default: 0 })
  coveredHours: string;

  @Column({ name: 'scheduled_hours', type: 'numeric', precision: 14, scale: 2, default: 0 })
  scheduledHours: string;
}

/** An approved time entry; `superseded_by` once a correction replaced it; `known` false for a placeholder named by a correction that came first. */
@Entity({ name: 'time_entry' })
@Index('ix_time_entry_customer_date', ['customerId', 'workDate'])
@Index('ix_time_entry_engineer_date', ['engineerId', 'workDate'])
@Index('ix_time_entry_task', ['taskId'])
export class TimeEntryEntity {
  @PrimaryColumn({ name: 'time_entry_id', type: 'text' })
  timeEntryId: string;

  @Column({ type: 'boolean' })
  known: boolean;

  @Column({ name: 'engineer_id', type: 'text', nullable: true })
  engineerId: string | null;

  @Column({ name: 'visit_id', type: 'text', nullable: true })
  visitId: string | null;

  @Column({ name: 'task_id', type: 'text', nullable: true })
  taskId: string | null;

  @Column({ name: 'project_id', type: 'text', nullable: true })
  projectId: string | null;

  @Column({ name: 'customer_id', type: 'text', nullable: true })
  customerId: string | null;

  @Column({ name: 'work_date', type: 'date', nullable: true })
  workDate: string | null;

  @Column({ type: 'numeric', precision: 10, scale: 2, default: 0 })
  hours: string;

  @Column({ type: 'boolean', default: false })
  billable: boolean;

  @Column({ type: 'text', nullable: true })
  activity: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  corrects: string | null;

  @Column({ name: 'superseded_by', type: 'text', nullable: true })
  supersededBy: string | null;
}

/** A service project as its latest snapshot (psa.service-project.created/changed.v1) describes it; cancelled by psa.service-project.cancelled.v1. */
@Entity({ name: 'project' })
@Index('ix_project_customer', ['customerId'])
@Index('ix_project_order', ['orderId'])
export class ProjectEntity {
  @PrimaryColumn({ name: 'project_id', type: 'text' })
  projectId: string;

  @Column({ name: 'order_id', type: 'text', nullable: true })
  orderId: string | null;

  @Column({ name: 'customer_id', type: 'text', nullable: true })
  customerId: string | null;

  @Column({ name: 'customer_name', type: 'text', nullable: true })
  customerName: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  currency: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', nullable: true })
  createdAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  /** When the snapshot the row holds was taken (createdAt of created, changedAt of changed): an older one never replaces it. */
  @Column({ name: 'changed_at', type: 'timestamptz', nullable: true })
  changedAt: Date | null;
}

/** A commitment of a project; cancelled by psa.commitment.cancelled.v1 or its project's cancellation. */
@Entity({ name: 'commitment' })
@Index('ix_commitment_customer', ['customerId'])
@Index('ix_commitment_project', ['projectId'])
export class CommitmentEntity {
  @PrimaryColumn({ name: 'commitment_id', type: 'text' })
  commitmentId: string;

  @Column({ name: 'project_id', type: 'text', nullable: true })
  projectId: string | null;

  @Column({ name: 'customer_id', type: 'text', nullable: true })
  customerId: string | null;

  @Column({ type: 'text', nullable: true })
  sku: string | null;

  @Column({ type: 'text', nullable: true })
  kind: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
}

/** A task as its latest psa.task.* event (by event time) describes it. */
@Entity({ name: 'task' })
@Index('ix_task_customer', ['customerId'])
@Index('ix_task_project', ['projectId'])
@Index('ix_task_region', ['region'])
@Index('ix_task_commitment', ['commitmentId'])
@Index('ix_task_serial', ['serialNumber'])
@Index('ix_task_completed', ['completedAt'], { where: `"status" = 'done'` })
@Index('ix_task_owner', ['owner'])
@Index('ix_task_service_request', ['serviceRequestId'])
export class TaskEntity {
  @PrimaryColumn({ name: 'task_id', type: 'text' })
  taskId: string;

  @Column({ name: 'project_id', type: 'text', nullable: true })
  projectId: string | null;

  @Column({ name: 'commitment_id', type: 'text', nullable: true })
  commitmentId: string | null;

  @Column({ name: 'service_request_id', type: 'text', nullable: true })
  serviceRequestId: string | null;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'customer_name', type: 'text' })
  customerName: string;

  @Column({ name: 'site_id', type: 'text', nullable: true })
  siteId: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ name: 'serial_number', type: 'text', nullable: true })
  serialNumber: string | null;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'text', nullable: true })
  priority: string | null;

  /** Who owns the task in service-commitments (the task snapshot's owner); null when nobody or not told. */
  @Column({ type: 'text', nullable: true })
  owner: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** Time of the event this row reflects: an older event never overwrites a newer one. */
  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime: Date;
}

/** A breakdown call and how its SLA went. */
@Entity({ name: 'service_request' })
@Index('ix_service_request_customer', ['customerId'])
@Index('ix_service_request_serial', ['serialNumber'])
export class ServiceRequestEntity {
  @PrimaryColumn({ name: 'request_id', type: 'text' })
  requestId: string;

  @Column({ name: 'project_id', type: 'text', nullable: true })
  projectId: string | null;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'serial_number', type: 'text' })
  serialNumber: string;

  @Column({ type: 'text', nullable: true })
  priority: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ name: 'raised_at', type: 'timestamptz', nullable: true })
  raisedAt: Date | null;

  @Column({ name: 'resolution_due_at', type: 'timestamptz', nullable: true })
  resolutionDueAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'response_met', type: 'boolean', nullable: true })
  responseMet: boolean | null;

  @Column({ name: 'resolution_met', type: 'boolean', nullable: true })
  resolutionMet: boolean | null;
}

/** An installed machine: its model (sku) for warranty cost, MTTR and MTBF per model. */
@Entity({ name: 'equipment' })
@Index('ix_equipment_customer', ['customerId'])
export class EquipmentEntity {
  @PrimaryColumn({ name: 'serial_number', type: 'text' })
  serialNumber: string;

  @Column({ type: 'text' })
  sku: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'project_id', type: 'text', nullable: true })
  projectId: string | null;
}

/** A machine's warranty or AMC as last changed (key: serial, kind, contract). */
@Entity({ name: 'coverage' })
@Index('ix_coverage_customer', ['customerId'])
@Index('ix_coverage_ends', ['kind', 'endsOn'])
export class CoverageEntity {
  @PrimaryColumn({ name: 'coverage_key', type: 'text' })
  coverageKey: string;

  @Column({ name: 'serial_number', type: 'text' })
  serialNumber: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'contract_id', type: 'text', nullable: true })
  contractId: string | null;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}

/** One dispatched machine unit (erp.machine.dispatched.v1), keyed by serial (or dispatch, line and unit). */
@Entity({ name: 'dispatched_unit' })
@Index('ix_dispatched_unit_order', ['orderId'])
@Index('ix_dispatched_unit_serial', ['serialNumber'])
export class DispatchedUnitEntity {
  @PrimaryColumn({ name: 'unit_key', type: 'text' })
  unitKey: string;

  @Column({ name: 'serial_number', type: 'text', nullable: true })
  serialNumber: string | null;

  @Column({ name: 'dispatch_id', type: 'text' })
  dispatchId: string;

  @Column({ name: 'order_id', type: 'text' })
  orderId: string;

  @Column({ type: 'text' })
  sku: string;

  @Column({ name: 'dispatched_at', type: 'timestamptz' })
  dispatchedAt: Date;
}

/** A booked visit (scheduling) and what happened on it (field-execution), by booking id. */
@Entity({ name: 'visit' })
@Index('ix_visit_customer_completed', ['customerId', 'completedAt'])
@Index('ix_visit_task', ['taskId'])
@Index('ix_visit_completed', ['completedAt'])
export class VisitEntity {
  @PrimaryColumn({ name: 'booking_id', type: 'text' })
  bookingId: string;

  @Column({ name: 'task_id', type: 'text' })
  taskId: string;

  @Column({ name: 'project_id', type: 'text', nullable: true })
  projectId: string | null;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'engineer_ids', type: 'text', array: true, default: () => "'{}'" })
  engineerIds: string[];

  /** Working stretches as booked: [{start, end}], for scheduled hours per engineer and day. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  segments: { start: string; end: string }[];

  /** proposed, confirmed or cancelled; null while only field-execution's events are known. */
  @Column({ name: 'booking_status', type: 'text', nullable: true })
  bookingStatus: string | null;

  @Column({ name: 'booking_changed_at', type: 'timestamptz', nullable: true })
  bookingChangedAt: Date | null;

  @Column({ name: 'visit_id', type: 'text', nullable: true })
  visitId: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;
}

/** A billing ledger line as it now stands (psa.billing-line.changed.v1, last by changedAt). */
@Entity({ name: 'billing_line' })
@Index('ix_billing_line_customer', ['customerId', 'workDate'])
@Index('ix_billing_line_project', ['projectId'])
@Index('ix_billing_line_state', ['state'])
export class BillingLineEntity {
  @PrimaryColumn({ name: 'line_id', type: 'text' })
  lineId: string;

  @Column({ type: 'text' })
  state: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'project_id', type: 'text', nullable: true })
  projectId: string | null;

  @Column({ name: 'commitment_id', type: 'text', nullable: true })
  commitmentId: string | null;

  @Column({ name: 'task_id', type: 'text', nullable: true })
  taskId: string | null;

  @Column({ name: 'engineer_id', type: 'text', nullable: true })
  engineerId: string | null;

  @Column({ name: 'serial_number', type: 'text', nullable: true })
  serialNumber: string | null;

  @Column({ name: 'source_kind', type: 'text' })
  sourceKind: string;

  @Column({ name: 'work_date', type: 'date' })
  workDate: string;

  @Column({ type: 'numeric', precision: 14, scale: 4 })
  quantity: string;

  @Column({ type: 'numeric', precision: 18, scale: 4 })
  amount: string;

  @Column({ type: 'numeric', precision: 18, scale: 4 })
  cost: string;

  @Column({ type: 'text' })
  currency: string;

  @Column({ type: 'boolean' })
  billable: boolean;

  @Column({ type: 'text' })
  coverage: string;

  @Column({ name: 'invoice_request_id', type: 'text', nullable: true })
  invoiceRequestId: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  /** When the line entered its current state (the aging clock of requested lines). */
  @Column({ name: 'state_since', type: 'timestamptz' })
  stateSince: Date;
}

/**
 * An invoice request and ERP accounting's answer as billing accepted it, merged
 * whichever comes first (psa.invoice.requested.v1 on psa.invoices;
 * psa.invoice.answered.v1 on psa.billing). Answers billing dead-letters never
 * reach it. A credit note after a posting stands, with the posting kept.
 */
@Entity({ name: 'invoice_request' })
@Index('ix_invoice_request_customer', ['customerId', 'requestedAt'])
export class InvoiceRequestEntity {
  @PrimaryColumn({ name: 'invoice_request_id', type: 'text' })
  invoiceRequestId: string;

  @Column({ name: 'customer_id', type: 'text', nullable: true })
  customerId: string | null;

  @Column({ name: 'order_id', type: 'text', nullable: true })
  orderId: string | null;

  @Column({ type: 'text', nullable: true })
  currency: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 4, nullable: true })
  total: string | null;

  /** The rejected or credited request this one re-submits. */
  @Column({ type: 'text', nullable: true })
  supersedes: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', nullable: true })
  requestedAt: Date | null;

  /** posted, rejected or cancelled (credited); null while billing has accepted no answer of ERP accounting. */
  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'answer_reason', type: 'text', nullable: true })
  answerReason: string | null;

  @Column({ name: 'posted_at', type: 'timestamptz', nullable: true })
  postedAt: Date | null;

  @Column({ name: 'invoice_number', type: 'text', nullable: true })
  invoiceNumber: string | null;

  @Column({ name: 'posted_total', type: 'numeric', precision: 18, scale: 4, nullable: true })
  postedTotal: string | null;
}

/** An escalation as service-commitments raised it (psa.escalation.raised.v1): a fact that never changes. */
@Entity({ name: 'escalation' })
@Index('ix_escalation_customer', ['customerId', 'raisedAt'])
export class EscalationEntity {
  @PrimaryColumn({ name: 'escalation_id', type: 'text' })
  escalationId: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  /** service_request or task, and its id. */
  @Column({ name: 'subject_kind', type: 'text' })
  subjectKind: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @Column({ type: 'text' })
  level: string;

  @Column({ type: 'text' })
  target: string;

  @Column({ type: 'text' })
  trigger: string;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;
}

/** A record analytics could not read (bad JSON, envelope or schema): kept with the reason; the partition moves on. */
@Entity({ name: 'rejected_event' })
export class RejectedEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'integer' })
  partition: number;

  @Column({ name: 'record_offset', type: 'bigint' })
  recordOffset: string;

  @Column({ name: 'reason_code', type: 'text' })
  reasonCode: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  value: string | null;

  @CreateDateColumn({ name: 'rejected_at', type: 'timestamptz' })
  rejectedAt: Date;
}

export const READ_MODEL_ENTITIES = [
  ...AGGREGATE_ENTITIES,
  EngineerEntity,
  EngineerDayEntity,
  TimeEntryEntity,
  ProjectEntity,
  CommitmentEntity,
  TaskEntity,
  ServiceRequestEntity,
  EquipmentEntity,
  CoverageEntity,
  DispatchedUnitEntity,
  VisitEntity,
  BillingLineEntity,
  InvoiceRequestEntity,
  EscalationEntity,
  RejectedEventEntity,
];

/** Every table a rebuild empties (consumer_position included: the rebuild starts at offset 0). */
export const READ_MODEL_TABLES = [
  'engineer',
  'engineer_day',
  'engineer_month',
  'customer_month',
  'commitment_tasks',
  'task_visits',
  'customer_region_tasks',
  'customer_tasks',
  'owner_tasks',
  'owner_due_day',
  'task_due_day',
  'commitment_pending',
  'work_month',
  'time_entry',
  'project',
  'commitment',
  'task',
  'service_request',
  'equipment',
  'coverage',
  'dispatched_unit',
  'visit',
  'billing_line',
  'invoice_request',
  'escalation',
  'rejected_event',
  'consumer_position',
];
