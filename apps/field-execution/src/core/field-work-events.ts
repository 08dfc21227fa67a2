import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  Topics,
  type ExpenseApprovedV1,
  type PartsConsumedV1,
  type TimeApprovedV1,
  type VisitCompletedV1,
  type VisitStartedV1,
} from '#contracts';
import { Outbox } from '#messaging';
import { moneyOf } from '../expenses/domain/expense-money.js';
import type { ExpenseEntity } from '../expenses/expense.entity.js';
import type { PartsConsumptionEntity } from '../parts/parts-consumption.entity.js';
import type { TimeEntryEntity } from '../time/time-entry.entity.js';
import type { GeoPoint, VisitEntity } from '../visits/visit.entity.js';

const iso = (at: Date) => at.toISOString();

/**
 * field-execution's events on psa.field-work, written to the outbox in the
 * transaction of the change they report. Keyed by task, so a task's visits
 * started and completed reach service-commitments in order.
 */
@Injectable()
export class FieldWorkEvents {
  constructor(private readonly outbox: Outbox) {}

  private visitPart(visit: VisitEntity) {
    return {
      visitId: visit.id,
      bookingId: visit.bookingId,
      taskId: visit.taskId,
      projectId: visit.projectId,
      serviceRequestId: visit.serviceRequestId,
      customerId: visit.customerId,
      engineerId: visit.engineerId,
    };
  }

  async visitStarted(tx: EntityManager, visit: VisitEntity, location: GeoPoint | null): Promise<void> {
    const data: VisitStartedV1 = { ...this.visitPart(visit), startedAt: iso(visit.startedAt!), location };
    await this.outbox.add(tx, { topic: Topics.fieldWork, key: visit.taskId, type: 'psa.visit.started.v1', subject: visit.id, data });
  }

  async visitCompleted(tx: EntityManager, visit: VisitEntity): Promise<void> {
    const data: VisitCompletedV1 = {
      ...this.visitPart(visit),
      completedAt: iso(visit.completedAt!),
      outcome: visit.outcome!,
      signOff: visit.signOffName ? { name: visit.signOffName, signedAt: iso(visit.signedOffAt!) } : null,
      followUpReason: visit.followUpReason,
    };
    await this.outbox.add(tx, { topic: Topics.fieldWork, key: visit.taskId, type: 'psa.visit.completed.v1', subject: visit.id, data });
  }

  async timeApproved(tx: EntityManager, entry: TimeEntryEntity): Promise<void> {
    const data: TimeApprovedV1 = {
      timeEntryId: entry.id,
      visitId: entry.visitId,
      taskId: entry.taskId,
      projectId: entry.projectId,
      customerId: entry.customerId,
      engineerId: entry.engineerId,
      start: iso(entry.startAt),
      end: iso(entry.endAt),
      hours: entry.hours,
      activity: entry.activity as TimeApprovedV1['activity'],
      billable: entry.billable,
      approvedBy: entry.decidedBy!,
      approvedAt: iso(entry.decidedAt!),
      corrects: entry.corrects,
    };
    await this.outbox.add(tx, { topic: Topics.fieldWork, key: entry.taskId, type: 'psa.time.approved.v1', subject: entry.id, data });
  }

  async expenseApproved(tx: EntityManager, expense: ExpenseEntity): Promise<void> {
    const data: ExpenseApprovedV1 = {
      expenseId: expense.id,
      visitId: expense.visitId,
      taskId: expense.taskId,
      projectId: expense.projectId,
      customerId: expense.customerId,
      engineerId: expense.engineerId,
      category: expense.category as ExpenseApprovedV1['category'],
      amount: moneyOf(expense.amount, expense.currency),
      currency: expense.currency,
      exchangeRate: expense.exchangeRate === null ? null : trimDecimal(expense.exchangeRate),
      amountInOrderCurrency:
        expense.amountInOrderCurrency === null || expense.orderCurrency === null ? null : moneyOf(expense.amountInOrderCurrency, expense.orderCurrency),
      orderCurrency: expense.orderCurrency,
      receiptReference: expense.receiptReference,
      approvedBy: expense.decidedBy!,
      approvedAt: iso(expense.decidedAt!),
      corrects: expense.corrects,
    };
    await this.outbox.add(tx, { topic: Topics.fieldWork, key: expense.taskId, type: 'psa.expense.approved.v1', subject: expense.id, data });
  }

  async partsConsumed(tx: EntityManager, row: PartsConsumptionEntity): Promise<void> {
    const data: PartsConsumedV1 = {
      consumptionId: row.id,
      issueId: row.issueId,
      visitId: row.visitId,
      taskId: row.taskId,
      projectId: row.projectId,
      customerId: row.customerId,
      orderId: row.orderId,
      sku: row.sku,
      description: row.description,
      quantity: Number(row.quantity),
      unitCost: trimDecimal(row.unitCost),
      currency: row.currency,
      consumedAt: iso(row.consumedAt),
    };
    const key = row.taskId ?? row.projectId ?? row.orderId ?? row.issueId;
    await this.outbox.add(tx, { topic: Topics.fieldWork, key, type: 'psa.parts.consumed.v1', subject: row.id, data });
  }
}

/** A stored numeric with the scale's padding dropped, keeping at least 2 decimals: "3200.0000" → "3200.00", "12.3450" → "12.345". */
export function trimDecimal(stored: string): string {
  if (!stored.includes('.')) return stored;
  const [whole, fraction] = stored.split('.');
  const kept = fraction.replace(/0+$/, '');
  return kept.length === 0 ? `${whole}.00` : kept.length === 1 ? `${whole}.${kept}0` : `${whole}.${kept}`;
}
