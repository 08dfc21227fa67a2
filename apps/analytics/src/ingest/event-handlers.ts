import type {
  BillingLineChangedV1,
  EscalationRaisedV1,
  InvoiceAnsweredV1,
  InvoiceRequestedV1,
  CommitmentCancelledV1,
  CoverageChangedV1,
  EngineerAvailabilityChangedV1,
  EquipmentRegisteredV1,
  MachineDispatchedV1,
  ServiceProjectCancelledV1,
  ServiceProjectChangedV1,
  ServiceProjectCreatedV1,
  ServiceProjectFacts,
  ServiceRequestRaisedV1,
  ServiceRequestResolvedV1,
  TaskSnapshot,
  TimeApprovedV1,
  VisitBooking,
  VisitCompletedV1,
  VisitStartedV1,
} from '#contracts';
import { mayOverwrite, type BatchState, type Row, type TableName } from './batch-state.js';


const INVOICE_REQUEST_COLUMNS = ['customer_id', 'order_id', 'currency', 'total', 'supersedes', 'requested_at', 'answer', 'answered_at', 'answer_reason', 'posted_at', 'invoice_number', 'posted_total'] as const;

/** An invoice request's row with `fields` merged into what is known (the request and its answer arrive on two topics, in any order). */
function mergeInvoiceRequest(state: BatchState, id: string, fields: Row): void {
  const existing = state.get('invoice_request', id);
  const row: Row = { invoice_request_id: id };
  for (const column of INVOICE_REQUEST_COLUMNS) row[column] = existing?.[column] ?? null;
  state.put('invoice_request', { ...row, ...fields });
}

/**
 * How far along billing's lifecycle of a request an answer is: a request is posted or rejected, and only a
 * posted one is then credited (cancelled). Billing announces only answers it accepted, so a request's answers
 * are at most a posting and its credit note, or a rejection.
 */
const ANSWER_STAGE: Record<InvoiceAnsweredV1['answer'], number> = { posted: 1, rejected: 1, cancelled: 2 };

/**
 * psa.invoice.answered.v1: ERP accounting's answer as billing accepted it (never one billing dead-lettered).
 * The answer furthest along billing's lifecycle stands, whatever the order they arrive in (a credit note
 * after its posting; between answers of one stage, which billing never accepts for one request, the
 * latest by its own time). The posting's time, number and total are kept whatever came after; a credit
 * note fills the number and total only where no posting gave them (a request announced once, as credited).
 */
function applyInvoiceAnswer(state: BatchState, d: InvoiceAnsweredV1): void {
  const existing = state.get('invoice_request', d.invoiceRequestId);
  const current = (existing?.answer ?? null) as InvoiceAnsweredV1['answer'] | null;
  const stands =
    current === null ||
    ANSWER_STAGE[d.answer] > ANSWER_STAGE[current] ||
    (ANSWER_STAGE[d.answer] === ANSWER_STAGE[current] && mayOverwrite(existing!.answered_at, d.answeredAt));
  const posting: Row =
    d.answer === 'posted'
      ? { posted_at: d.answeredAt, invoice_number: d.invoiceNumber ?? null, posted_total: d.postedTotal ?? null }
      : {
          invoice_number: existing?.invoice_number ?? d.invoiceNumber ?? null,
          posted_total: existing?.posted_total ?? d.postedTotal ?? null,
        };
  mergeInvoiceRequest(state, d.invoiceRequestId, { ...posting, ...(stands ? { answer: d.answer, answered_at: d.answeredAt, answer_reason: d.reason ?? null } : {}) });
}

/**
 * How each event type changes the read models. Every handler is written so
 * that the result does not depend on arrival order: rows are keyed by the
 * fact's id, a newer fact (by its own time) replaces an older one and never the
 * reverse, and facts that only add fields (a visit's completion, a request's
 * resolution) merge into whatever is already there, creating the row if needed.
 */
export interface EventHandler {
  /** The rows the event reads or writes, loaded in bulk before the batch is applied. */
  touches(data: any): [TableName, string][];
  apply(state: BatchState, data: any, time: string): void;
}

const utcDate = (instant: string) => new Date(instant).toISOString().slice(0, 10);
const coverageKey = (d: CoverageChangedV1) => `${d.serialNumber}|${d.coverage.kind}|${d.coverage.contractId ?? d.coverage.commitmentId ?? ''}`;

