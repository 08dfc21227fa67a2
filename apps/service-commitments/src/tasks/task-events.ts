import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics } from '#contracts';
import { Outbox, type OutgoingEvent } from '#messaging';
import { Clock } from '#platform';
import type { SiteSnapshot } from '../projects/service-project.entity.js';
import { TaskEntity } from '../projects/task.entity.js';

export interface TaskSnapshot {
  taskId: string;
  commitmentId: string | null;
  serviceRequestId: string | null;
  projectId: string | null;
  orderId: string | null;
  customerId: string;
  customerName: string;
  site: SiteSnapshot;
  serialNumber: string | null;
  sku: string | null;
  kind: string;
  name: string;
  status: string;
  requiredSkills: string[];
  estimatedHours: string;
  engineers: number;
  earliestStart: string | null;
  dueDate: string | null;
  dueAt: string | null;
  priority: string | null;
  dependsOnTaskIds: string[];
  checklist: { item: string; kind: string; required: boolean }[];
  holdReason: string | null;
  templateTaskKey: string | null;
  orderCurrency: string | null;
  /** Who in the service team owns the task; null when nobody does yet. */
  owner: string | null;
}

export interface TaskContext {
  customerName: string;
  site: SiteSnapshot;
  orderId: string | null;
  sku: string | null;
  dueAt?: string | null;
  priority?: string | null;
  dependsOnTaskIds?: string[];
  orderCurrency?: string | null;
}

function hours(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** Task events for scheduling and analytics; each carries the task as it now stands. */
@Injectable()
export class TaskEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async contextOf(tx: EntityManager, task: TaskEntity): Promise<TaskContext> {
    // Breakdowns carry their request's priority and SLA target, project or not.
    // The project and the commitment's SKU in one statement: this runs for every task event.
    const [project]: { customer_name: string; site: SiteSnapshot; order_id: string; currency: string; sku: string | null }[] =
      task.projectId && !task.serviceRequestId
        ? await tx.query(
            `SELECT p.customer_name, p.site, p.order_id, p.currency, c.sku
               FROM service_project p LEFT JOIN commitment c ON c.id = $2
              WHERE p.id = $1`,
            [task.projectId, task.commitmentId],
          )
        : [];
    if (project) {
      return { customerName: project.customer_name, site: project.site, orderId: project.order_id, sku: project.sku ?? null, orderCurrency: project.currency };
    }
    const [request] = await tx.query(
      `SELECT customer_name, site, priority, resolution_due_at, sku FROM service_request WHERE id = $1`,
      [task.serviceRequestId],
    );
    return {
      customerName: request?.customer_name ?? task.customerId,
      site: request?.site ?? { id: null, name: null, address: null, city: null, region: null, country: null, timezone: null },
      orderId: task.projectId ? ((await tx.query('SELECT order_id FROM service_project WHERE id = $1', [task.projectId]))[0]?.order_id ?? null) : null,
      sku: request?.sku ?? null,
      priority: request?.priority ?? null,
      dueAt: request?.resolution_due_at ? new Date(request.resolution_due_at).toISOString() : null,
    };
  }

  snapshot(task: TaskEntity, context: TaskContext): TaskSnapshot {
    return {
      taskId: task.id,
      commitmentId: task.commitmentId,
      serviceRequestId: task.serviceRequestId,
      projectId: task.projectId,
      orderId: context.orderId,
      customerId: task.customerId,
      customerName: context.customerName,
      site: context.site,
      serialNumber: task.serialNumber,
      sku: context.sku,
      kind: task.kind,
      name: task.name,
      status: task.status,
      requiredSkills: task.requiredSkills,
      estimatedHours: hours(task.estimatedHours),
      engineers: task.engineers,
      earliestStart: task.earliestStart,
      dueDate: task.dueDate,
      dueAt: context.dueAt ?? null,
      priority: context.priority ?? null,
      dependsOnTaskIds: context.dependsOnTaskIds ?? [],
      checklist: task.checklist,
      holdReason: task.holdReason,
      templateTaskKey: task.templateTaskKey,
      orderCurrency: context.orderCurrency ?? null,
      owner: task.owner,
    };
  }

  /** `into`: a use case's events, which it writes together at its end; without it the event is written now. */
  async emit(
    tx: EntityManager,
    type: 'ready' | 'changed' | 'on-hold' | 'released' | 'cancelled' | 'done',
    task: TaskEntity,
    extra: Record<string, unknown> = {},
    into?: OutgoingEvent[],
  ): Promise<void> {
    const context = await this.contextOf(tx, task);
    const at = this.clock.now().toISOString();
    const timeField = { ready: 'readyAt', changed: 'changedAt', 'on-hold': 'heldAt', released: 'releasedAt', cancelled: 'cancelledAt', done: 'completedAt' }[type];
    const event: OutgoingEvent = {
      topic: Topics.serviceProjects,
      key: task.projectId ?? task.serialNumber ?? task.id,
      type: `psa.task.${type}.v1`,
      subject: context.orderId ?? task.serviceRequestId ?? undefined,
      data: { task: this.snapshot(task, context), [timeField]: at, ...extra },
    };
    if (into) into.push(event);
    else await this.outbox.add(tx, event);
  }
}
