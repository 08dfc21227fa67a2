import { Injectable } from '@nestjs/common';
import { DataSource, In, type FindOptionsWhere, Between, MoreThanOrEqual, LessThanOrEqual } from 'typeorm';
import { assertCanSeeCustomer, customerScope, type Principal } from '#auth';
import { BillingError } from '../errors/billing.error.js';
import { roundAmount, sum } from './domain/billing-money.js';
import { monthOf } from './domain/calendar.js';
import type { LedgerQuery, ReviewQueueQuery } from './dto/ledger.dto.js';
import { toAdjustmentView, toLedgerLineView, type LedgerLineView } from './dto/ledger-line.view.js';
import { LedgerAdjustmentEntity, LedgerLineEntity } from './ledger.entities.js';

/** Totals per currency and state: amounts billed (or to bill) and the cost behind them. */
export type LedgerTotals = Record<string, Record<string, { lines: number; amount: string; cost: string }>>;

function totalsOf(lines: LedgerLineView[]): LedgerTotals {
  const totals: LedgerTotals = {};
  for (const line of lines) {
    const byState = (totals[line.currency] ??= {});
    const entry = (byState[line.state] ??= { lines: 0, amount: '0', cost: '0' });
    entry.lines += 1;
    entry.amount = sum([entry.amount, line.amount], line.currency);
    entry.cost = sum([entry.cost, line.cost], line.currency);
  }
  return totals;
}

/** What finance and managers read: the ledger with totals by state, the review queue, a line's audit trail. */
@Injectable()
export class LedgerQueries {
  constructor(private readonly dataSource: DataSource) {}

  async ledger(query: LedgerQuery, principal: Principal) {
    // A customer user sees only its own lines; asking for another customer's is refused.
    if (query.customerId) assertCanSeeCustomer(principal, query.customerId);
    const scope = customerScope(principal);
    const where: FindOptionsWhere<LedgerLineEntity> = {
      ...(query.projectId ? { projectId: query.projectId } : {}),
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(scope ? { customerId: scope } : {}),
      ...(query.orderId ? { orderId: query.orderId } : {}),
      ...(query.state ? { state: query.state } : {}),
      ...(query.from && query.to ? { workDate: Between(query.from, query.to) } : query.from ? { workDate: MoreThanOrEqual(query.from) } : query.to ? { workDate: LessThanOrEqual(query.to) } : {}),
    };
    const rows = await this.dataSource.getRepository(LedgerLineEntity).find({ where, order: { workDate: 'ASC', createdAt: 'ASC' }, take: query.limit ?? 500 });
    const lines = rows.map(toLedgerLineView);
    return { totals: totalsOf(lines), lines };
  }

  async line(id: string, principal: Principal) {
    const line = await this.dataSource.getRepository(LedgerLineEntity).findOneBy({ id });
    if (!line) throw new BillingError('LINE_NOT_FOUND', `No ledger line ${id}`);
    assertCanSeeCustomer(principal, line.customerId);
    const adjustments = await this.dataSource.getRepository(LedgerAdjustmentEntity).find({ where: { lineId: id }, order: { at: 'ASC' } });
    return { ...toLedgerLineView(line), adjustments: adjustments.map((a) => toAdjustmentView(a, line.currency)) };
  }

  /**
   * Finance's review queue: ready lines grouped per customer, order and month
   * (what the next invoice requests would be), lines in review with their
   * reasons, and flags (posted totals that differ, work changed after billing).
   */
  async reviewQueue(query: ReviewQueueQuery) {
    const repo = this.dataSource.getRepository(LedgerLineEntity);
    const customer = query.customerId ? { customerId: query.customerId } : {};
    const ready = (await repo.find({ where: { ...customer, state: 'ready', ...(query.cutoff ? { workDate: LessThanOrEqual(query.cutoff) } : {}) }, order: { workDate: 'ASC' } })).map(toLedgerLineView);
    const groups = new Map<string, { customerId: string; orderId: string | null; projectId: string | null; currency: string; period: { from: string; to: string }; total: string; lines: LedgerLineView[] }>();
    for (const line of ready) {
      const period = monthOf(line.workDate);
      const key = [line.customerId, line.orderId, line.projectId, line.currency, period.from].join('|');
      const group = groups.get(key) ?? { customerId: line.customerId, orderId: line.orderId, projectId: line.projectId, currency: line.currency, period, total: roundAmount('0', line.currency), lines: [] };
      group.lines.push(line);
      group.total = sum([group.total, line.amount], line.currency);
      groups.set(key, group);
    }
    const inReview = (await repo.find({ where: { ...customer, state: In(['review', 'on_hold']) }, order: { updatedAt: 'ASC' } })).map(toLedgerLineView);
    const notes: { line_id: string; reason: string; at: Date }[] = await this.dataSource.query(
      `SELECT a.line_id, a.reason, a.at FROM ledger_adjustment a JOIN ledger_line l ON l.id = a.line_id
        WHERE a.action = 'note' ${query.customerId ? 'AND l.customer_id = $1' : ''} ORDER BY a.at DESC LIMIT 200`,
      query.customerId ? [query.customerId] : [],
    );
    const mismatches: { id: string; answer_reason: string }[] = await this.dataSource.query(
      `SELECT id, answer_reason FROM invoice_request WHERE total_mismatch ${query.customerId ? 'AND customer_id = $1' : ''} ORDER BY answered_at DESC LIMIT 200`,
      query.customerId ? [query.customerId] : [],
    );
    return {
      ready: [...groups.values()],
      review: inReview,
      flags: [
        ...mismatches.map((m) => ({ kind: 'posted_total_differs', invoiceRequestId: m.id, reason: m.answer_reason })),
        ...notes.map((n) => ({ kind: 'changed_after_billing', lineId: n.line_id, reason: n.reason, at: new Date(n.at).toISOString() })),
      ],
    };
  }
}
