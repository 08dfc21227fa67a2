import { Injectable } from '@nestjs/common';
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { Topics, type CloudEvent } from '#contracts';
import { EventContext, Outbox, PermanentEventError, WithheldEvents } from '#messaging';
import { Clock } from '#platform';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { DispatchesService } from '../equipment/dispatches.service.js';
import { CommitmentEntity } from './commitment.entity.js';
import { CommitmentWork } from './commitment-work.js';
import { planLineChanges } from './domain/order-change.js';
import { OrderRejected, planServiceProject, type PlannedCommitment } from './domain/project-plan.js';
import type { SalesOrder } from './domain/sales-order.js';
import { OrderLineEntity, orderLineColumns } from './order-line.entity.js';
import { orderKey } from './order-key.js';
import { pricedLinesOf, projectFactsOf, taskIdsByCommitment } from './project-facts.js';
import { ServiceProjectEntity } from './service-project.entity.js';
import { TaskEntity } from './task.entity.js';
import { CustomerSitesService } from '../customers/customer-sites.service.js';
import { sameSite, siteOfOrder, type CustomerSite } from '../customers/domain/site-book.js';
import { TaskEvents } from '../tasks/task-events.js';

export interface SalesOrderChange extends SalesOrder {
  revision: number;
  amendedFrom?: string;
}

