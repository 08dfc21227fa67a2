import { Inject, Injectable, Logger } from '@nestjs/common';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import type { ExpenseApprovedV1, PartsConsumedV1, TaskDoneV1, TimeApprovedV1 } from '#contracts';
import { EventContext } from '#messaging';
import { Clock } from '#platform';
import { RateCardsService } from '../rate-cards/rate-cards.service.js';
import {
  AmcCoveredVisitEntity,
  BillingCommitmentEntity,
  BillingProjectEntity,
  BillingTaskEntity,
  MachineCoverageEntity,
} from '../work-facts/work-facts.entities.js';
import { taskParkingKey } from '../work-facts/work-facts.service.js';
import { extend, money, roundAmount, zero } from './domain/billing-money.js';
import { contractInstalments, milestoneCharge, priceWork, type CommitmentTerms, type WorkDecision } from './domain/billing-policies.js';
import { dayIn } from './domain/calendar.js';
import { priceTime } from './domain/premium-hours.js';
import { decideCoverage, type CoverageAnswer, type WorkKind } from './domain/coverage-decision.js';
import { canApply } from './domain/ledger-line-state.js';
import { LedgerAdjustmentEntity, LedgerLineEntity } from './ledger.entities.js';
import { LedgerService, type NewLedgerLine } from './ledger.service.js';

export const BILLING_DEFAULT_CURRENCY = Symbol('BILLING_DEFAULT_CURRENCY');

/** States whose amount counts as billed (or about to be) against a not-to-exceed cap. */
const COUNTS_AGAINST_CAP = ['unbilled', 'ready', 'requested', 'invoiced', 'review', 'on_hold'] as const;

interface WorkSubject {
  task: BillingTaskEntity | null;
  commitment: BillingCommitmentEntity | null;
  project: BillingProjectEntity | null;
  customerId: string;
  currency: string;
  serialNumber: string | null;
}

/**
 * Turns completions, approvals, parts and coverage into ledger lines by the
 * commitment's billing policy and the machine's coverage.
 */
@Injectable()
export class BillableWork {
  private readonly logger = new Logger(BillableWork.name);

  constructor(
    private readonly ledger: LedgerService,
    private readonly rates: RateCardsService,
    private readonly clock: Clock,
    @Inject(BILLING_DEFAULT_CURRENCY) private readonly defaultCurrency: string,
  ) {}

  /**
   * Fixed fee: a finished milestone task bills its share of the commitment's price.
   * A task closed by an incomplete visit earns nothing yet: its follow-up (the same
   * template task) bills the milestone when it is done, so the fee is billed once.
   */
  async taskDone(tx: EntityManager, data: TaskDoneV1): Promise<void> {
    const task = data.task;
    if (!task.commitmentId) return;
    if (data.followUpTaskId) {
      this.logger.log({ msg: 'milestone not earned yet: the visit was incomplete', taskId: task.taskId, followUpTaskId: data.followUpTaskId });
      return;
    }
    const commitment = await tx.findOneBy(BillingCommitmentEntity, { commitmentId: task.commitmentId });
    if (!commitment?.terms) return this.unpricedCompletion(tx, data, commitment);
    // Events from before task keys were published: a single-milestone fee is earned by its only task.
    const policy = commitment.terms.policy;
    const taskKey = task.templateTaskKey ?? (policy.kind === 'fixed_fee' && policy.milestones.length === 1 ? policy.milestones[0].taskKey : null);
    const charge = taskKey ? milestoneCharge(commitment.terms, taskKey) : null;
    if (!charge) return;
    const project = await tx.findOneBy(BillingProjectEntity, { projectId: commitment.projectId });
    await this.ledger.record(tx, {
      state: 'ready',
      customerId: task.customerId,
      projectId: commitment.projectId,
      orderId: project?.orderId ?? task.orderId ?? null,
      orderLineId: commitment.orderLineId,
      customerPoNumber: project?.customerPoNumber ?? null,
      commitmentId: commitment.commitmentId,
      taskId: task.taskId,
      visitId: null,
      engineerId: null,
      serialNumber: task.serialNumber ?? commitment.serialNumber,
      sourceKind: 'milestone',
      sourceRef: task.taskId,
      sku: commitment.sku,
      description: charge.description,
      workDate: dayIn(data.completedAt, task.site?.timezone),
      quantity: '1',
      unitPrice: charge.amount,
      amount: charge.amount,
      cost: zero(commitment.terms.currency),
      currency: commitment.terms.currency,
      billable: true,
      coverage: 'none',
      reason: charge.reason,
    });
  }

