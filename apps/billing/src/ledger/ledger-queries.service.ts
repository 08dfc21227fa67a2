import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type FindOptionsWhere, Between, MoreThanOrEqual, LessThanOrEqual } from 'typeorm';
import { pageOf } from '#platform';
import { assertCanSeeCustomer, customerScope, type Principal } from '#auth';
import { BillingError } from '../errors/billing.error.js';
import { roundAmount, sum } from './domain/billing-money.js';
import { monthOf } from './domain/calendar.js';
import { minorUnitsSql } from './minor-units-sql.js';
import type { LedgerQuery, ReviewQueueQuery } from './dto/ledger.dto.js';
import { toAdjustmentView, toLedgerLineView, type LedgerLineView } from './dto/ledger-line.view.js';
import { LedgerAdjustmentEntity, LedgerLineEntity } from './ledger.entities.js';

/** Totals per currency and state: amounts billed (or to bill) and the cost behind them. */
export type LedgerTotals = Record<string, Record<string, { lines: number; amount: string; cost: string }>>;

/** The ledger line's currency's minor units in SQL. */
const MINOR_UNITS_SQL = minorUnitsSql('l.currency');

/**
 * Totals of every line that matches, summed by PostgreSQL per currency and
 * state (one row each, not one per distinct amount): each line counts as it is
 * shown, rounded half-up to its currency (round() on numeric; amounts are never
 * negative), so the totals add up to the lines of all the pages together.
 */
function totalsOf(groups: { currency: string; state: string; amount: string; cost: string; lines: string }[]): LedgerTotals {
  const totals: LedgerTotals = {};
  for (const group of groups) {
    const currency = group.currency.trim();
    (totals[currency] ??= {})[group.state] = { lines: Number(group.lines), amount: roundAmount(group.amount, currency), cost: roundAmount(group.cost, currency) };
  }
  return totals;
}

/** A group of ready lines: what one invoice request would be. */
interface ReadyGroup {
  customerId: string;
  orderId: string | null;
  projectId: string | null;
  currency: string;
  /** The month's first day. */
  month: string;
  lineCount: number;
}

