import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics, type BillingLineChangedV1, type BillingLineState } from '#contracts';
import { Outbox } from '#messaging';
import { Clock } from '#platform';
import { roundAmount } from './domain/billing-money.js';
import { nextState, type LedgerAction } from './domain/ledger-line-state.js';
import { LedgerAdjustmentEntity, LedgerLineEntity } from './ledger.entities.js';

/** A new line: everything but the id and bookkeeping columns. */
export type NewLedgerLine = Omit<LedgerLineEntity, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'heldFrom' | 'credited' | 'invoiceRequestId' | 'readyAt'> & {
  invoiceRequestId?: string | null;
};

export interface LineChange {
  action: LedgerAction;
  reason: string;
  actor: string;
  invoiceRequestId?: string | null;
  /** A new unit price and amount (price override). */
  price?: { unitPrice: string; amount: string };
  credited?: boolean;
}

/**
 * The ledger: writes lines and their state changes with an audit record, and
 * emits each line as it now stands in the same transaction (outbox).
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Records a line once per source record; a redelivered fact finds it there and changes nothing. */
  async record(tx: EntityManager, draft: NewLedgerLine): Promise<LedgerLineEntity | null> {
    const existing = await tx.findOneBy(LedgerLineEntity, { sourceKind: draft.sourceKind, sourceRef: draft.sourceRef });
    if (existing) return null;
    const now = this.clock.now();
    const line = await tx.save(
      tx.create(LedgerLineEntity, { ...draft, invoiceRequestId: draft.invoiceRequestId ?? null, credited: false, heldFrom: null, readyAt: draft.state === 'ready' ? now : null }),
    );
    await this.emit(tx, line, null);
    return line;
  }

  /** Applies an action to a line (refused when its state does not allow it), audits it, and emits the line. */
  async change(tx: EntityManager, line: LedgerLineEntity, change: LineChange): Promise<LedgerLineEntity> {
    const from = line.state;
    const to = nextState(change.action, from, line.heldFrom);
    const oldAmount = line.amount;
    if (change.action === 'hold') line.heldFrom = from;
    if (change.action === 'release') line.heldFrom = null;
    if (change.price) {
      line.unitPrice = change.price.unitPrice;
      line.amount = change.price.amount;
      line.billable = true;
    }
    if (change.invoiceRequestId !== undefined) line.invoiceRequestId = change.invoiceRequestId;
    if (change.credited !== undefined) line.credited = change.credited;
    if (to === 'ready' && from !== 'ready') line.readyAt = this.clock.now();
    line.state = to;
    line.reason = change.reason;
    const saved = await tx.save(line);
    await tx.insert(LedgerAdjustmentEntity, {
      lineId: line.id,
      action: change.action,
      fromState: from,
      toState: to,
      oldAmount,
      newAmount: saved.amount,
      reason: change.reason,
      actor: change.actor,
      invoiceRequestId: change.invoiceRequestId ?? line.invoiceRequestId,
      at: this.clock.now(),
    });
    await this.emit(tx, saved, from);
    return saved;
  }

  private async emit(tx: EntityManager, line: LedgerLineEntity, previousState: BillingLineState | null): Promise<void> {
    const data: BillingLineChangedV1 = {
      lineId: line.id,
      state: line.state,
      previousState,
      customerId: line.customerId,
      projectId: line.projectId,
      orderId: line.orderId,
      orderLineId: line.orderLineId,
      commitmentId: line.commitmentId,
      taskId: line.taskId,
      visitId: line.visitId,
      engineerId: line.engineerId,
      serialNumber: line.serialNumber,
      sourceKind: line.sourceKind,
      sourceRef: line.sourceRef,
      description: line.description,
      workDate: line.workDate,
      quantity: plainDecimal(line.quantity),
      unitPrice: plainDecimal(line.unitPrice),
      amount: roundAmount(line.amount, line.currency),
      cost: roundAmount(line.cost, line.currency),
      currency: line.currency,
      billable: line.billable,
      coverage: line.coverage,
      reason: line.reason,
      invoiceRequestId: line.invoiceRequestId,
      changedAt: this.clock.now().toISOString(),
    };
    await this.outbox.add(tx, {
      topic: Topics.billing,
      key: line.projectId ?? line.customerId,
      type: 'psa.billing-line.changed.v1',
      subject: line.id,
      data,
    });
  }
}

/** A numeric column's text without trailing zeros: "6.0000" → "6", "2500.5000" → "2500.5". */
export function plainDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