  /**
   * A finished task of a commitment billing has no price for (e.g. one added by
   * an order change before prices travelled with it): nothing approved is left
   * out, so finance gets a line to price in the review queue.
   */
  private async unpricedCompletion(tx: EntityManager, data: TaskDoneV1, commitment: BillingCommitmentEntity | null): Promise<void> {
    const task = data.task;
    const project = task.projectId ? await tx.findOneBy(BillingProjectEntity, { projectId: task.projectId }) : null;
    const currency = project?.currency ?? task.orderCurrency ?? this.defaultCurrency;
    await this.ledger.record(tx, {
      state: 'review',
      customerId: task.customerId,
      projectId: task.projectId ?? null,
      orderId: project?.orderId ?? task.orderId ?? null,
      orderLineId: commitment?.orderLineId ?? null,
      customerPoNumber: project?.customerPoNumber ?? null,
      commitmentId: task.commitmentId ?? null,
      taskId: task.taskId,
      visitId: null,
      engineerId: null,
      serialNumber: task.serialNumber ?? null,
      sourceKind: 'milestone',
      sourceRef: task.taskId,
      sku: task.sku ?? commitment?.sku ?? null,
      description: task.name,
      workDate: dayIn(data.completedAt, task.site?.timezone),
      quantity: '1',
      unitPrice: '0',
      amount: zero(currency),
      cost: zero(currency),
      currency,
      billable: true,
      coverage: 'none',
      reason: `Done, but billing knows no price or policy for commitment ${task.commitmentId}: finance must price it`,
    });
  }

  /** Contract fee: once an AMC's term is known, its instalments enter the ledger (due ones ready). */
  async contractTermKnown(tx: EntityManager, coverage: MachineCoverageEntity): Promise<void> {
    if (coverage.kind !== 'amc' || !coverage.commitmentId) return;
    const commitment = await tx.findOneBy(BillingCommitmentEntity, { commitmentId: coverage.commitmentId });
    if (!commitment?.terms || commitment.terms.policy.kind !== 'contract_fee') return;
    if (coverage.status === 'cancelled') return this.contractCancelled(tx, commitment.commitmentId, coverage.reason);
    if (!coverage.startsOn || !coverage.endsOn) return;
    const project = await tx.findOneBy(BillingProjectEntity, { projectId: commitment.projectId });
    const today = this.today();
    for (const instalment of contractInstalments(commitment.terms, coverage.startsOn, coverage.endsOn)) {
      await this.ledger.record(tx, {
        state: instalment.dueOn <= today ? 'ready' : 'unbilled',
        customerId: coverage.customerId,
        projectId: commitment.projectId,
        orderId: project?.orderId ?? null,
        orderLineId: commitment.orderLineId,
        customerPoNumber: project?.customerPoNumber ?? null,
        commitmentId: commitment.commitmentId,
        taskId: null,
        visitId: null,
        engineerId: null,
        serialNumber: coverage.serialNumber,
        sourceKind: 'contract',
        sourceRef: `${commitment.commitmentId}#${instalment.sequence}`,
        sku: commitment.sku,
        description: instalment.description,
        workDate: instalment.dueOn,
        quantity: '1',
        unitPrice: instalment.amount,
        amount: instalment.amount,
        cost: zero(commitment.terms.currency),
        currency: commitment.terms.currency,
        billable: true,
        coverage: 'none',
        reason: `Contract fee (${commitment.terms.policy.schedule}) due ${instalment.dueOn}`,
      });
    }
  }

