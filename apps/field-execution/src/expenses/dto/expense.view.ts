import { moneyOf } from '../domain/expense-money.js';
import type { ExpenseEntity } from '../expense.entity.js';

export interface ExpenseView {
  id: string;
  visitId: string;
  taskId: string;
  engineerId: string;
  category: string;
  /** In `currency`, with its minor units. */
  amount: string;
  currency: string;
  exchangeRate: string | null;
  orderCurrency: string | null;
  amountInOrderCurrency: string | null;
  receiptReference: string | null;
  description: string | null;
  status: string;
  corrects: string | null;
  correctionReason: string | null;
  correctedBy: string | null;
  superseded: boolean;
  recordedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A stored rate without the scale's padding: "90.50000000" → "90.5". */
export function rateOf(stored: string): string {
  return stored.includes('.') ? stored.replace(/\.?0+$/, '') : stored;
}

export function toExpenseView(expense: ExpenseEntity, correction: { id: string; status: string } | null = null): ExpenseView {
  return {
    id: expense.id,
    visitId: expense.visitId,
    taskId: expense.taskId,
    engineerId: expense.engineerId,
    category: expense.category,
    amount: moneyOf(expense.amount, expense.currency),
    currency: expense.currency,
    exchangeRate: expense.exchangeRate === null ? null : rateOf(expense.exchangeRate),
    orderCurrency: expense.orderCurrency,
    amountInOrderCurrency:
      expense.amountInOrderCurrency === null || expense.orderCurrency === null ? null : moneyOf(expense.amountInOrderCurrency, expense.orderCurrency),
    receiptReference: expense.receiptReference,
    description: expense.description,
    status: expense.status,
    corrects: expense.corrects,
    correctionReason: expense.correctionReason,
    correctedBy: correction?.id ?? null,
    superseded: correction?.status === 'approved',
    recordedBy: expense.recordedBy,
    decidedBy: expense.decidedBy,
    decidedAt: expense.decidedAt?.toISOString() ?? null,
    rejectionReason: expense.rejectionReason,
    createdAt: expense.createdAt.toISOString(),
    updatedAt: expense.updatedAt.toISOString(),
  };
}

export function toExpenseViews(expenses: readonly ExpenseEntity[]): ExpenseView[] {
  const liveCorrection = new Map(expenses.filter((e) => e.corrects && e.status !== 'rejected').map((e) => [e.corrects!, e]));
  return expenses.map((e) => toExpenseView(e, liveCorrection.get(e.id) ?? null));
}
