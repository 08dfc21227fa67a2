import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, MoreThan, Not, Repository, type EntityManager } from 'typeorm';
import { Topics, type CloudEvent } from '#contracts';
import { EventContext, Outbox, PermanentEventError, WithheldEvents, type EventBatchContext } from '#messaging';
import { insertMany } from '#persistence';
import { Clock, withCorrelationId } from '#platform';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { CommitmentEntity } from './commitment.entity.js';
import { CommitmentBillingLineEntity } from '../billing-status/commitment-billing-line.entity.js';
import { planCancellation } from './domain/commitment-status.js';
import { isOrderFingerprint, OrderRejected, orderFingerprint, planServiceProject } from './domain/project-plan.js';
import type { ServiceTemplate } from '../catalogue/domain/service-template.js';
import type { SalesOrder } from './domain/sales-order.js';
import { OrderLineEntity, orderLineColumns } from './order-line.entity.js';
import { ServiceProjectEntity } from './service-project.entity.js';
import { TaskEntity } from './task.entity.js';
import { orderKey } from './order-key.js';
import { CommitmentWork } from './commitment-work.js';
import { OrderChangesService } from './order-changes.service.js';
import { projectFactsOf, taskIdsByCommitment } from './project-facts.js';
import { ReviewItemEntity } from './review-item.entity.js';
import { CustomerSitesService } from '../customers/customer-sites.service.js';
import { toProjectView, type ProjectView } from './dto/project.view.js';
import type { ProjectQuery } from './dto/project.query.js';

export interface OrderCancellation {
  orderId: string;
  cancelledAt: string;
  reason?: string;
  lineIds?: string[];
}


@Injectable()
export class ProjectsService {
  constructor(
    @InjectRepository(ServiceProjectEntity) private readonly projects: Repository<ServiceProjectEntity>,
    private readonly catalogue: CatalogueService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly work: CommitmentWork,
    private readonly changes: OrderChangesService,
    private readonly sites: CustomerSitesService,
  ) {}

  /** `erp.sales-order.created.v1`: one service project per order, one commitment per service unit. */
  createFromOrder(event: CloudEvent<SalesOrder>, context: EventContext): Promise<void> {
    return this.createFromOrders([event], context.asBatch());
  }