  /** Future instalments that fell due become ready to invoice. */
  async promoteDue(tx: EntityManager): Promise<number> {
    const due = await tx.find(LedgerLineEntity, {
      where: { state: 'unbilled', sourceKind: 'contract', workDate: LessThanOrEqual(this.today()) },
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
      take: 500,
    });
    for (const line of due) {
      await this.ledger.change(tx, line, { action: 'become_ready', reason: `Contract instalment due ${line.workDate}`, actor: 'billing' });
    }
    return due.length;
  }

  /** A commitment or its contract was cancelled: what is not yet invoiced goes to finance's review queue. */
  async contractCancelled(tx: EntityManager, commitmentId: string, reason: string): Promise<void> {
    const lines = await tx.find(LedgerLineEntity, { where: { commitmentId, state: In(['unbilled', 'ready', 'on_hold']) } });
    for (const line of lines) {
      await this.ledger.change(tx, line, { action: 'flag_for_review', reason: `Cancelled: ${reason}`, actor: 'billing' });
    }
    const billed = await tx.find(LedgerLineEntity, { where: { commitmentId, state: In(['requested', 'invoiced']) } });
    for (const line of billed) await this.note(tx, line, `Cancelled after it was billed: ${reason}; not reversed automatically`);
  }

  /**
   * The whole order was cancelled. Done work stays billable: only the commitments
   * service-commitments cancelled (each with its psa.commitment.cancelled.v1, which
   * comes first) lose what they had not billed; those are handled there.
   */
  async projectCancelled(tx: EntityManager, projectId: string): Promise<void> {
    await tx.update(BillingProjectEntity, { projectId }, { cancelledAt: this.clock.now() });
  }

  async timeApproved(data: TimeApprovedV1, context: EventContext): Promise<void> {
    const subject = await this.subjectOf(data.taskId, context);
    if (!subject) return;
    const tx = context.tx;
    const workDate = dayIn(data.start, subject.task?.timezone);
    const coverage = await this.coverageOf(tx, subject, workDate, 'labour', data.visitId);
    const terms = subject.commitment?.terms ?? null;
    const rate = await this.rates.choose(tx, {
      kind: 'billing',
      currency: subject.currency,
      on: workDate,
      activity: data.activity,
      customerId: subject.customerId,
      contractId: subject.commitment?.commitmentId ?? null,
    });
    // Bands by the site's wall clock when the card has premiums; hours × rate otherwise, as ever.
    const priced = rate
      ? priceTime({
          hours: data.hours,
          start: data.start,
          end: data.end,
          timeZone: subject.task?.timezone,
          rate: rate.rate,
          currency: subject.currency,
          rule: rate.rounding,
          premiums: { afterHoursPercent: rate.afterHoursPercent, weekendPercent: rate.weekendPercent, businessHours: rate.businessHours },
        })
      : null;
    const decision = priceWork(
      { terms, markedBillable: data.billable, coverage },
      {
        quantity: data.hours,
        unitPrice: priced?.unitPrice ?? null,
        currency: subject.currency,
        rule: rate?.rounding ?? 'half_up',
        billedSoFar: await this.billedSoFar(tx, subject.commitment?.commitmentId ?? null, subject.currency),
        ...(priced?.breakdown ? { amount: priced.amount, breakdown: priced.breakdown } : {}),
      },
    );
    const costRate = await this.rates.choose(tx, { kind: 'cost', currency: subject.currency, on: workDate, activity: data.activity, engineerId: data.engineerId });
    const cost = costRate ? extend(data.hours, costRate.rate, subject.currency, costRate.rounding) : zero(subject.currency);
    await this.recordWork(tx, subject, decision, coverage, {
      sourceKind: 'time',
      sourceRef: data.timeEntryId,
      corrects: data.corrects ?? null,
      visitId: data.visitId,
      engineerId: data.engineerId,
      workDate,
      quantity: data.hours,
      cost,
      description: `${labelOf(subject)}: ${data.activity} ${data.hours} h${decision.billable && priced?.breakdown ? ` (${priced.breakdown})` : ''}`,
      sku: subject.task?.sku ?? null,
    });
  }