function groupKey(group: Pick<ReadyGroup, 'customerId' | 'orderId' | 'projectId' | 'currency' | 'month'>): string {
  return JSON.stringify([group.customerId, group.orderId, group.projectId, group.currency, group.month]);
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
        .addSelect(`SUM(round(l.amount, ${MINOR_UNITS_SQL}))::text`, 'amount')
        .addSelect(`SUM(round(l.cost, ${MINOR_UNITS_SQL}))::text`, 'cost')
        .addSelect('COUNT(*)', 'lines')
        .where(where)
        .groupBy('l.currency')
        .addGroupBy('l.state')
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
   * Finance's review queue: ready lines grouped per customer, order, project, currency
   * and month (what the next invoice requests would be), lines in review with their
   * reasons, and flags (posted totals that differ, work changed after billing).
   * PostgreSQL groups the ready lines and pages the groups; only the page's groups'
   * lines are read. One snapshot, so the counts, groups and lines agree.
   */
  async reviewQueue(query: ReviewQueueQuery) {
    const { skip, take } = pageOf(query);
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const [readyGroups, groups] = await this.readyGroups(tx, query, skip, take);
      const readyLines = await this.linesOf(tx, groups, query.cutoff);
      const [inReview, reviewCount] = await tx.getRepository(LedgerLineEntity).findAndCount({
        where: { ...(query.customerId ? { customerId: query.customerId } : {}), state: In(['review', 'on_hold']) },
        order: { updatedAt: 'ASC', id: 'ASC' },
        skip,
        take,
      });
      return {
        ready: groups.map((group) => {
          const lines = readyLines.get(groupKey(group)) ?? [];
          return {
            customerId: group.customerId,
            orderId: group.orderId,
            projectId: group.projectId,
            currency: group.currency,
            period: monthOf(group.month),
            // The lines as shown (each rounded to its currency) add up to the total.
            total: sum(lines.map((line) => line.amount), group.currency),
            lineCount: group.lineCount,
            lines,
          };
        }),
        review: inReview.map(toLedgerLineView),
        counts: { readyGroups, review: reviewCount },
        flags: await this.flags(tx, query.customerId),
      };
    });
  }

  /**
   * A page of the groups of ready lines, in a total order: the group's earliest work day
   * (as finance reads the queue, oldest work first), then its keys (no order or project first).
   */
  private async readyGroups(tx: EntityManager, query: ReviewQueueQuery, skip: number, take: number): Promise<[number, ReadyGroup[]]> {
    const params: unknown[] = [];
    const filters = [`state = 'ready'`];
    if (query.customerId) filters.push(`customer_id = $${params.push(query.customerId)}`);
    if (query.cutoff) filters.push(`work_date <= $${params.push(query.cutoff)}::date`);
    const grouped = `FROM ledger_line WHERE ${filters.join(' AND ')}
      GROUP BY customer_id, order_id, project_id, currency, date_trunc('month', work_date::timestamp)`;
    // The count rides on the page (one pass over the ready lines); only a page past the end asks for it apart.
    const rows = await tx.query<{ customer_id: string; order_id: string | null; project_id: string | null; currency: string; month: string; lines: number; groups: number }[]>(
      `SELECT customer_id, order_id, project_id, currency, to_char(date_trunc('month', work_date::timestamp), 'YYYY-MM-DD') AS month,
              count(*)::int AS lines, (count(*) OVER ())::int AS groups
       ${grouped}
       ORDER BY min(work_date), customer_id, order_id NULLS FIRST, project_id NULLS FIRST, currency, month
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, take, skip],
    );
    const count = rows.length > 0 ? rows[0].groups : skip === 0 ? 0 : (await tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM (SELECT 1 ${grouped}) g`, params))[0].n;
    return [
      count,
      rows.map((r) => ({ customerId: r.customer_id, orderId: r.order_id, projectId: r.project_id, currency: r.currency, month: r.month, lineCount: r.lines })),
    ];
  }

  /** The ready lines of these groups (by work day, then entry), by group key: one query, whatever the page's size. */
  private async linesOf(tx: EntityManager, groups: ReadyGroup[], cutoff: string | undefined): Promise<Map<string, LedgerLineView[]>> {
    const byGroup = new Map<string, LedgerLineView[]>();
    if (groups.length === 0) return byGroup;
    const qb = tx
      .getRepository(LedgerLineEntity)
      .createQueryBuilder('l')
      // A join (not EXISTS) so PostgreSQL can start from the page's few groups and look each one's lines up by customer and day.
      .innerJoin(
        `(SELECT * FROM unnest(CAST(:customers AS text[]), CAST(:orders AS text[]), CAST(:projects AS uuid[]), CAST(:currencies AS character(3)[]), CAST(:months AS date[])) AS u(customer_id, order_id, project_id, currency, month))`,
        'g',
        `l.customerId = g.customer_id AND l.orderId IS NOT DISTINCT FROM g.order_id AND l.projectId IS NOT DISTINCT FROM g.project_id
         AND l.currency = g.currency AND l.workDate >= g.month AND l.workDate < CAST(g.month + interval '1 month' AS date)`,
        {
          customers: groups.map((g) => g.customerId),
          orders: groups.map((g) => g.orderId),
          projects: groups.map((g) => g.projectId),
          currencies: groups.map((g) => g.currency),
          months: groups.map((g) => g.month),
        },
      )
      .where(`l.state = 'ready'`);
    if (cutoff) qb.andWhere('l.workDate <= :cutoff', { cutoff });
    const lines = await qb.orderBy('l.workDate', 'ASC').addOrderBy('l.createdAt', 'ASC').addOrderBy('l.id', 'ASC').getMany();
    for (const line of lines) {
      const view = toLedgerLineView(line);
      const key = groupKey({ ...view, month: monthOf(view.workDate).from });
      const group = byGroup.get(key);
      if (group) group.push(view);
      else byGroup.set(key, [view]);
    }
    return byGroup;
  }

  private async flags(tx: EntityManager, customerId: string | undefined) {
    const notes: { line_id: string; reason: string; at: Date }[] = await tx.query(
      `SELECT a.line_id, a.reason, a.at FROM ledger_adjustment a JOIN ledger_line l ON l.id = a.line_id
        WHERE a.action = 'note' ${customerId ? 'AND l.customer_id = $1' : ''} ORDER BY a.at DESC LIMIT 200`,
      customerId ? [customerId] : [],
    );
    const mismatches: { id: string; answer_reason: string }[] = await tx.query(
      `SELECT id, answer_reason FROM invoice_request WHERE total_mismatch ${customerId ? 'AND customer_id = $1' : ''} ORDER BY answered_at DESC LIMIT 200`,
      customerId ? [customerId] : [],
    );
    return [
      ...mismatches.map((m) => ({ kind: 'posted_total_differs', invoiceRequestId: m.id, reason: m.answer_reason })),
      ...notes.map((n) => ({ kind: 'changed_after_billing', lineId: n.line_id, reason: n.reason, at: new Date(n.at).toISOString() })),
    ];
  }
}
