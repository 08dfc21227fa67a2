import type { BillingLineState } from '#contracts';
import { roundAmount } from '../domain/billing-money.js';
import type { LedgerAdjustmentEntity, LedgerLineEntity } from '../ledger.entities.js';
import { plainDecimal } from '../ledger.service.js';

export interface LedgerLineView {
  id: string;
  state: BillingLineState;
  customerId: string;
  projectId: string | null;
  orderId: string | null;
  orderLineId: string | null;
  commitmentId: string | null;
  taskId: string | null;
  visitId: string | null;
  engineerId: string | null;
  serialNumber: string | null;
  source: { kind: string; ref: string };
  sku: string | null;
  description: string;
  workDate: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  cost: string;
  currency: string;
  billable: boolean;
  coverage: string;
  reason: string;
  invoiceRequestId: string | null;
  credited: boolean;
  readyAt: string | null;
}

export function toLedgerLineView(line: LedgerLineEntity): LedgerLineView {
  return {
    id: line.id,
    state: line.state,
    customerId: line.customerId,
    projectId: line.projectId,
    orderId: line.orderId,
    orderLineId: line.orderLineId,
    commitmentId: line.commitmentId,
    taskId: line.taskId,
    visitId: line.visitId,
    engineerId: line.engineerId,
    serialNumber: line.serialNumber,
    source: { kind: line.sourceKind, ref: line.sourceRef },
    sku: line.sku,
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
    credited: line.credited,
    readyAt: line.readyAt ? new Date(line.readyAt).toISOString() : null,
  };
}

export function toAdjustmentView(a: LedgerAdjustmentEntity, currency: string) {
  return {
    id: a.id,
    action: a.action,
    fromState: a.fromState,
    toState: a.toState,
    oldAmount: roundAmount(a.oldAmount, currency),
    newAmount: roundAmount(a.newAmount, currency),
    reason: a.reason,
    actor: a.actor,
    invoiceRequestId: a.invoiceRequestId,
    at: new Date(a.at).toISOString(),
  };
}