  async expenseApproved(data: ExpenseApprovedV1, context: EventContext): Promise<void> {
    const subject = await this.subjectOf(data.taskId, context);
    if (!subject) return;
    const tx = context.tx;
    const workDate = dayIn(data.approvedAt, subject.task?.timezone);
    const inOrderCurrency = data.currency === subject.currency ? data.amount : (data.orderCurrency === subject.currency ? data.amountInOrderCurrency : null) ?? null;
    const coverage = await this.coverageOf(tx, subject, workDate, 'labour', data.visitId);
    let decision = priceWork(
      { terms: subject.commitment?.terms ?? null, markedBillable: true, coverage },
      {
        quantity: '1',
        unitPrice: inOrderCurrency,
        currency: subject.currency,
        rule: 'half_up',
        billedSoFar: await this.billedSoFar(tx, subject.commitment?.commitmentId ?? null, subject.currency),
      },
    );
    if (inOrderCurrency === null) decision = { ...decision, reason: `Expense of ${data.amount} ${data.currency} without an amount in ${subject.currency}: ${decision.reason}` };
    await this.recordWork(tx, subject, decision, coverage, {
      sourceKind: 'expense',
      sourceRef: data.expenseId,
      corrects: data.corrects ?? null,
      visitId: data.visitId,
      engineerId: data.engineerId,
      workDate,
      quantity: '1',
      cost: inOrderCurrency ? roundAmount(inOrderCurrency, subject.currency) : zero(subject.currency),
      description: `${labelOf(subject)}: ${data.category} expense${data.receiptReference ? ` (${data.receiptReference})` : ''}`,
      sku: null,
    });
  }

  async partsConsumed(data: PartsConsumedV1, context: EventContext): Promise<void> {
    const tx = context.tx;
    if (data.quantity < 0) return this.partsReturned(tx, data);
    const subject = data.taskId ? await this.subjectOf(data.taskId, context) : await this.projectSubject(tx, data);
    if (!subject) return;
    const workDate = dayIn(data.consumedAt, subject.task?.timezone);
    const sameCurrency = data.currency === subject.currency;
    const coverage = await this.coverageOf(tx, subject, workDate, 'parts', null);
    const card = await this.rates.choose(tx, { kind: 'billing', currency: subject.currency, on: workDate, activity: 'any', customerId: subject.customerId, contractId: subject.commitment?.commitmentId ?? null });
    const markup = card?.partsMarkupPercent ?? '0';
    const unitPrice = sameCurrency ? money(data.unitCost).times(money(100).plus(markup)).dividedBy(100).toDecimalPlaces(4).toString() : null;
    let decision = priceWork(
      { terms: subject.commitment?.terms ?? null, markedBillable: true, coverage },
      {
        quantity: String(data.quantity),
        unitPrice,
        currency: subject.currency,
        rule: card?.rounding ?? 'half_up',
        billedSoFar: await this.billedSoFar(tx, subject.commitment?.commitmentId ?? null, subject.currency),
      },
    );
    if (!sameCurrency) decision = { ...decision, reason: `Parts cost in ${data.currency}, order in ${subject.currency}: ${decision.reason}` };
    await this.recordWork(tx, subject, decision, coverage, {
      sourceKind: 'parts',
      sourceRef: data.consumptionId,
      corrects: null,
      visitId: data.visitId ?? null,
      engineerId: null,
      workDate,
      quantity: String(data.quantity),
      cost: sameCurrency ? extend(String(data.quantity), data.unitCost, subject.currency) : zero(subject.currency),
      description: `${data.description ?? data.sku} × ${data.quantity} (${data.issueId})`,
      sku: data.sku,
    });
  }

