import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics, type BillingLineChangedV1, type BillingLineState } from '#contracts';
import { Outbox, type OutgoingEvent } from '#messaging';
import { insertMany } from '#persistence';
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
    const { from, oldAmount } = this.apply(line, change);
    const saved = await tx.save(line);
    await tx.insert(LedgerAdjustmentEntity, this.adjustmentOf(saved, change, from, oldAmount));
    await this.emit(tx, saved, from);
    return saved;
  }

  /**
   * `change` for many lines at once, each refused, audited and emitted exactly as
   * `change` does it, in a fixed number of statements whatever the number of
   * lines: one UPDATE from arrays, the audit rows in one INSERT, the events in one
   * outbox INSERT (in the lines' order). The lines must be locked by the caller.
   */
  async changeMany(tx: EntityManager, lines: readonly LedgerLineEntity[], change: LineChange): Promise<void> {
    if (lines.length === 0) return;
    // Every transition is checked before anything is written: one refused line refuses them all.
    const readyBefore = lines.map((line) => line.readyAt);
    const before = lines.map((line) => this.apply(line, change));
    // Only the columns this change writes, as tx.save writes only what changed (ready_at only where it became ready).
    const columns: [column: string, type: string, value: (line: LedgerLineEntity, i: number) => unknown][] = [
      ['id', 'uuid', (l) => l.id],
      ['state', 'text', (l) => l.state],
      ['reason', 'text', (l) => l.reason],
      ['ready_at', 'timestamptz', (l, i) => (l.readyAt === readyBefore[i] ? null : l.readyAt)],
    ];
    if (change.action === 'hold' || change.action === 'release') columns.push(['held_from', 'text', (l) => l.heldFrom]);
    if (change.price) columns.push(['unit_price', 'numeric', (l) => l.unitPrice], ['amount', 'numeric', (l) => l.amount], ['billable', 'boolean', (l) => l.billable]);
    if (change.invoiceRequestId !== undefined) columns.push(['invoice_request_id', 'uuid', (l) => l.invoiceRequestId]);
    if (change.credited !== undefined) columns.push(['credited', 'boolean', (l) => l.credited]);
    const set = columns
      .filter(([column]) => column !== 'id')
      .map(([column]) => (column === 'ready_at' ? 'ready_at = COALESCE(u.ready_at, l.ready_at)' : `${column} = u.${column}`));
    // TypeORM answers an UPDATE with [rows, count].
    const [updated]: [{ id: string; version: number; updated_at: Date }[], number] = await tx.query(
      `UPDATE ledger_line l
          SET ${set.join(', ')}, version = l.version + 1, updated_at = CURRENT_TIMESTAMP
         FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) AS u(${columns.map(([column]) => column).join(', ')})
        WHERE l.id = u.id
        RETURNING l.id, l.version, l.updated_at`,
      columns.map(([, , value]) => lines.map((line, i) => value(line, i))),
    );
    if (updated.length !== new Set(lines.map((l) => l.id)).size) throw new Error(`Changed ${updated.length} of ${lines.length} ledger lines`);
    const written = new Map(updated.map((row) => [row.id, row]));
    for (const line of lines) {
      const row = written.get(line.id)!;
      line.version = row.version;
      line.updatedAt = row.updated_at;
    }
    await insertMany(
      tx,
      LedgerAdjustmentEntity,
      lines.map((line, i) => this.adjustmentOf(line, change, before[i].from, before[i].oldAmount)),
    );
    await this.outbox.addAll(
      tx,
      lines.map((line, i) => this.lineChanged(line, before[i].from)),
    );
  }

  /** The change on the line in memory: its new state and fields (refused when its state does not allow the action). */
  private apply(line: LedgerLineEntity, change: LineChange): { from: BillingLineState; oldAmount: string } {
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
    return { from, oldAmount };
  }

  private adjustmentOf(line: LedgerLineEntity, change: LineChange, from: BillingLineState, oldAmount: string): Partial<LedgerAdjustmentEntity> {
    return {
      lineId: line.id,
      action: change.action,
      fromState: from,
      toState: line.state,
      oldAmount,
      newAmount: line.amount,
      reason: change.reason,
      actor: change.actor,
      invoiceRequestId: change.invoiceRequestId ?? line.invoiceRequestId,
      at: this.clock.now(),
    };
  }

  private async emit(tx: EntityManager, line: LedgerLineEntity, previousState: BillingLineState | null): Promise<void> {
    await this.outbox.add(tx, this.lineChanged(line, previousState));
  }

  /** psa.billing-line.changed.v1: the line as it now stands. */
  private lineChanged(line: LedgerLineEntity, previousState: BillingLineState | null): OutgoingEvent<BillingLineChangedV1> {
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
    return {
      topic: Topics.billing,
      key: line.projectId ?? line.customerId,
      type: 'psa.billing-line.changed.v1',
      subject: line.id,
      data,
    };
  }
}

/** A numeric column's text without trailing zeros: "6.0000" → "6", "2500.5000" → "2500.5". */
export function plainDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