type DispatchedUnit = { key: string; serial: string | null; sku: string };

function dispatchedUnits(d: MachineDispatchedV1): DispatchedUnit[] {
  return d.lines.flatMap((line): DispatchedUnit[] =>
    line.serialNumbers && line.serialNumbers.length > 0
      ? line.serialNumbers.map((serial) => ({ key: serial, serial, sku: line.sku }))
      : Array.from({ length: line.quantity }, (_, i) => ({ key: `${d.dispatchId}:${line.lineId}:${i + 1}`, serial: null, sku: line.sku })),
  );
}

function taskRow(task: TaskSnapshot, eventTime: string, completedAt: string | null, existing: Row | undefined): Row {
  return {
    task_id: task.taskId,
    project_id: task.projectId ?? null,
    commitment_id: task.commitmentId ?? null,
    service_request_id: task.serviceRequestId ?? null,
    customer_id: task.customerId,
    customer_name: task.customerName,
    site_id: task.site?.id ?? null,
    region: task.site?.region ?? null,
    serial_number: task.serialNumber ?? null,
    kind: task.kind,
    status: task.status,
    due_date: task.dueDate ?? null,
    due_at: task.dueAt ?? null,
    priority: task.priority ?? null,
    owner: task.owner ?? null,
    completed_at: task.status === 'done' ? (completedAt ?? existing?.completed_at ?? eventTime) : null,
    event_time: eventTime,
  };
}

function applyTask(state: BatchState, task: TaskSnapshot, eventTime: string, completedAt: string | null = null): void {
  const existing = state.get('task', task.taskId);
  if (existing && !mayOverwrite(existing.event_time, eventTime)) return;
  state.put('task', taskRow(task, eventTime, completedAt, existing));
}

function taskHandler(timeOf: (data: any) => string, completed = false): EventHandler {
  return {
    touches: (d: { task: TaskSnapshot }) => [['task', d.task.taskId]],
    apply: (state, d, _time) => applyTask(state, d.task, timeOf(d), completed ? d.completedAt : null),
  };
}

function blankVisit(bookingId: string, d: { taskId: string; projectId?: string | null; customerId: string }): Row {
  return {
    booking_id: bookingId,
    task_id: d.taskId,
    project_id: d.projectId ?? null,
    customer_id: d.customerId,
    engineer_ids: [],
    segments: [],
    booking_status: null,
    booking_changed_at: null,
    visit_id: null,
    started_at: null,
    completed_at: null,
    outcome: null,
  };
}

function bookingHandler(changedAtOf: (d: any) => string, cancelled: boolean): EventHandler {
  return {
    touches: (d: VisitBooking) => [['visit', d.bookingId]],
    apply: (state, d: VisitBooking) => {
      const changedAt = changedAtOf(d);
      const existing = state.get('visit', d.bookingId);
      if (existing && !mayOverwrite(existing.booking_changed_at, changedAt)) return;
      state.put('visit', {
        ...(existing ?? blankVisit(d.bookingId, d)),
        task_id: d.taskId,
        project_id: d.projectId ?? null,
        customer_id: d.customerId,
        engineer_ids: [...d.engineerIds],
        segments: d.segments.map((s) => ({ start: s.start, end: s.end })),
        booking_status: cancelled ? 'cancelled' : d.status,
        booking_changed_at: changedAt,
      });
    },
  };
}

/**
 * psa.service-project.created.v1 and .changed.v1 both carry the project as it stands at `at` (every commitment,
 * those an order change removed included, as cancelled): the newest snapshot by its own time gives the project's
 * order id, customer, region and currency, an older one changes nothing there. Commitments are never dropped from a
 * snapshot and their sku, kind and customer never change, so each snapshot upserts them whatever its age (an older
 * one names no commitment a newer one lacks). Being cancelled only ever gets set (here, or by
 * psa.service-project.cancelled.v1 and psa.commitment.cancelled.v1, whose time then stands): a snapshot never clears it.
 */