  /** A return takes back the matching parts line of the same visit or task if it is not billed yet. */
  private async partsReturned(tx: EntityManager, data: PartsConsumedV1): Promise<void> {
    const scope = data.visitId ? { visitId: data.visitId } : data.taskId ? { taskId: data.taskId } : data.projectId ? { projectId: data.projectId } : null;
    const candidates = scope ? await tx.find(LedgerLineEntity, { where: { sourceKind: 'parts', sku: data.sku, ...scope }, order: { createdAt: 'DESC' } }) : [];
    const line = candidates.find((l) => canApply('reverse', l.state)) ?? candidates[0];
    if (!line) {
      this.logger.warn({ msg: 'parts return without an issue billing knows', consumptionId: data.consumptionId, sku: data.sku });
      return;
    }
    const reason = `Returned ${-data.quantity} × ${data.sku} (${data.issueId})`;
    if (canApply('reverse', line.state)) await this.ledger.change(tx, line, { action: 'reverse', reason, actor: 'billing' });
    else await this.note(tx, line, `${reason} after it was billed: credit it if needed`);
  }

  private async recordWork(
    tx: EntityManager,
    subject: WorkSubject,
    decision: WorkDecision,
    coverage: CoverageAnswer,
    work: { sourceKind: 'time' | 'expense' | 'parts'; sourceRef: string; corrects: string | null; visitId: string | null; engineerId: string | null; workDate: string; quantity: string; cost: string; description: string; sku: string | null },
  ): Promise<void> {
    let state: NewLedgerLine['state'] = !decision.billable ? 'non_billable' : decision.needsReview ? 'review' : 'ready';
    let reason = decision.reason;
    if (work.corrects) {
      const replaced = await tx.findOneBy(LedgerLineEntity, { sourceKind: work.sourceKind, sourceRef: work.corrects });
      if (replaced && canApply('reverse', replaced.state)) {
        await this.ledger.change(tx, replaced, { action: 'reverse', reason: `Corrected by ${work.sourceRef}`, actor: 'billing' });
      } else if (replaced && replaced.state !== 'reversed') {
        await this.note(tx, replaced, `Corrected by ${work.sourceRef} after it was ${replaced.state}`);
        if (state === 'ready') {
          state = 'review';
          reason = `Corrects ${work.corrects}, which is ${replaced.state}: check before billing. ${reason}`;
        }
      }
    }
    const recorded = await this.ledger.record(tx, {
      state,
      customerId: subject.customerId,
      projectId: subject.project?.projectId ?? subject.task?.projectId ?? null,
      orderId: subject.project?.orderId ?? subject.task?.orderId ?? null,
      orderLineId: subject.commitment?.orderLineId ?? null,
      customerPoNumber: subject.project?.customerPoNumber ?? null,
      commitmentId: subject.commitment?.commitmentId ?? null,
      taskId: subject.task?.taskId ?? null,
      visitId: work.visitId,
      engineerId: work.engineerId,
      serialNumber: subject.serialNumber,
      sourceKind: work.sourceKind,
      sourceRef: work.sourceRef,
      sku: work.sku,
      description: work.description,
      workDate: work.workDate,
      quantity: work.quantity,
      unitPrice: decision.unitPrice,
      amount: decision.amount,
      cost: work.cost,
      currency: subject.currency,
      billable: decision.billable,
      coverage: decision.coverage,
      reason,
    });
    if (recorded && coverage.countsVisitOf && work.visitId && decision.coverage === 'amc') {
      await tx.createQueryBuilder().insert().into(AmcCoveredVisitEntity).values({ contractId: coverage.countsVisitOf, visitId: work.visitId }).orIgnore().execute();
    }
  }