  /**
   * Many orders at once, with the effect of taking them one by one: a few
   * statements for all of them instead of a few dozen per order.
   */
  async createFromOrders(events: CloudEvent<SalesOrder>[], batch: EventBatchContext): Promise<void> {
    const { tx } = batch;
    const keys = events.map((event) => orderKey(event.source, event.data.orderId));
    if (new Set(keys).size < keys.length) throw new Error('One order twice in a batch: its events must be applied one at a time');
    await batch.lockAll(keys);
    const existing = await tx.find(ServiceProjectEntity, { where: { orderId: In(events.map((e) => e.data.orderId)) } });
    const existingByKey = new Map(existing.map((p) => [orderKey(p.orderSource, p.orderId), p]));
    const catalogue = await this.catalogue.activeBySku(tx);
    // Where each new order's work happens: the site it names, else its customer's default site.
    const fresh = events.filter((event, i) => !existingByKey.has(keys[i]));
    const decided = await this.sites.sitesForOrders(tx, fresh.map((e) => ({ customerId: e.data.customer.id, site: e.data.site })));
    const siteOf = new Map(fresh.map((event, i) => [event, decided[i]]));

    const newOrders: { event: CloudEvent<SalesOrder>; key: string; context: EventContext; plan: ReturnType<ProjectsService['plan']>; project: ServiceProjectEntity }[] = [];
    for (const [i, event] of events.entries()) {
      const order = event.data;
      const found = existingByKey.get(keys[i]);
      if (found) {
        if (isOrderFingerprint(found.orderFingerprint, order)) {
          batch.contexts[i].ignore();
          continue;
        }
        throw new PermanentEventError(
          'ORDER_EXISTS',
          `Order ${order.orderId} from ${event.source} already exists with different data; send changes as erp.sales-order.changed.v1`,
        );
      }
      const project = tx.create(ServiceProjectEntity, {
        orderId: order.orderId,
        orderSource: event.source,
        orderDate: order.orderDate,
        currency: order.currency,
        customerId: order.customer.id,
        customerName: order.customer.name,
        customerEmail: order.customer.email ?? null,
        customerPoNumber: order.customerPoNumber ?? null,
        site: { ...siteOf.get(event)!.site },
        status: 'active',
        cancelledAt: null,
        cancellationReason: null,
        orderRevision: 0,
        orderFingerprint: orderFingerprint(order),
      });
      newOrders.push({ event, key: keys[i], context: batch.contexts[i], plan: this.plan(order, catalogue), project });
    }
    if (newOrders.length === 0) return;

    await insertMany(
      tx,
      ServiceProjectEntity,
      newOrders.map((o) => o.project),
    );
    const withoutSite = newOrders.filter(({ event }) => siteOf.get(event)!.kind === 'missing');
    if (withoutSite.length > 0) {
      await insertMany(
        tx,
        ReviewItemEntity,
        withoutSite.map(({ project }) =>
          tx.create(ReviewItemEntity, {
            projectId: project.id,
            commitmentId: null,
            kind: 'site_missing',
            reason: `Order ${project.orderId} names no site and customer ${project.customerId} has no default site: enter one with PUT /customers/${project.customerId}/sites/{siteId}`,
            resolvedAt: null,
            resolvedBy: null,
            resolution: null,
          }),
        ),
      );
    }
    await insertMany(
      tx,
      OrderLineEntity,
      newOrders.flatMap(({ plan, project }) =>
        plan.lines.map((planned) => tx.create(OrderLineEntity, { projectId: project.id, lineId: planned.line.lineId, ...orderLineColumns(planned) })),
      ),
    );
    // What the new work sets off (tasks ready at once, a machine already known, a dispatch or a cancellation
    // that came first) is written after the projects' announcements: a consumer reads a project before its tasks.
    const setOff = new WithheldEvents();
    const { commitments, tasks, attached, released } = await this.outbox.withhold(tx, setOff, async () => {
      const created = await this.work.createForProjects(
        tx,
        newOrders.map(({ event, plan, project }) => ({
          project,
          planned: plan.commitments,
          unitPrices: new Map(event.data.lines.map((l) => [l.lineId, l.unitPrice])),
        })),
      );
      const machines = await this.work.attachKnownMachinesOf(
        tx,
        newOrders.map(({ project, context }, i) => ({
          project,
          commitments: created.commitments[i],
          inContext: <T>(work: () => Promise<T>) => withCorrelationId(context.correlationId, work),
        })),
      );
      // What arrived before the order (a cancellation, say) applies now, in this transaction.
      return { ...created, attached: machines, released: await batch.releaseParked(newOrders.map((o) => o.key)) };
    });

    // A machine already known or a cancellation that came first changed statuses just now: they are read back
    // then. The rest is as written.
    const statuses = released + attached > 0 ? await this.statusesOf(tx, newOrders.map((o) => o.project.id)) : new Map<string, string>();
    // The tasks were made just now, one per template task: their ids go out beside their keys without reading them back.
    const taskIds = taskIdsByCommitment(tasks);
    await this.outbox.addAll(
      tx,
      newOrders.map(({ event, project, context }, i) => {
        const order = event.data;
        return {
          topic: Topics.serviceProjects,
          key: project.id,
          type: 'psa.service-project.created.v1',
          subject: order.orderId,
          correlationId: context.correlationId,
          data: projectFactsOf(project, event.source, commitments[i], order.lines, taskIds, (id) => statuses.get(id)),
        };
      }),
    );
    await this.outbox.writeWithheld(tx, setOff);
    // A change held for an order not known yet was applied just now, among what was set off: the project as it
    // now stands goes out again after it.
    if (released > 0) {
      const changed = await tx.find(ServiceProjectEntity, { select: { id: true }, where: { id: In(newOrders.map((o) => o.project.id)), orderRevision: MoreThan(0) } });
      for (const { id } of changed) await this.changes.announce(tx, id, newOrders.find((o) => o.project.id === id)!.event.source, this.clock.now());
    }
  }

  /** The status of each project and of its commitments, by id. */
  private async statusesOf(tx: EntityManager, projectIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; status: string }[] = await tx.query(
      `SELECT id, status FROM service_project WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id, status FROM commitment WHERE project_id = ANY($1::uuid[])`,
      [projectIds],
    );
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  private plan(order: SalesOrder, catalogue: Map<string, ServiceTemplate>) {
    try {
      return planServiceProject(order, catalogue);
    } catch (error) {
      if (error instanceof OrderRejected) throw new PermanentEventError('SCHEMA_VIOLATION', error.reason);
      throw error;
    }
  }