function projectSnapshotHandler<T extends ServiceProjectFacts>(at: (d: T) => string): EventHandler {
  return {
    touches: (d: T) => [['project', d.projectId], ...d.commitments.map((c) => ['commitment', c.commitmentId] as [TableName, string])],
    apply: (state, d: T) => {
      const time = at(d);
      const existing = state.get('project', d.projectId);
      const cancelledAt = existing?.cancelled_at ?? (d.status === 'cancelled' ? time : null);
      if (!existing || mayOverwrite(existing.changed_at, time)) {
        state.put('project', {
          project_id: d.projectId,
          order_id: d.orderId,
          customer_id: d.customer.id,
          customer_name: d.customer.name,
          region: d.site?.region ?? null,
          currency: d.currency ?? null,
          created_at: d.createdAt,
          cancelled_at: cancelledAt,
          changed_at: time,
        });
      } else if (cancelledAt !== (existing.cancelled_at ?? null)) {
        state.put('project', { ...existing, cancelled_at: cancelledAt });
      }
      for (const c of d.commitments) {
        const known = state.get('commitment', c.commitmentId);
        state.put('commitment', {
          commitment_id: c.commitmentId,
          project_id: d.projectId,
          customer_id: d.customer.id,
          sku: c.sku,
          kind: c.kind,
          cancelled_at: known?.cancelled_at ?? (c.status === 'cancelled' ? time : null),
        });
      }
    },
  };
}

