import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#auth';
import { Clock } from '#platform';
import type { ApprovalQueueQuery } from '../approvals/dto/approval.dto.js';
import { assertEditable } from '../approvals/domain/approval.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { EntryApprovals, type ApprovableKind } from '../approvals/entry-approvals.js';
import { FieldWorkEvents } from '../core/field-work-events.js';
import { actorOf, VisitAccess } from '../core/visit-access.js';
import { FieldWorkError, FieldWorkErrorCode } from '../errors/field-work.error.js';
import { TaskCopyEntity } from '../tasks/task-copy.entity.js';
import type { VisitEntity } from '../visits/visit.entity.js';
import { moneyOf, priceExpense } from './domain/expense-money.js';
import type { CorrectExpenseInput, EditExpenseInput, RecordExpenseInput } from './dto/expense.dto.js';
import { rateOf, toExpenseView, toExpenseViews, type ExpenseView } from './dto/expense.view.js';
import { ExpenseEntity } from './expense.entity.js';

function auditedFields(expense: ExpenseEntity) {
  return {
    category: expense.category,
    amount: moneyOf(expense.amount, expense.currency),
    currency: expense.currency,
    exchangeRate: expense.exchangeRate === null ? null : rateOf(expense.exchangeRate),
    orderCurrency: expense.orderCurrency,
    amountInOrderCurrency: expense.amountInOrderCurrency,
    receiptReference: expense.receiptReference,
    description: expense.description,
    status: expense.status,
  };
}

/**
 * Engineers' expenses on visits, priced in the order's currency when it is known
 * (from the task). Decided like time: locked once approved or rejected, corrected
 * by a new expense that references the old one.
 */
@Injectable()
export class ExpensesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: VisitAccess,
    private readonly audit: AuditTrail,
    private readonly events: FieldWorkEvents,
    private readonly clock: Clock,
    private readonly approvals: EntryApprovals,
  ) {}

  private readonly kind: ApprovableKind<ExpenseEntity, ExpenseView> = {
    label: 'expense',
    auditKind: 'expense',
    entity: ExpenseEntity,
    notFound: FieldWorkErrorCode.EXPENSE_NOT_FOUND,
    audited: auditedFields,
    view: (entry) => toExpenseView(entry),
    approved: (tx, entry) => this.events.expenseApproved(tx, entry),
  };

  async record(visitId: string, input: RecordExpenseInput, principal: Principal): Promise<ExpenseView> {
    return this.dataSource.transaction(async (tx) => {
      const visit = await this.access.forRecording(tx, visitId, principal);
      if (visit.status === 'cancelled') throw new FieldWorkError(FieldWorkErrorCode.VISIT_CLOSED, 'The visit is cancelled: no expenses are recorded on it', { status: visit.status });
      const expense = tx.create(ExpenseEntity, {
        ...this.onVisit(visit),
        ...(await this.priced(tx, visit, input)),
        recordedBy: principal.subject,
        status: 'submitted',
      });
      await tx.save(expense);
      await this.audit.record(tx, actorOf(principal), { visitId: visit.id, kind: 'expense', id: expense.id, action: 'expense.recorded', after: auditedFields(expense) });
      return toExpenseView(expense);
    });
  }

  async list(visitId: string, principal: Principal): Promise<ExpenseView[]> {
    return this.dataSource.transaction(async (tx) => {
      const visit = await this.access.visible(tx, visitId, principal);
      return toExpenseViews(await tx.find(ExpenseEntity, { where: { visitId: visit.id }, order: { createdAt: 'ASC' } }));
    });
  }

  async edit(id: string, input: EditExpenseInput, principal: Principal): Promise<ExpenseView> {
    return this.dataSource.transaction(async (tx) => {
      const { entry: expense, visit } = await this.approvals.find(tx, this.kind, id, principal, 'record');
      assertEditable('expense', expense);
      const before = auditedFields(expense);
      const currencyChanged = input.currency !== undefined && input.currency !== expense.currency;
      const merged: RecordExpenseInput = {
        category: input.category ?? (expense.category as RecordExpenseInput['category']),
        amount: input.amount ?? moneyOf(expense.amount, expense.currency),
        currency: input.currency ?? expense.currency,
        // A new currency needs its own rate; keeping the old one would price it wrongly.
        exchangeRate: input.exchangeRate ?? (currencyChanged || expense.exchangeRate === null ? undefined : rateOf(expense.exchangeRate)),
        receiptReference: input.receiptReference ?? expense.receiptReference ?? undefined,
        description: input.description ?? expense.description ?? undefined,
      };
      Object.assign(expense, await this.priced(tx, visit, merged));
      await tx.save(expense);
      await this.audit.record(tx, actorOf(principal), { visitId: visit.id, kind: 'expense', id: expense.id, action: 'expense.edited', before, after: auditedFields(expense) });
      return toExpenseView(expense);
    });
  }

  async correct(id: string, input: CorrectExpenseInput, principal: Principal): Promise<ExpenseView> {
    return this.dataSource.transaction(async (tx) => {
      const { entry: original, visit } = await this.approvals.find(tx, this.kind, id, principal, 'record');
      await this.approvals.assertCorrectable(tx, this.kind, original);
      const correction = tx.create(ExpenseEntity, {
        ...this.onVisit(visit),
        ...(await this.priced(tx, visit, input)),
        corrects: original.id,
        correctionReason: input.reason.trim(),
        recordedBy: principal.subject,
        status: 'submitted',
      });
      await tx.save(correction);
      await this.approvals.auditCorrection(tx, this.kind, principal, visit, original, correction);
      return toExpenseView(correction);
    });
  }

  approve(id: string, principal: Principal): Promise<ExpenseView> {
    return this.approvals.decideOn(this.kind, id, principal, 'approve', null);
  }

  reject(id: string, reason: string, principal: Principal): Promise<ExpenseView> {
    return this.approvals.decideOn(this.kind, id, principal, 'reject', reason);
  }

  queue(query: ApprovalQueueQuery): Promise<ExpenseView[]> {
    return this.approvals.queue(this.kind, query);
  }



  private onVisit(visit: VisitEntity) {
    return { visitId: visit.id, taskId: visit.taskId, projectId: visit.projectId, customerId: visit.customerId, engineerId: visit.engineerId };
  }

  /** Priced against the order's currency as the task copy knows it (unknown: the amount stands alone). */
  private async priced(tx: EntityManager, visit: VisitEntity, input: RecordExpenseInput) {
    const task = await tx.findOneBy(TaskCopyEntity, { taskId: visit.taskId });
    const priced = priceExpense({ amount: input.amount, currency: input.currency, exchangeRate: input.exchangeRate ?? null, orderCurrency: task?.orderCurrency ?? null });
    return {
      category: input.category,
      amount: priced.amount,
      currency: priced.currency,
      exchangeRate: priced.exchangeRate,
      orderCurrency: priced.orderCurrency,
      amountInOrderCurrency: priced.amountInOrderCurrency,
      receiptReference: input.receiptReference?.trim() || null,
      description: input.description?.trim() || null,
    };
  }
}