  /** The task's commitment, project and currency; parks the event while the task, or the commitment it names, is unknown. */
  private async subjectOf(taskId: string, context: EventContext): Promise<WorkSubject | null> {
    // Taken before looking: the task's event releases what waits for it under the same lock. Looking first, an
    // approval could miss a task whose event was being applied on another topic's consumer, and park after that
    // event's release had found nothing to release, to wait forever.
    await context.lock(taskParkingKey(taskId));
    const task = await context.tx.findOneBy(BillingTaskEntity, { taskId });
    if (!task) {
      await context.park(taskParkingKey(taskId));
      return null;
    }
    const commitment = task.commitmentId ? await context.tx.findOneBy(BillingCommitmentEntity, { commitmentId: task.commitmentId }) : null;
    if (task.commitmentId && !commitment) {
      // The task came before its project's event (as earlier versions of service-commitments announced a project's
      // first tasks): priced without its commitment's terms, fixed-fee work would go to review as unpriced. It
      // waits; the project's event releases it.
      await context.park(taskParkingKey(taskId));
      return null;
    }
    const project = task.projectId ? await context.tx.findOneBy(BillingProjectEntity, { projectId: task.projectId }) : null;
    return {
      task,
      commitment,
      project,
      customerId: task.customerId,
      currency: commitment?.terms?.currency ?? project?.currency ?? task.orderCurrency ?? this.defaultCurrency,
      serialNumber: task.serialNumber ?? commitment?.serialNumber ?? null,
    };
  }

  private async projectSubject(tx: EntityManager, data: PartsConsumedV1): Promise<WorkSubject> {
    const project = data.projectId ? await tx.findOneBy(BillingProjectEntity, { projectId: data.projectId }) : null;
    return {
      task: null,
      commitment: null,
      project,
      customerId: data.customerId ?? project?.customerId ?? 'unknown',
      currency: project?.currency ?? data.currency,
      serialNumber: null,
    };
  }

  private async coverageOf(tx: EntityManager, subject: WorkSubject, workDate: string, workKind: WorkKind, visitId: string | null): Promise<CoverageAnswer> {
    if (!subject.serialNumber) return { coverage: 'none', reason: 'No machine named on the work', countsVisitOf: null };
    const windows = await tx.find(MachineCoverageEntity, { where: { serialNumber: subject.serialNumber } });
    const contractIds = windows.filter((w) => w.kind === 'amc' && w.contractId).map((w) => w.contractId!);
    const covered = contractIds.length ? await tx.find(AmcCoveredVisitEntity, { where: { contractId: In(contractIds) }, order: { countedAt: 'ASC' } }) : [];
    return decideCoverage({
      workDate,
      workKind,
      windows,
      visitId,
      visitsCoveredByContract: (contractId) => covered.filter((v) => v.contractId === contractId).map((v) => v.visitId),
    });
  }

  private async billedSoFar(tx: EntityManager, commitmentId: string | null, currency: string): Promise<string> {
    if (!commitmentId) return zero(currency);
    // Summed by PostgreSQL (exact numeric), not a long contract's every line read to be added up here.
    const [{ total }] = await tx.query(
      `SELECT COALESCE(SUM(amount), 0)::text AS total FROM ledger_line
        WHERE commitment_id = $1 AND billable AND state = ANY($2::text[]) AND source_kind <> 'contract'`,
      [commitmentId, [...COUNTS_AGAINST_CAP]],
    );
    return roundAmount(total, currency);
  }

  /** An audit note on a line whose state cannot change (requested or invoiced), for finance's review queue. */
  private async note(tx: EntityManager, line: LedgerLineEntity, reason: string): Promise<void> {
    await tx.insert(LedgerAdjustmentEntity, {
      lineId: line.id,
      action: 'note',
      fromState: line.state,
      toState: line.state,
      oldAmount: line.amount,
      newAmount: line.amount,
      reason,
      actor: 'billing',
      invoiceRequestId: line.invoiceRequestId,
      at: this.clock.now(),
    });
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}

function labelOf(subject: WorkSubject): string {
  if (subject.task?.kind === 'breakdown') return `Breakdown repair${subject.serialNumber ? ` of ${subject.serialNumber}` : ''}`;
  return subject.task?.name ?? 'Service work';
}

export type { CommitmentTerms };