export const EVENT_HANDLERS: Record<string, EventHandler> = {
  'psa.engineer.availability-changed.v1': {
    touches: (d: EngineerAvailabilityChangedV1) => [['engineer', d.engineerId]],
    apply: (state, d: EngineerAvailabilityChangedV1) => {
      const existing = state.get('engineer', d.engineerId);
      if (!existing || mayOverwrite(existing.changed_at, d.changedAt)) {
        state.put('engineer', { engineer_id: d.engineerId, name: d.name, team: d.team ?? null, region: d.region ?? null, changed_at: d.changedAt });
      }
      for (const day of d.days) state.setAvailability({ engineerId: d.engineerId, workDate: day.date, minutes: day.availableMinutes, changedAt: d.changedAt });
    },
  },

  'psa.time.approved.v1': {
    touches: (d: TimeApprovedV1) => [['time_entry', d.timeEntryId], ...(d.corrects ? [['time_entry', d.corrects] as [TableName, string]] : [])],
    apply: (state, d: TimeApprovedV1) => {
      const existing = state.get('time_entry', d.timeEntryId);
      state.put('time_entry', {
        time_entry_id: d.timeEntryId,
        known: true,
        engineer_id: d.engineerId,
        visit_id: d.visitId,
        task_id: d.taskId,
        project_id: d.projectId ?? null,
        customer_id: d.customerId,
        work_date: utcDate(d.start),
        hours: d.hours,
        billable: d.billable,
        activity: d.activity,
        approved_at: d.approvedAt,
        corrects: d.corrects ?? null,
        superseded_by: existing?.superseded_by ?? null,
      });
      if (d.corrects) {
        const corrected = state.get('time_entry', d.corrects) ?? {
          time_entry_id: d.corrects,
          known: false,
          engineer_id: null,
          visit_id: null,
          task_id: null,
          project_id: null,
          customer_id: null,
          work_date: null,
          hours: '0',
          billable: false,
          activity: null,
          approved_at: null,
          corrects: null,
          superseded_by: null,
        };
        // Field execution allows one live correction per entry; should two ever name the same entry, the
        // greater id wins whatever the order, so a rebuild gives the same answer.
        const by = corrected.superseded_by as string | null;
        state.put('time_entry', { ...corrected, superseded_by: by !== null && by > d.timeEntryId ? by : d.timeEntryId });
      }
    },
  },

  'psa.service-project.created.v1': projectSnapshotHandler<ServiceProjectCreatedV1>((d) => d.createdAt),
  'psa.service-project.changed.v1': projectSnapshotHandler<ServiceProjectChangedV1>((d) => d.changedAt),

  'psa.service-project.cancelled.v1': {
    touches: (d: ServiceProjectCancelledV1) => [['project', d.projectId]],
    apply: (state, d: ServiceProjectCancelledV1) => {
      const existing = state.get('project', d.projectId) ?? {
        project_id: d.projectId,
        order_id: d.orderId,
        customer_id: null,
        customer_name: null,
        region: null,
        currency: null,
        created_at: null,
        cancelled_at: null,
        changed_at: null,
      };
      state.put('project', { ...existing, cancelled_at: d.cancelledAt });
    },
  },

  'psa.commitment.cancelled.v1': {
    touches: (d: CommitmentCancelledV1) => [['commitment', d.commitmentId]],
    apply: (state, d: CommitmentCancelledV1) => {
      const existing = state.get('commitment', d.commitmentId) ?? {
        commitment_id: d.commitmentId,
        project_id: d.projectId,
        customer_id: null,
        sku: null,
        kind: null,
        cancelled_at: null,
      };
      state.put('commitment', { ...existing, cancelled_at: d.cancelledAt });
    },
  },

  'psa.task.ready.v1': taskHandler((d) => d.readyAt),
  'psa.task.changed.v1': taskHandler((d) => d.changedAt),
  'psa.task.on-hold.v1': taskHandler((d) => d.heldAt),
  'psa.task.released.v1': taskHandler((d) => d.releasedAt),
  'psa.task.cancelled.v1': taskHandler((d) => d.cancelledAt),
  'psa.task.done.v1': taskHandler((d) => d.completedAt, true),

  'psa.service-request.raised.v1': {
    touches: (d: ServiceRequestRaisedV1) => [
      ['service_request', d.requestId],
      ['task', d.task.taskId],
    ],
    apply: (state, d: ServiceRequestRaisedV1) => {
      const existing = state.get('service_request', d.requestId);
      state.put('service_request', {
        request_id: d.requestId,
        project_id: d.projectId ?? null,
        customer_id: d.customerId,
        serial_number: d.serialNumber,
        priority: d.priority,
        region: d.task.site?.region ?? null,
        raised_at: d.raisedAt,
        resolution_due_at: d.sla.resolutionDueAt,
        resolved_at: existing?.resolved_at ?? null,
        response_met: existing?.response_met ?? null,
        resolution_met: existing?.resolution_met ?? null,
      });
      applyTask(state, d.task, d.raisedAt);
    },
  },

  'psa.service-request.resolved.v1': {
    touches: (d: ServiceRequestResolvedV1) => [['service_request', d.requestId]],
    apply: (state, d: ServiceRequestResolvedV1) => {
      const existing = state.get('service_request', d.requestId) ?? {
        request_id: d.requestId,
        project_id: d.projectId ?? null,
        customer_id: d.customerId,
        serial_number: d.serialNumber,
        priority: null,
        region: null,
        raised_at: null,
        resolution_due_at: null,
      };
      state.put('service_request', { ...existing, resolved_at: d.resolvedAt, response_met: d.responseMet, resolution_met: d.resolutionMet });
    },
  },

  'psa.equipment.registered.v1': {
    touches: (d: EquipmentRegisteredV1) => [['equipment', d.serialNumber]],
    apply: (state, d: EquipmentRegisteredV1) => {
      state.put('equipment', { serial_number: d.serialNumber, sku: d.sku, customer_id: d.customerId, project_id: d.projectId });
    },
  },

  'psa.coverage.changed.v1': {
    touches: (d: CoverageChangedV1) => [['coverage', coverageKey(d)]],
    apply: (state, d: CoverageChangedV1) => {
      const key = coverageKey(d);
      const existing = state.get('coverage', key);
      if (existing && !mayOverwrite(existing.changed_at, d.changedAt)) return;
      state.put('coverage', {
        coverage_key: key,
        serial_number: d.serialNumber,
        kind: d.coverage.kind,
        contract_id: d.coverage.contractId ?? d.coverage.commitmentId ?? null,
        customer_id: d.customerId,
        starts_on: d.coverage.startsOn ?? null,
        ends_on: d.coverage.endsOn ?? null,
        status: d.coverage.status,
        changed_at: d.changedAt,
      });
    },
  },

  'erp.machine.dispatched.v1': {
    touches: (d: MachineDispatchedV1) => dispatchedUnits(d).map((u) => ['dispatched_unit', u.key] as [TableName, string]),
    apply: (state, d: MachineDispatchedV1) => {
      for (const unit of dispatchedUnits(d)) {
        state.put('dispatched_unit', {
          unit_key: unit.key,
          serial_number: unit.serial,
          dispatch_id: d.dispatchId,
          order_id: d.orderId,
          sku: unit.sku,
          dispatched_at: d.dispatchedAt,
        });
      }
    },
  },

  'psa.visit.scheduled.v1': bookingHandler((d) => d.scheduledAt, false),
  'psa.visit.rescheduled.v1': bookingHandler((d) => d.rescheduledAt, false),
  'psa.visit.cancelled.v1': bookingHandler((d) => d.cancelledAt, true),

  'psa.visit.started.v1': {
    touches: (d: VisitStartedV1) => [['visit', d.bookingId]],
    apply: (state, d: VisitStartedV1) => {
      const existing = state.get('visit', d.bookingId) ?? blankVisit(d.bookingId, d);
      state.put('visit', { ...existing, visit_id: d.visitId, started_at: d.startedAt });
    },
  },

  'psa.visit.completed.v1': {
    touches: (d: VisitCompletedV1) => [['visit', d.bookingId]],
    apply: (state, d: VisitCompletedV1) => {
      const existing = state.get('visit', d.bookingId) ?? blankVisit(d.bookingId, d);
      state.put('visit', { ...existing, visit_id: d.visitId, completed_at: d.completedAt, outcome: d.outcome });
    },
  },

  'psa.escalation.raised.v1': {
    touches: (d: EscalationRaisedV1) => [['escalation', d.escalationId]],
    apply: (state, d: EscalationRaisedV1) =>
      state.put('escalation', {
        escalation_id: d.escalationId,
        customer_id: d.customerId,
        subject_kind: d.subject.kind,
        subject_id: d.subject.id,
        level: d.level,
        target: d.target,
        trigger: d.trigger,
        raised_at: d.raisedAt,
      }),
  },
  'psa.invoice.requested.v1': {
    touches: (d: InvoiceRequestedV1) => [['invoice_request', d.invoiceRequestId]],
    apply: (state, d: InvoiceRequestedV1) =>
      mergeInvoiceRequest(state, d.invoiceRequestId, {
        customer_id: d.customerId,
        order_id: d.orderId ?? null,
        currency: d.currency,
        total: d.total,
        supersedes: d.supersedes ?? null,
        requested_at: d.requestedAt,
      }),
  },
  // Not erp.invoice.*.v1 on erp.accounting: billing owns the requests and dead-letters answers that do not fit
  // (an unknown request, one contradicting the request's state, a total without the currency's minor units);
  // what it accepted, analytics takes from billing, so the invoicing report agrees with billing's books.
  'psa.invoice.answered.v1': {
    touches: (d: InvoiceAnsweredV1) => [['invoice_request', d.invoiceRequestId]],
    apply: (state, d: InvoiceAnsweredV1) => applyInvoiceAnswer(state, d),
  },
  'psa.billing-line.changed.v1': {
    touches: (d: BillingLineChangedV1) => [['billing_line', d.lineId]],
    apply: (state, d: BillingLineChangedV1) => {
      const existing = state.get('billing_line', d.lineId);
      if (existing && !mayOverwrite(existing.changed_at, d.changedAt)) return;
      // The aging clock restarts only when the line enters a state, not when a field of a line in that state changes.
      const sameState = existing && existing.state === d.state && (d.previousState ?? null) === d.state;
      state.put('billing_line', {
        line_id: d.lineId,
        state: d.state,
        customer_id: d.customerId,
        project_id: d.projectId ?? null,
        commitment_id: d.commitmentId ?? null,
        task_id: d.taskId ?? null,
        engineer_id: d.engineerId ?? null,
        serial_number: d.serialNumber ?? null,
        source_kind: d.sourceKind,
        work_date: d.workDate,
        quantity: d.quantity,
        amount: d.amount,
        cost: d.cost,
        currency: d.currency,
        billable: d.billable,
        coverage: d.coverage,
        invoice_request_id: d.invoiceRequestId ?? null,
        changed_at: d.changedAt,
        state_since: sameState ? existing.state_since : d.changedAt,
      });
    },
  },
};

/** Every event type analytics reads. */
export const HANDLED_TYPES = Object.freeze(Object.keys(EVENT_HANDLERS));
