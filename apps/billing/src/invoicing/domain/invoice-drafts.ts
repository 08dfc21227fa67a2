import { sumAmounts } from '#contracts';
import { extend, money } from '../../ledger/domain/billing-money.js';
import { monthOf } from '../../ledger/domain/calendar.js';

/** A ledger line ready to invoice, as the drafting needs it. */
export interface ReadyLine {
  id: string;
  customerId: string;
  projectId: string | null;
  orderId: string | null;
  orderLineId: string | null;
  customerPoNumber: string | null;
  currency: string;
  sku: string | null;
  description: string;
  workDate: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  sourceKind: 'milestone' | 'time' | 'expense' | 'parts' | 'contract';
  sourceRef: string;
  /** The rejected or credited request this line was on last, if any. */
  previousRequestId: string | null;
}

export interface DraftLine {
  lineId: string;
  orderLineId: string | null;
  description: string;
  sku: string | null;
  quantity: number;
  unitPrice: string;
  amount: string;
  source: { kind: ReadyLine['sourceKind']; refs: string[] };
}

export interface InvoiceDraft {
  customerId: string;
  projectId: string | null;
  orderId: string | null;
  customerPoNumber: string | null;
  currency: string;
  period: { from: string; to: string };
  lines: DraftLine[];
  total: string;
  /** The rejected request this one re-submits. */
  supersedes: string | null;
}

export interface DraftSelection {
  /** Only lines whose work date is on or before this day (period cut-off). */
  cutoff?: string | null;
  /** Only lines on or after this day. */
  from?: string | null;
  /** Only these lines (partial invoicing); all ready lines of the group otherwise. */
  lineIds?: readonly string[] | null;
}

/** The customer, order and currency a line is invoiced under: one request per group. */
export function groupKeyOf(line: Pick<ReadyLine, 'customerId' | 'projectId' | 'orderId' | 'currency'>): string {
  return [line.customerId, line.orderId ?? '-', line.projectId ?? '-', line.currency].join('|');
}

/**
 * The contract's invoice line for a ledger line. Its amount must be quantity ×
 * unit price rounded: a line whose amount is not (capped, overridden) is sent as
 * one unit at its amount.
 */
export function contractLineOf(line: ReadyLine): DraftLine {
  const exact = extend(line.quantity, line.unitPrice, line.currency) === line.amount;
  return {
    lineId: line.id,
    orderLineId: line.orderLineId,
    description: line.description,
    sku: line.sku,
    quantity: exact ? Number(line.quantity) : 1,
    unitPrice: exact ? line.unitPrice : line.amount,
    amount: line.amount,
    source: { kind: line.sourceKind, refs: [line.sourceRef] },
  };
}

/**
 * Invoice request drafts for the selected ready lines: one per customer, order
 * and currency, with the period the work spans and the rejected request they
 * re-submit. Lines after the cut-off or not selected stay ready for later.
 */
export function draftInvoiceRequests(lines: readonly ReadyLine[], selection: DraftSelection = {}): InvoiceDraft[] {
  const chosenIds = selection.lineIds ? new Set(selection.lineIds) : null;
  const chosen = lines.filter(
    (l) =>
      (!selection.cutoff || l.workDate <= selection.cutoff) &&
      (!selection.from || l.workDate >= selection.from) &&
      (!chosenIds || chosenIds.has(l.id)) &&
      money(l.amount).greaterThan(0),
  );
  const groups = new Map<string, ReadyLine[]>();
  for (const line of chosen) appendTo(groups, groupKeyOf(line), line);
  return [...groups.values()].flatMap(bySupersededRequest).map(({ lines: group, supersedes }) => {
    const sorted = [...group].sort((a, b) => a.workDate.localeCompare(b.workDate) || a.id.localeCompare(b.id));
    const first = sorted[0];
    return {
      customerId: first.customerId,
      projectId: first.projectId,
      orderId: first.orderId,
      customerPoNumber: sorted.map((l) => l.customerPoNumber).find((po) => po) ?? null,
      currency: first.currency,
      period: { from: monthOf(first.workDate).from, to: selection.cutoff ?? monthOf(sorted[sorted.length - 1].workDate).to },
      lines: sorted.map(contractLineOf),
      total: sumAmounts(sorted.map((l) => l.amount), first.currency),
      supersedes,
    };
  });
}

/**
 * A request supersedes one earlier request: lines last on two rejected (or
 * credited) requests go out as two re-submissions, each naming its own. Lines
 * never requested before ride with the first re-submission (by its earliest
 * work), or go alone when nothing is re-submitted.
 */
function bySupersededRequest(group: ReadyLine[]): { lines: ReadyLine[]; supersedes: string | null }[] {
  const byPrevious = new Map<string | null, ReadyLine[]>();
  for (const line of group) appendTo(byPrevious, line.previousRequestId, line);
  const fresh = byPrevious.get(null) ?? [];
  byPrevious.delete(null);
  const earliest = (lines: ReadyLine[]) => lines.map((l) => `${l.workDate}\u0000${l.id}`).sort()[0];
  // Each re-submission's earliest work once, not again at every comparison of the sort.
  const resubmissions = [...byPrevious].map(([supersedes, lines]) => ({ supersedes, lines, earliest: earliest(lines) })).sort((a, b) => a.earliest.localeCompare(b.earliest));
  if (resubmissions.length === 0) return [{ lines: fresh, supersedes: null }];
  return resubmissions.map(({ supersedes, lines }, i) => ({ lines: i === 0 ? [...lines, ...fresh] : lines, supersedes }));
}

/** Adds a line to its key's list in place (copying the list for each line made grouping quadratic). */
function appendTo<K>(lists: Map<K, ReadyLine[]>, key: K, line: ReadyLine): void {
  const list = lists.get(key);
  if (list) list.push(line);
  else lists.set(key, [line]);
}
