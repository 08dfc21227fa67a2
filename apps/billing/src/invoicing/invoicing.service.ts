import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { assertCanSeeCustomer, customerScope, type Principal } from '#auth';
import { Topics, sameAmount, type InvoiceCancelledV1, type InvoicePostedV1, type InvoiceRejectedV1, type InvoiceRequestedV1 } from '#contracts';
import { Outbox } from '#messaging';
import { Clock } from '#platform';
import { BillingError } from '../errors/billing.error.js';
import { BillableWork } from '../ledger/billable-work.service.js';
import { roundAmount } from '../ledger/domain/billing-money.js';
import { LedgerLineEntity } from '../ledger/ledger.entities.js';
import { BillingProjectEntity } from '../work-facts/work-facts.entities.js';
import { LedgerService, plainDecimal } from '../ledger/ledger.service.js';
import { draftInvoiceRequests, type InvoiceDraft, type ReadyLine } from './domain/invoice-drafts.js';
import type { CreateInvoiceRequestInput, InvoiceRequestQuery } from './dto/invoice-request.dto.js';
import { InvoiceRequestEntity, InvoiceRequestLineEntity } from './invoicing.entities.js';
import { toInvoiceRequestView, type InvoiceRequestView } from './dto/invoice-request.view.js';

/**
 * Finance approves ready lines into invoice requests for the ERP; the ERP's
 * answers (posted, rejected, credited) move the lines on.
 */