/** `erp.sales-order.changed.v1`: the whole order as it now stands, applied by revision. */
@Injectable()
export class OrderChangesService {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly work: CommitmentWork,
    private readonly dispatches: DispatchesService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly sites: CustomerSitesService,
    private readonly taskEvents: TaskEvents,
  ) {}

  async applyChange(event: CloudEvent<SalesOrderChange>, context: EventContext): Promise<void> {
    const change = event.data;
    const key = orderKey(event.source, change.orderId);
    const previousKey = change.amendedFrom ? orderKey(event.source, change.amendedFrom) : null;
    // Always in the same order, so two instances never wait on each other crosswise.
    for (const k of [key, previousKey].filter((x): x is string => !!x).sort()) await context.lock(k);
    const { tx } = context;
    let project = await tx.findOneBy(ServiceProjectEntity, { orderSource: event.source, orderId: change.orderId });
    if (!project && change.amendedFrom) project = await tx.findOneBy(ServiceProjectEntity, { orderSource: event.source, orderId: change.amendedFrom });
    if (!project) return context.park(previousKey ?? key);
    if (change.revision <= project.orderRevision) return context.ignore();

    const at = this.clock.now();
    if (project.status === 'cancelled') {
      await this.work.flagForReview(tx, project.id, null, 'change_after_cancellation', `Revision ${change.revision} of order ${change.orderId} arrived after the order was cancelled; nothing was changed`);
      await tx.update(ServiceProjectEntity, { id: project.id }, { orderRevision: change.revision });
      return;
    }

    let plan;
    try {
      plan = planServiceProject(change, await this.catalogue.activeBySku(tx));
    } catch (error) {
      if (error instanceof OrderRejected) throw new PermanentEventError('SCHEMA_VIOLATION', error.reason);
      throw error;
    }

    const commitments = await tx.find(CommitmentEntity, { where: { projectId: project.id } });
    const highest = new Map<string, number>();
    for (const c of commitments) highest.set(c.orderLineId, Math.max(highest.get(c.orderLineId) ?? 0, c.unitIndex));
    const targets = new Map(plan.lines.filter((l) => l.kind === 'service').map((l) => [l.line.lineId, l.line.quantity]));
    const lineChanges = planLineChanges(commitments, targets, highest);

    const siteBefore = project.site;
    if (change.site) await this.sites.sitesForOrders(tx, [{ customerId: project.customerId, site: change.site }]);
    await this.updateOrder(tx, project, change, plan.lines);
    const reason = `Order ${change.orderId} revision ${change.revision}`;
    // Work the added units set off goes out after the announcement that brings them (see Outbox.withhold).
    const setOff = new WithheldEvents();
    for (const lineChange of lineChanges) {
      await this.work.cancel(tx, project, lineChange.cancel, `${reason} removed this unit`, at);
      for (const { id, reason: why } of lineChange.review) await this.work.flagForReview(tx, project.id, id, 'change_after_start', why);
      const added: PlannedCommitment[] = lineChange.add.map((unitIndex) => {
        const template = plan.commitments.find((c) => c.orderLineId === lineChange.orderLineId)!;
        const line = change.lines.find((l) => l.lineId === lineChange.orderLineId)!;
        return { ...template, unitIndex, serialNumber: line.serialNumbers?.[unitIndex - 1] ?? null };
      });
      if (added.length) {
        const unitPrices = new Map(change.lines.map((l) => [l.lineId, l.unitPrice]));
        await this.outbox.withhold(tx, setOff, async () => {
          const created = await this.work.create(tx, project, added, unitPrices);
          await this.work.attachKnownMachines(tx, project, created);
        });
      }
    }
    await this.outbox.withhold(tx, setOff, () => this.dispatches.bindDispatchedMachines(tx, project));
    await this.announce(tx, project.id, event.source, at);
    await this.outbox.writeWithheld(tx, setOff);
    if (change.site && !sameSite(siteBefore, siteOfOrder(change.site))) await this.tellOpenTasksOfSite(tx, project.id);
  }

  /**
   * A customer's new default site goes to its active projects that have none (their
   * orders named none and the customer master had none then): each is announced as
   * it now stands, its open tasks go out with the site (so scheduling can place
   * them), and their `site_missing` review items are resolved. Returns how many.
   */
  async placeWaitingProjects(tx: EntityManager, customerId: string, site: CustomerSite, actor: string): Promise<number> {
    // TypeORM gives an UPDATE's result as [rows, count].
    const [placed]: [{ id: string; order_source: string }[], number] = await tx.query(
      `UPDATE service_project SET site = $2::jsonb, updated_at = now()
        WHERE customer_id = $1 AND status = 'active' AND site->>'id' IS NULL RETURNING id, order_source`,
      [customerId, JSON.stringify(site)],
    );
    if (placed.length === 0) return 0;
    const at = this.clock.now();
    await tx.query(
      `UPDATE review_item SET resolved_at = $2, resolved_by = $3, resolution = $4
        WHERE project_id = ANY($1::uuid[]) AND kind = 'site_missing' AND resolved_at IS NULL`,
      [placed.map((p) => p.id), at, actor, `Customer ${customerId}'s default site ${site.id} was set; the project is done there`],
    );
    for (const { id, order_source } of placed) {
      await this.announce(tx, id, order_source, at);
      await this.tellOpenTasksOfSite(tx, id);
    }
    return placed.length;
  }

  /** Open tasks (not promised, done or cancelled) go out again with the project's site. */
  private async tellOpenTasksOfSite(tx: EntityManager, projectId: string): Promise<void> {
    const open = await tx.find(TaskEntity, { where: { projectId, status: In(['ready', 'scheduled', 'in_progress', 'on_hold']) }, order: { id: 'ASC' } });
    for (const task of open) await this.taskEvents.emit(tx, 'changed', task, { changes: ['site'] });
  }

  /**
   * The project as it now stands goes out as psa.service-project.changed.v1, so
   * billing prices added units, follows a new price or PO, and scheduling and
   * analytics see the new site. Prices follow the order: a commitment not cancelled
   * takes its line's new unit price (what is already billed is not touched there).
   */
  async announce(tx: EntityManager, projectId: string, source: string, at: Date): Promise<void> {
    const project = await tx.findOneByOrFail(ServiceProjectEntity, { id: projectId });
    await tx.query(
      `UPDATE commitment c SET unit_price = l.unit_price FROM order_line l
        WHERE c.project_id = $1 AND l.project_id = c.project_id AND l.line_id = c.order_line_id
          AND c.status <> 'cancelled' AND c.unit_price <> l.unit_price`,
      [projectId],
    );
    const lines = await tx.find(OrderLineEntity, { where: { projectId } });
    const commitments = await tx.find(CommitmentEntity, { where: { projectId } });
    // Tasks made with their commitment first: sequence 1 before an AMC's later visits, originals before follow-ups.
    const tasks = await tx.find(TaskEntity, {
      select: { id: true, commitmentId: true, templateTaskKey: true },
      where: { projectId, commitmentId: Not(IsNull()) },
      order: { sequence: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    await this.outbox.add(tx, {
      topic: Topics.serviceProjects,
      key: projectId,
      type: 'psa.service-project.changed.v1',
      subject: project.orderId,
      data: { ...projectFactsOf(project, source, commitments, pricedLinesOf(lines, project.currency), taskIdsByCommitment(tasks)), revision: project.orderRevision, changedAt: at.toISOString() },
    });
  }

  private async updateOrder(tx: EntityManager, project: ServiceProjectEntity, change: SalesOrderChange, lines: ReturnType<typeof planServiceProject>['lines']): Promise<void> {
    await tx.update(ServiceProjectEntity, { id: project.id }, {
      orderId: change.orderId,
      orderRevision: change.revision,
      customerName: change.customer.name,
      customerEmail: change.customer.email ?? null,
      customerPoNumber: change.customerPoNumber ?? null,
      ...(change.site
        ? {
            site: {
              id: change.site.id ?? null,
              name: change.site.name ?? null,
              address: change.site.address ?? null,
              city: change.site.city ?? null,
              region: change.site.region ?? null,
              country: change.site.country ?? null,
              timezone: change.site.timezone ?? null,
            },
          }
        : {}),
    });
    project.orderId = change.orderId;
    const existing = await tx.find(OrderLineEntity, { where: { projectId: project.id } });
    for (const planned of lines) {
      const { line } = planned;
      const values = orderLineColumns(planned);
      const row = existing.find((l) => l.lineId === line.lineId);
      if (row) await tx.update(OrderLineEntity, { id: row.id }, values);
      else await tx.insert(OrderLineEntity, { projectId: project.id, lineId: line.lineId, ...values });
    }
    // A line the ERP removed stays on record with quantity 0: commitments and bills refer to it.
    for (const row of existing.filter((l) => !lines.some((p) => p.line.lineId === l.lineId))) {
      await tx.update(OrderLineEntity, { id: row.id }, { quantity: '0' });
    }
  }
}
