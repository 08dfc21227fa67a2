import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CloudEvent, PartsIssuedV1 } from '#contracts';
import { PermanentEventError, type EventContext } from '#messaging';
import { AuditTrail, eventActor } from '../audit/audit-trail.js';
import { FieldWorkEvents } from '../core/field-work-events.js';
import { parkingKey, UNKNOWN_TASK_LOCK } from '../core/parking-keys.js';
import { ProjectCopyEntity } from '../tasks/project-copy.entity.js';
import { TaskCopyEntity } from '../tasks/task-copy.entity.js';
import { isUuid } from '../visits/domain/visit-identity.js';
import { VisitEntity } from '../visits/visit.entity.js';
import { consumptionsOf } from './domain/parts-issue.js';
import { PartsConsumptionEntity } from './parts-consumption.entity.js';

/** What the parts were used for, as far as field-execution knows it. */
interface WorkReference {
  visitId: string | null;
  taskId: string | null;
  projectId: string | null;
  customerId: string | null;
  orderId: string | null;
}

/**
 * Parts the ERP issued for service work become consumptions of the visit, task
 * or project they name, once per issueId and ERP source, at the ERP's unit cost. A task
 * not ready yet is known from its project's announcement, which lists its tasks. An issue for
 * a visit, task or project not known yet is parked under its reference and
 * applied when it appears; after the parking timeout the messaging library
 * dead-letters it ORDER_NOT_FOUND.
 */
@Injectable()
export class PartsService {
  constructor(
    private readonly audit: AuditTrail,
    private readonly events: FieldWorkEvents,
  ) {}

  async issued(event: CloudEvent<PartsIssuedV1>, context: EventContext): Promise<void> {
    const tx = context.tx;
    const issue = event.data;
    const key = parkingKey(issue.reference.kind, issue.reference.id);
    // Taken before looking: whoever creates the visit or task releases under the same lock. Against a task or project,
    // after the unknown-task lock: a project announced in this very moment is then seen, or sees the issue parked.
    if (issue.reference.kind === 'visit' || context.fromParking) await context.lock(key);
    else await context.lock(UNKNOWN_TASK_LOCK, key);
    // The ERP's issueId at its source is the idempotency key: the same issue under a new event id is counted once;
    // another plant's issue with the same number is another issue.
    if (await tx.existsBy(PartsConsumptionEntity, { eventSource: event.source, issueId: issue.issueId })) return context.ignore();
    const work = await this.workFor(tx, issue);
    if (!work) {
      if (context.fromParking) {
        // Released under this key, so the record exists now; not finding it is a bug, not a wait.
        throw new PermanentEventError('PROCESSING_FAILED', `Released for ${key} but no such ${issue.reference.kind} was found`);
      }
      return context.park(key);
    }
    const actor = eventActor(event.source);
    for (const line of consumptionsOf(issue as PartsIssuedV1 & { movement?: unknown })) {
      const row = await tx.save(
        tx.create(PartsConsumptionEntity, {
          issueId: issue.issueId,
          lineNo: line.lineNo,
          referenceKind: issue.reference.kind,
          referenceId: issue.reference.id,
          ...work,
          orderId: issue.orderId ?? work.orderId,
          sku: line.sku,
          description: line.description,
          quantity: String(line.quantity),
          unitCost: line.unitCost,
          currency: issue.currency,
          movement: line.movement,
          consumedAt: new Date(issue.issuedAt),
          eventSource: event.source,
          eventId: event.id,
        }),
      );
      await this.events.partsConsumed(tx, row);
      await this.audit.record(tx, actor, {
        visitId: row.visitId,
        kind: 'parts_consumption',
        id: row.id,
        action: line.movement === 'return' ? 'parts.returned' : 'parts.consumed',
        after: { issueId: row.issueId, lineNo: row.lineNo, sku: row.sku, quantity: line.quantity, unitCost: row.unitCost, currency: row.currency },
      });
    }
  }

  /** The visit (by its id, or the booking's lead visit), task or project the issue names; null while unknown. */
  private async workFor(tx: EntityManager, issue: PartsIssuedV1): Promise<WorkReference | null> {
    const { kind, id } = issue.reference;
    if (!isUuid(id)) return null;
    if (kind === 'visit') {
      const visit = (await tx.findOneBy(VisitEntity, { id })) ?? (await this.leadVisitOf(tx, id));
      if (!visit) return null;
      const task = await tx.findOneBy(TaskCopyEntity, { taskId: visit.taskId });
      return { visitId: visit.id, taskId: visit.taskId, projectId: visit.projectId, customerId: visit.customerId, orderId: task?.orderId ?? null };
    }
    if (kind === 'task') {
      const task = await tx.findOneBy(TaskCopyEntity, { taskId: id });
      if (task) return { visitId: null, taskId: task.taskId, projectId: task.projectId, customerId: task.customerId, orderId: task.orderId };
      const visit = await tx.findOneBy(VisitEntity, { taskId: id });
      if (visit) return { visitId: null, taskId: visit.taskId, projectId: visit.projectId, customerId: visit.customerId, orderId: null };
      // A task not ready yet (parts sent weeks before the machine): known from its project's announcement.
      const project = await this.projectOfTask(tx, id);
      return project ? { visitId: null, taskId: id.toLowerCase(), projectId: project.projectId, customerId: project.customerId, orderId: project.orderId } : null;
    }
    const project = await tx.findOneBy(ProjectCopyEntity, { projectId: id });
    if (project) return { visitId: null, taskId: null, projectId: id, customerId: project.customerId, orderId: project.orderId };
    // Projects announced before field-execution kept their copies, and not changed since: known from their tasks.
    const task = await tx.findOneBy(TaskCopyEntity, { projectId: id });
    if (task) return { visitId: null, taskId: null, projectId: id, customerId: task.customerId, orderId: task.orderId };
    const visit = await tx.findOneBy(VisitEntity, { projectId: id });
    return visit ? { visitId: null, taskId: null, projectId: id, customerId: visit.customerId, orderId: null } : null;
  }

  /** The project whose announcement lists the task (by the GIN index on task_ids). */
  private async projectOfTask(tx: EntityManager, taskId: string): Promise<Pick<ProjectCopyEntity, 'projectId' | 'customerId' | 'orderId'> | null> {
    const [row]: { project_id: string; customer_id: string; order_id: string }[] = await tx.query(
      `SELECT project_id, customer_id, order_id FROM project_copy WHERE task_ids @> ARRAY[$1::uuid] LIMIT 1`,
      [taskId],
    );
    return row ? { projectId: row.project_id, customerId: row.customer_id, orderId: row.order_id } : null;
  }

  /** A parts issue against a booking goes to the lead engineer's visit (the crew's first). */
  private async leadVisitOf(tx: EntityManager, bookingId: string): Promise<VisitEntity | null> {
    const visits = await tx.find(VisitEntity, { where: { bookingId }, order: { createdAt: 'ASC' } });
    return visits.find((v) => v.engineerId === v.crewEngineerIds[0]) ?? visits[0] ?? null;
  }
}