@Injectable()
export class InvoicingService {
  private readonly logger = new Logger(InvoicingService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly work: BillableWork,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /**
   * Approves the selected ready lines of one customer into invoice requests (one
   * per order and currency), each written with its event in one transaction.
   */
  async request(input: CreateInvoiceRequestInput, principal: Principal): Promise<InvoiceRequestView[]> {
    return this.dataSource.transaction(async (tx) => {
      await this.work.promoteDue(tx);
      const lines = await tx.find(LedgerLineEntity, {
        where: {
          customerId: input.customerId,
          state: 'ready',
          ...(input.projectId ? { projectId: input.projectId } : {}),
          ...(input.orderId ? { orderId: input.orderId } : {}),
          ...(input.lineIds ? { id: In(input.lineIds) } : {}),
        },
        // Locks the lines: a concurrent request for the same lines waits, then finds them requested.
        lock: { mode: 'pessimistic_write' },
      });
      if (input.lineIds) {
        const missing = input.lineIds.filter((id) => !lines.some((l) => l.id === id));
        if (missing.length > 0) {
          throw new BillingError('LINE_NOT_READY', `Lines not ready to invoice for customer ${input.customerId}: ${missing.join(', ')}`, { lineIds: missing });
        }
      }
      const previous = await this.previousRequests(tx, lines.map((l) => l.id));
      const drafts = draftInvoiceRequests(lines.map((l) => toReadyLine(l, previous.get(l.id) ?? null)), {
        cutoff: input.cutoff ?? null,
        from: input.from ?? null,
        lineIds: input.lineIds ?? null,
      });
      if (drafts.length === 0) throw new BillingError('NOTHING_TO_INVOICE', `Nothing ready to invoice for customer ${input.customerId} with this selection`);
      const views: InvoiceRequestView[] = [];
      for (const draft of drafts) {
        // The PO number as the order now stands (an order change may have replaced the one its lines were recorded with).
        const project = draft.projectId ? await tx.findOneBy(BillingProjectEntity, { projectId: draft.projectId }) : null;
        views.push(await this.write(tx, { ...draft, customerPoNumber: project?.customerPoNumber ?? draft.customerPoNumber }, lines, principal));
      }
      return views;
    });
  }

  private async write(tx: EntityManager, draft: InvoiceDraft, lines: LedgerLineEntity[], principal: Principal): Promise<InvoiceRequestView> {
    const id = randomUUID();
    const requestedAt = this.clock.now();
    const request = await tx.save(
      tx.create(InvoiceRequestEntity, {
        id,
        supersedes: draft.supersedes,
        customerId: draft.customerId,
        projectId: draft.projectId,
        orderId: draft.orderId,
        customerPoNumber: draft.customerPoNumber,
        currency: draft.currency,
        periodFrom: draft.period.from,
        periodTo: draft.period.to,
        total: draft.total,
        status: 'requested',
        requestedAt,
        requestedBy: principal.subject,
        invoiceNumber: null,
        postedTotal: null,
        totalMismatch: false,
        answeredAt: null,
        answerReason: null,
      }),
    );
    const rows = draft.lines.map((l, position) =>
      tx.create(InvoiceRequestLineEntity, {
        invoiceRequestId: id,
        lineId: l.lineId,
        position,
        orderLineId: l.orderLineId,
        description: l.description,
        sku: l.sku,
        quantity: String(l.quantity),
        unitPrice: l.unitPrice,
        amount: l.amount,
        sourceKind: l.source.kind,
        sourceRefs: l.source.refs,
        live: true,
      }),
    );
    await tx.save(rows);
    for (const l of draft.lines) {
      const line = lines.find((candidate) => candidate.id === l.lineId)!;
      await this.ledger.change(tx, line, { action: 'request', reason: `On invoice request ${id}`, actor: principal.subject, invoiceRequestId: id });
    }
    const data: InvoiceRequestedV1 = {
      invoiceRequestId: id,
      supersedes: draft.supersedes,
      orderId: draft.orderId,
      customerId: draft.customerId,
      customerPoNumber: draft.customerPoNumber,
      projectId: draft.projectId,
      currency: draft.currency,
      period: draft.period,
      lines: draft.lines.map((l) => ({
        orderLineId: l.orderLineId,
        description: l.description,
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: plainPrice(l.unitPrice),
        amount: l.amount,
        source: l.source,
      })),
      total: draft.total,
      requestedAt: requestedAt.toISOString(),
    };
    // The request's id is the event's id: every re-emission after a crash carries both unchanged.
    await this.outbox.add(tx, { id, topic: Topics.invoices, key: id, type: 'psa.invoice.requested.v1', subject: id, data });
    return toInvoiceRequestView(request, rows);
  }

  async posted(tx: EntityManager, data: InvoicePostedV1): Promise<void> {
    const request = await this.answered(tx, data.invoiceRequestId);
    if (!request) return;
    if (request.status !== 'requested') return this.unexpectedAnswer(request, 'posted');
    request.status = 'posted';
    request.invoiceNumber = data.invoiceNumber;
    request.postedTotal = data.total;
    request.answeredAt = new Date(data.postedAt);
    request.totalMismatch = !sameAmount(data.total, roundAmount(request.total, request.currency));
    if (request.totalMismatch) request.answerReason = `ERP posted ${data.total}, requested ${roundAmount(request.total, request.currency)}`;
    await tx.save(request);
    for (const line of await this.linesOf(tx, request.id)) {
      await this.ledger.change(tx, line, { action: 'post', reason: `Invoiced as ${data.invoiceNumber}`, actor: 'erp', invoiceRequestId: request.id });
    }
  }

  async rejected(tx: EntityManager, data: InvoiceRejectedV1): Promise<void> {
    const request = await this.answered(tx, data.invoiceRequestId);
    if (!request) return;
    if (request.status !== 'requested') return this.unexpectedAnswer(request, 'rejected');
    request.status = 'rejected';
    request.answeredAt = new Date(data.rejectedAt);
    request.answerReason = data.reason;
    await tx.save(request);
    await tx.update(InvoiceRequestLineEntity, { invoiceRequestId: request.id }, { live: false });
    for (const line of await this.linesOf(tx, request.id)) {
      await this.ledger.change(tx, line, { action: 'reject', reason: `Rejected by ERP accounting: ${data.reason}`, actor: 'erp', invoiceRequestId: request.id });
    }
  }

  async cancelled(tx: EntityManager, data: InvoiceCancelledV1): Promise<void> {
    const request = await this.answered(tx, data.invoiceRequestId);
    if (!request) return;
    if (request.status !== 'posted') return this.unexpectedAnswer(request, 'cancelled');
    request.status = 'cancelled';
    request.answeredAt = new Date(data.cancelledAt);
    request.answerReason = data.reason ?? `Credit note on ${data.invoiceNumber}`;
    await tx.save(request);
    await tx.update(InvoiceRequestLineEntity, { invoiceRequestId: request.id }, { live: false });
    for (const line of await this.linesOf(tx, request.id)) {
      await this.ledger.change(tx, line, { action: 'credit', reason: `Credited (${data.invoiceNumber}): ${data.reason ?? 'credit note'}`, actor: 'erp', invoiceRequestId: request.id, credited: true });
    }
  }

  async list(query: InvoiceRequestQuery, principal: Principal): Promise<InvoiceRequestView[]> {
    if (query.customerId) assertCanSeeCustomer(principal, query.customerId);
    // A customer user sees only its own requests, whatever it asks for.
    const customerId = customerScope(principal) ?? query.customerId;
    const requests = await this.dataSource.getRepository(InvoiceRequestEntity).find({
      where: {
        ...(customerId ? { customerId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.orderId ? { orderId: query.orderId } : {}),
        ...(query.flagged ? { totalMismatch: true } : {}),
      },
      // Newest first; the id orders requests made in one call (one per order), so pages neither repeat nor skip one.
      order: { requestedAt: 'DESC', id: 'DESC' },
      skip: query.offset ?? 0,
      take: query.limit ?? 100,
    });
    const lines = requests.length
      ? await this.dataSource.getRepository(InvoiceRequestLineEntity).find({ where: { invoiceRequestId: In(requests.map((r) => r.id)) }, order: { position: 'ASC' } })
      : [];
    return requests.map((r) => toInvoiceRequestView(r, lines.filter((l) => l.invoiceRequestId === r.id)));
  }

  async get(id: string, principal: Principal): Promise<InvoiceRequestView> {
    const request = await this.dataSource.getRepository(InvoiceRequestEntity).findOneBy({ id });
    if (!request) throw new BillingError('INVOICE_REQUEST_NOT_FOUND', `No invoice request ${id}`);
    assertCanSeeCustomer(principal, request.customerId);
    const lines = await this.dataSource.getRepository(InvoiceRequestLineEntity).find({ where: { invoiceRequestId: id }, order: { position: 'ASC' } });
    return toInvoiceRequestView(request, lines);
  }

  /** The rejected or credited request each line was on last: a re-submission supersedes it. */
  private async previousRequests(tx: EntityManager, lineIds: string[]): Promise<Map<string, string>> {
    if (lineIds.length === 0) return new Map();
    const rows: { line_id: string; invoice_request_id: string }[] = await tx.query(
      `SELECT DISTINCT ON (l.line_id) l.line_id, l.invoice_request_id
         FROM invoice_request_line l JOIN invoice_request r ON r.id = l.invoice_request_id
        WHERE l.line_id = ANY($1::uuid[]) AND r.status IN ('rejected', 'cancelled')
        ORDER BY l.line_id, r.requested_at DESC`,
      [lineIds],
    );
    return new Map(rows.map((r) => [r.line_id, r.invoice_request_id]));
  }

  private async answered(tx: EntityManager, id: string): Promise<InvoiceRequestEntity | null> {
    const request = await tx.findOne(InvoiceRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) this.logger.warn({ msg: 'answer for an invoice request billing does not know', invoiceRequestId: id });
    return request;
  }

  private unexpectedAnswer(request: InvoiceRequestEntity, answer: string): void {
    this.logger.warn({ msg: `ERP answered ${answer} for a request that is ${request.status}; ignored`, invoiceRequestId: request.id });
  }

  private async linesOf(tx: EntityManager, requestId: string): Promise<LedgerLineEntity[]> {
    const ids = (await tx.find(InvoiceRequestLineEntity, { where: { invoiceRequestId: requestId } })).map((l) => l.lineId);
    return ids.length ? tx.find(LedgerLineEntity, { where: { id: In(ids) }, lock: { mode: 'pessimistic_write' } }) : [];
  }
}

export function toReadyLine(line: LedgerLineEntity, previousRequestId: string | null): ReadyLine {
  return {
    id: line.id,
    customerId: line.customerId,
    projectId: line.projectId,
    orderId: line.orderId,
    orderLineId: line.orderLineId,
    customerPoNumber: line.customerPoNumber,
    currency: line.currency,
    sku: line.sku,
    description: line.description,
    workDate: line.workDate,
    quantity: plainDecimal(line.quantity),
    unitPrice: plainPrice(line.unitPrice),
    amount: roundAmount(line.amount, line.currency),
    sourceKind: line.sourceKind,
    sourceRef: line.sourceRef,
    previousRequestId,
  };
}

/** A unit price as the contract writes it: at least 2 decimals ("60000.00"), at most 4. */
export function plainPrice(value: string): string {
  const plain = plainDecimal(value);
  const decimals = plain.includes('.') ? plain.split('.')[1].length : 0;
  return decimals >= 2 ? plain : Number.isInteger(Number(plain)) && !plain.includes('.') ? `${plain}.00` : `${plain}0`;
}
