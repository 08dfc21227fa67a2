import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { assertCanSeeCustomer, customerScope, type Principal } from '#auth';
import { Topics, isAmountIn, minorUnitsOf, sameAmount, type InvoiceAnswer, type InvoiceAnsweredV1, type InvoiceCancelledV1, type InvoicePostedV1, type InvoiceRejectedV1, type InvoiceRequestedV1 } from '#contracts';
import { Outbox, PermanentEventError, type OutgoingEvent } from '#messaging';
import { insertMany } from '#persistence';
import { Clock } from '#platform';
import { BillingError } from '../errors/billing.error.js';
import { BillableWork } from '../ledger/billable-work.service.js';
import { roundAmount } from '../ledger/domain/billing-money.js';
import { LedgerLineEntity } from '../ledger/ledger.entities.js';
import { BillingProjectEntity } from '../work-facts/work-facts.entities.js';
import { LedgerService, plainDecimal } from '../ledger/ledger.service.js';
import { minorUnitsSql } from '../ledger/minor-units-sql.js';
import { draftInvoiceRequests, type InvoiceDraft, type ReadyLine } from './domain/invoice-drafts.js';
import type { CreateInvoiceRequestInput, InvoiceRequestQuery } from './dto/invoice-request.dto.js';
import { InvoiceRequestEntity, InvoiceRequestLineEntity } from './invoicing.entities.js';
import { toInvoiceRequestView, type InvoiceRequestView } from './dto/invoice-request.view.js';

