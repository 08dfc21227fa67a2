import { Injectable } from '@nestjs/common';
import { DataSource, In, type FindOptionsWhere, Between, MoreThanOrEqual, LessThanOrEqual } from 'typeorm';
import { assertCanSeeCustomer, customerScope, type Principal } from '#auth';
import { BillingError } from '../errors/billing.error.js';
import { money, roundAmount, sum } from './domain/billing-money.js';
import { monthOf } from './domain/calendar.js';
import type { LedgerQuery, ReviewQueueQuery } from './dto/ledger.dto.js';
import { toAdjustmentView, toLedgerLineView, type LedgerLineView } from './dto/ledger-line.view.js';
import { LedgerAdjustmentEntity, LedgerLineEntity } from './ledger.entities.js';

/** Totals per currency and state: amounts billed (or to bill) and the cost behind them. */
export type LedgerTotals = Record<string, Record<string, { lines: number; amount: string; cost: string }>>;

/**
 * Totals of every line that matches, from groups of equal (currency, state, amount,
 * cost): each line counts as it is shown, rounded to its currency, so the totals add
 * up to the lines of all the pages together.
 */
function totalsOf(groups: { currency: string; state: string; amount: string; cost: string; lines: string }[]): LedgerTotals {
  const totals: LedgerTotals = {};
  for (const group of groups) {
    const byState = (totals[group.currency] ??= {});
    const entry = (byState[group.state] ??= { lines: 0, amount: '0', cost: '0' });
    const lines = Number(group.lines);
    entry.lines += lines;
    entry.amount = sum([entry.amount, money(roundAmount(group.amount, group.currency)).times(lines).toString()], group.currency);
    entry.cost = sum([entry.cost, money(roundAmount(group.cost, group.currency)).times(lines).toString()], group.currency);
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
    const repository = this.dataSource.getRepository(LedgerLineEntity);
    // The page of lines, in a total order; the totals are of every line that matches, not of the page.
    const [rows, groups] = await Promise.all([
      repository.find({ where, order: { workDate: 'ASC', createdAt: 'ASC', id: 'ASC' }, skip: query.offset ?? 0, take: query.limit ?? 500 }),
      repository
        .createQueryBuilder('l')
        .select('l.currency', 'currency')
        .addSelect('l.state', 'state')
        .addSelect('l.amount', 'amount')
        .addSelect('l.cost', 'cost')
        .addSelect('COUNT(*)', 'lines')
        .where(where)
        .groupBy('l.currency')
        .addGroupBy('l.state')
        .addGroupBy('l.amount')
        .addGroupBy('l.cost')
        .getRawMany<{ currency: string; state: string; amount: string; cost: string; lines: string }>(),
    ]);
    return { totals: totalsOf(groups), lines: rows.map(toLedgerLineView) };
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