  /** `erp.sales-order.cancelled.v1`: cancels unstarted commitments; started work goes to review. */
  async cancelOrder(event: CloudEvent<OrderCancellation>, context: EventContext): Promise<void> {
    const cancellation = event.data;
    const key = orderKey(event.source, cancellation.orderId);
    await context.lock(key);
    const { tx } = context;
    const project = await tx.findOne(ServiceProjectEntity, {
      where: { orderSource: event.source, orderId: cancellation.orderId },
      relations: { commitments: true, lines: true },
    });
    if (!project) return context.park(key);

    const reason = cancellation.reason ?? 'Cancelled by the ERP';
    const cancelledAt = new Date(cancellation.cancelledAt);
    const plan = planCancellation(
      project.commitments,
      project.lines.map((l: OrderLineEntity) => l.lineId),
      cancellation.lineIds,
      reason,
    );
    await this.work.cancel(tx, project, plan.cancel, reason, cancelledAt);
    for (const { id, reason: reviewReason } of plan.review) {
      await this.work.flagForReview(tx, project.id, id, 'cancelled_after_start', reviewReason);
    }
    for (const lineId of plan.unknownLines) {
      await this.work.flagForReview(tx, project.id, null, 'cancellation_unknown_line', `Cancellation names line ${lineId}, which order ${project.orderId} does not have`);
    }
    if (!cancellation.lineIds) {
      await tx.update(ServiceProjectEntity, { id: project.id }, { status: 'cancelled', cancelledAt, cancellationReason: reason });
      await this.outbox.add(tx, {
        topic: Topics.serviceProjects,
        key: project.id,
        type: 'psa.service-project.cancelled.v1',
        subject: project.orderId,
        data: { projectId: project.id, orderId: project.orderId, reason, cancelledAt: cancelledAt.toISOString() },
      });
    }
  }

  async list(query: ProjectQuery, customerScope: string | null = null): Promise<{ items: ProjectView[]; total: number }> {
    // The page is taken from the projects alone (newest first, by the index on created_at), then their
    // commitments and lines are read for that page only: paging a join made PostgreSQL join and sort every project.
    const qb = this.projects.createQueryBuilder('p').orderBy('p.createdAt', 'DESC').addOrderBy('p.id', 'DESC');
    if (query.orderId) qb.andWhere('p.orderId = :orderId', { orderId: query.orderId });
    if (query.customerId) qb.andWhere('p.customerId = :customerId', { customerId: query.customerId });
    if (customerScope) qb.andWhere('p.customerId = :scope', { scope: customerScope });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    const [rows, total] = await qb
      .offset(query.offset ?? 0)
      .limit(query.limit ?? 50)
      .getManyAndCount();
    const ids = rows.map((p) => p.id);
    if (ids.length > 0) {
      const [commitments, lines] = await Promise.all([
        this.projects.manager.find(CommitmentEntity, { where: { projectId: In(ids) } }),
        this.projects.manager.find(OrderLineEntity, { where: { projectId: In(ids) } }),
      ]);
      const commitmentsOf = byProject(commitments);
      const linesOf = byProject(lines);
      for (const project of rows) {
        project.commitments = commitmentsOf(project.id);
        project.lines = linesOf(project.id);
      }
    }
    return { items: rows.map((p) => toProjectView(p, [])), total };
  }

  /** A customer asking for another customer's project learns nothing: it does not exist for them. */
  async get(id: string, customerScope: string | null = null): Promise<ProjectView> {
    const view = await this.loadView(this.projects.manager, id);
    if (customerScope && view.customer.id !== customerScope) throw new NotFoundException({ message: `No service project ${id}` });
    return view;
  }

  private async loadView(manager: EntityManager, id: string): Promise<ProjectView> {
    const view = (await this.loadViews(manager, [id])).get(id);
    if (!view) throw new NotFoundException({ message: `No service project ${id}` });
    return view;
  }

  /** Views of many projects, each part in one query (no joined rows multiplying the commitments' templates). */
  private async loadViews(manager: EntityManager, ids: string[]): Promise<Map<string, ProjectView>> {
    const projects = await manager.find(ServiceProjectEntity, { where: { id: In(ids) } });
    const commitmentsOf = byProject(await manager.find(CommitmentEntity, { where: { projectId: In(ids) } }));
    const linesOf = byProject(await manager.find(OrderLineEntity, { where: { projectId: In(ids) } }));
    // Only what the view shows: tasks of commitments (not a machine's breakdown tasks) and billable lines.
    const tasksOf = byProject(await manager.find(TaskEntity, { where: { projectId: In(ids), commitmentId: Not(IsNull()) }, order: { createdAt: 'ASC', sequence: 'ASC' } }));
    const billingOf = byProject(await manager.find(CommitmentBillingLineEntity, { where: { projectId: In(ids), billable: true } }));
    return new Map(
      projects.map((project) => {
        project.commitments = commitmentsOf(project.id);
        project.lines = linesOf(project.id);
        return [project.id, toProjectView(project, tasksOf(project.id), billingOf(project.id))];
      }),
    );
  }
}

/** Rows of many projects, grouped: the rows of one project by its id (none: an empty list). */
function byProject<T extends { projectId: string | null }>(rows: T[]): (id: string) => T[] {
  const grouped = new Map<string | null, T[]>();
  for (const row of rows) {
    const group = grouped.get(row.projectId);
    if (group) group.push(row);
    else grouped.set(row.projectId, [row]);
  }
  return (id: string) => grouped.get(id) ?? [];
}