/** How many ready lines one call may put into invoice requests (BILLING_REQUEST_MAX_LINES). */
export const INVOICE_REQUEST_MAX_LINES = Symbol('INVOICE_REQUEST_MAX_LINES');

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
    @Inject(INVOICE_REQUEST_MAX_LINES) private readonly maxLines: number,
  ) {}

  /**
   * Approves the selected ready lines of one customer into invoice requests (one
   * per order and currency), each written with its event in one transaction.
   * PostgreSQL picks and locks only the lines that go into the requests (every
   * filter of the selection is in the locking read), so lines after the cut-off
   * stay free for billing's consumers; a selection of more than `maxLines` lines
   * is refused with a request to narrow it.
   */
  async request(input: CreateInvoiceRequestInput, principal: Principal): Promise<InvoiceRequestView[]> {
    return this.dataSource.transaction(async (tx) => {
      await this.work.promoteDue(tx);
      // Locks the lines in id order (a concurrent request for the same lines waits, then finds them requested);
      // one line over the cap is enough to refuse, so no more are locked.
      const lines = await drafted(readySelection(tx, input), input).orderBy('l.id', 'ASC').limit(this.maxLines + 1).setLock('pessimistic_write').getMany();
      if (lines.length > this.maxLines) {
        const selected = await drafted(readySelection(tx, input), input).getCount();
        throw new BillingError(
          'SELECTION_TOO_LARGE',
          `The selection holds ${selected} ready lines of customer ${input.customerId}; one call requests at most ${this.maxLines}: narrow it with cutoff (or from), orderId, projectId or lineIds`,
          { maxLines: this.maxLines, selectedLines: selected },
        );
      }
      const byId = new Map(lines.map((l) => [l.id, l]));
      if (input.lineIds) {
        const notDrafted = input.lineIds.filter((id) => !byId.has(id));
        // A chosen line that is ready but before `from`, after the cut-off or of no amount stays ready, unrequested: it is not missing.
        const ready = notDrafted.length ? new Set((await readySelection(tx, { ...input, lineIds: notDrafted }).select('l.id').getMany()).map((l) => l.id)) : new Set();
        const missing = notDrafted.filter((id) => !ready.has(id));
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
      // The PO number as the order now stands (an order change may have replaced the one its lines were recorded with).
      const projectIds = [...new Set(drafts.flatMap((d) => (d.projectId ? [d.projectId] : [])))];
      const projects = new Map(
        (projectIds.length ? await tx.findBy(BillingProjectEntity, { projectId: In(projectIds) }) : []).map((p) => [p.projectId, p]),
      );
      const views: InvoiceRequestView[] = [];
      for (const draft of drafts) {
        const project = draft.projectId ? projects.get(draft.projectId) : undefined;
        views.push(await this.write(tx, { ...draft, customerPoNumber: project?.customerPoNumber ?? draft.customerPoNumber }, byId, principal));
      }
      return views;
    });
  }

  private async write(tx: EntityManager, draft: InvoiceDraft, lines: ReadonlyMap<string, LedgerLineEntity>, principal: Principal): Promise<InvoiceRequestView> {
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
    await insertMany(tx, InvoiceRequestLineEntity, rows);
    // Each line still gets its own audit row and psa.billing-line.changed.v1, written together in a few statements.
    await this.ledger.changeMany(
      tx,
      draft.lines.map((l) => lines.get(l.lineId)!),
      { action: 'request', reason: `On invoice request ${id}`, actor: principal.subject, invoiceRequestId: id },
    );
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
    const request = await this.answered(tx, data.invoiceRequestId, 'posted');
    // The contract's amounts carry exactly their currency's minor units. The event does not name the currency,
    // so its schema lets any currency's through ("30000" for a rupee request); the request knows it.
    if (!isAmountIn(data.total, request.currency)) {
      const units = minorUnitsOf(request.currency);
      throw new PermanentEventError(
        'SCHEMA_VIOLATION',
        `total: ${JSON.stringify(data.total)} must have ${units === 0 ? 'no decimal places' : `exactly ${units} decimal places`} for ${request.currency}, the currency of invoice request ${request.id}`,
      );
    }
    if (request.status !== 'requested') return this.unexpectedAnswer(request, 'posted', request.status === 'posted' && request.invoiceNumber === data.invoiceNumber);
    request.status = 'posted';
    request.invoiceNumber = data.invoiceNumber;
    request.postedTotal = data.total;
    request.answeredAt = new Date(data.postedAt);
    request.totalMismatch = !sameAmount(data.total, roundAmount(request.total, request.currency));
    if (request.totalMismatch) request.answerReason = `ERP posted ${data.total}, requested ${roundAmount(request.total, request.currency)}`;
    await tx.save(request);
    await this.announce(tx, request, 'posted');
    for (const line of await this.linesOf(tx, request.id)) {
      await this.ledger.change(tx, line, { action: 'post', reason: `Invoiced as ${data.invoiceNumber}`, actor: 'erp', invoiceRequestId: request.id });
    }
  }

  async rejected(tx: EntityManager, data: InvoiceRejectedV1): Promise<void> {
    const request = await this.answered(tx, data.invoiceRequestId, 'rejected');
    if (request.status !== 'requested') return this.unexpectedAnswer(request, 'rejected', request.status === 'rejected');
    request.status = 'rejected';
    request.answeredAt = new Date(data.rejectedAt);
    request.answerReason = data.reason;
    await tx.save(request);
    await this.announce(tx, request, 'rejected');
    await tx.update(InvoiceRequestLineEntity, { invoiceRequestId: request.id }, { live: false });
    for (const line of await this.linesOf(tx, request.id)) {
      await this.ledger.change(tx, line, { action: 'reject', reason: `Rejected by ERP accounting: ${data.reason}`, actor: 'erp', invoiceRequestId: request.id });
    }
  }

  async cancelled(tx: EntityManager, data: InvoiceCancelledV1): Promise<void> {
    const request = await this.answered(tx, data.invoiceRequestId, 'cancelled');
    if (request.status !== 'posted') return this.unexpectedAnswer(request, 'cancelled', request.status === 'cancelled' && request.invoiceNumber === data.invoiceNumber);
    request.status = 'cancelled';
    request.answeredAt = new Date(data.cancelledAt);
    request.answerReason = data.reason ?? `Credit note on ${data.invoiceNumber}`;
    await tx.save(request);
    await this.announce(tx, request, 'cancelled');
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

  /**
   * The request the ERP answers, locked. An answer for a request ServiceLoop never made is
   * dead-lettered for the ERP's operators to see (it was logged and dropped before): the ERP
   * learns a request's id only from the request, which billing holds before it is sent.
   */
  private async answered(tx: EntityManager, id: string, answer: string): Promise<InvoiceRequestEntity> {
    const request = await tx.findOne(InvoiceRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw new PermanentEventError('PROCESSING_FAILED', `invoiceRequestId: no invoice request ${id} was made by ServiceLoop; the ERP answered it ${answer}`);
    return request;
  }

  /**
   * An answer the request's state does not allow. The same answer again (the ERP re-sent it under a
   * new event id) changes nothing; one that contradicts the last (posted after a rejection, a credit
   * note for a request never posted, another invoice number) is dead-lettered with the state it met,
   * so accounting's and ServiceLoop's books are put right by people, not silently left apart.
   */
  private unexpectedAnswer(request: InvoiceRequestEntity, answer: string, repeated: boolean): void {
    if (repeated) {
      this.logger.log({ msg: `ERP answered ${answer} again; already applied`, invoiceRequestId: request.id });
      return;
    }
    const state = request.status === 'requested' ? 'not answered yet' : `already ${request.status}${request.invoiceNumber ? ` as ${request.invoiceNumber}` : ''}${request.answeredAt ? ` at ${request.answeredAt.toISOString()}` : ''}`;
    throw new PermanentEventError('PROCESSING_FAILED', `invoiceRequestId: invoice request ${request.id} is ${state}; the ERP's ${answer} answer contradicts it and was not applied`);
  }

  /**
   * psa.invoice.answered.v1: the answer billing just accepted, in the transaction that applied it. Only
   * accepted answers get here (the dead-lettered and the repeated return or throw before), so whoever
   * reads it (analytics) sees the request's answer exactly as billing's books have it.
   */
  private async announce(tx: EntityManager, request: InvoiceRequestEntity, answer: InvoiceAnswer): Promise<void> {
    await this.outbox.add(tx, invoiceAnswered(request, answer));
  }

  private async linesOf(tx: EntityManager, requestId: string): Promise<LedgerLineEntity[]> {
    const ids = (await tx.find(InvoiceRequestLineEntity, { where: { invoiceRequestId: requestId } })).map((l) => l.lineId);
    return ids.length ? tx.find(LedgerLineEntity, { where: { id: In(ids) }, lock: { mode: 'pessimistic_write' } }) : [];
  }
}

/** The answer as billing applied it to `request` (its state after the answer), keyed like the request's ledger lines. */
export function invoiceAnswered(request: InvoiceRequestEntity, answer: InvoiceAnswer): OutgoingEvent<InvoiceAnsweredV1> {
  const data: InvoiceAnsweredV1 = {
    invoiceRequestId: request.id,
    answer,
    answeredAt: request.answeredAt!.toISOString(),
    customerId: request.customerId,
    projectId: request.projectId,
    orderId: request.orderId,
    currency: request.currency,
    invoiceNumber: request.invoiceNumber,
    postedTotal: request.postedTotal === null ? null : roundAmount(request.postedTotal, request.currency),
    totalMismatch: request.totalMismatch,
    reason: request.answerReason,
  };
  return { topic: Topics.billing, key: request.projectId ?? request.customerId, type: 'psa.invoice.answered.v1', subject: request.id, data };
}

/** The customer's ready lines the request names (project, order, lines), whatever their day or amount. */
function readySelection(tx: EntityManager, input: Pick<CreateInvoiceRequestInput, 'customerId' | 'projectId' | 'orderId' | 'lineIds'>): SelectQueryBuilder<LedgerLineEntity> {
  const query = tx.createQueryBuilder(LedgerLineEntity, 'l').where('l.customerId = :customerId', { customerId: input.customerId }).andWhere(`l.state = 'ready'`);
  if (input.projectId) query.andWhere('l.projectId = :projectId', { projectId: input.projectId });
  if (input.orderId) query.andWhere('l.orderId = :orderId', { orderId: input.orderId });
  if (input.lineIds) query.andWhere('l.id = ANY(:lineIds::uuid[])', { lineIds: input.lineIds });
  return query;
}

/**
 * Of those, the ones `draftInvoiceRequests` puts into requests: work on or after
 * `from` and on or before the cut-off (`work_date` is a date, compared with the
 * days as draftInvoiceRequests compares YYYY-MM-DD strings), and an amount that
 * is more than zero once rounded to its currency (as toReadyLine rounds it).
 */
function drafted(query: SelectQueryBuilder<LedgerLineEntity>, input: Pick<CreateInvoiceRequestInput, 'cutoff' | 'from'>): SelectQueryBuilder<LedgerLineEntity> {
  if (input.cutoff) query.andWhere('l.workDate <= :cutoff::date', { cutoff: input.cutoff });
  if (input.from) query.andWhere('l.workDate >= :from::date', { from: input.from });
  return query.andWhere(`round(l.amount, ${minorUnitsSql('l.currency')}) > 0`);
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
