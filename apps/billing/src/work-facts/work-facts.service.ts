import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CoverageChangedV1, ServiceProjectChangedV1, ServiceProjectCreatedV1, ServiceProjectFacts, TaskSnapshot } from '#contracts';
import { EventBatchContext, EventContext } from '#messaging';
import { upsertMany } from '#persistence';
import type { CommitmentTerms } from '../ledger/domain/billing-policies.js';
import { BillingCommitmentEntity, BillingProjectEntity, BillingTaskEntity, MachineCoverageEntity } from './work-facts.entities.js';

/**
 * Parking key of work that arrived before billing could price it: before its task, or before the
 * commitment its task was sold under (earlier versions of service-commitments announced a project's
 * first tasks before the project, and such events may still be on the topic).
 */
export const taskParkingKey = (taskId: string) => `billing-task:${taskId}`;

/** Keeps billing's copies of projects, commitments, tasks and coverage up to date. */
@Injectable()
export class WorkFactsService {
  projectCreated(data: ServiceProjectCreatedV1, context: EventContext): Promise<void> {
    return this.projectsCreated([data], context.asBatch());
  }

  /** Projects and their commitments as sold, in three statements however many projects (and what waited for their terms). */
  projectsCreated(projects: ServiceProjectCreatedV1[], batch: EventBatchContext): Promise<void> {
    return this.projectsAsTheyStand(batch, projects.map((data) => ({ data, at: new Date(data.createdAt) })));
  }

  /**
   * The order changed: the project and every commitment as they now stand. An added
   * unit gets its terms, a new price or PO applies to what is billed from now on;
   * lines already recorded keep what they were recorded with.
   */
  projectChanged(data: ServiceProjectChangedV1, context: EventContext): Promise<void> {
    return this.projectsAsTheyStand(context.asBatch(), [{ data, at: new Date(data.changedAt) }]);
  }

  private async projectsAsTheyStand(batch: EventBatchContext, projects: { data: ServiceProjectFacts; at: Date }[]): Promise<void> {
    const tx = batch.tx;
    const sold = projects.map(({ data, at }) => ({
      projectId: data.projectId,
      orderId: data.orderId,
      customerId: data.customer.id,
      customerName: data.customer.name,
      currency: data.currency ?? null,
      customerPoNumber: data.customerPoNumber ?? null,
      cancelledAt: data.status === 'cancelled' ? at : null,
    }));
    await upsertMany(tx, BillingProjectEntity, sold, ['projectId']);
    const commitments = projects.flatMap(({ data, at }) =>
      data.commitments.map((c) => ({
        commitmentId: c.commitmentId,
        projectId: data.projectId,
        orderLineId: c.orderLineId,
        sku: c.sku,
        kind: c.kind,
        unitIndex: c.unitIndex,
        terms: termsOf(c, data.currency ?? null),
        serialNumber: c.serialNumber ?? null,
        cancelledAt: c.status === 'cancelled' ? at : null,
      })),
    );
    // Tasks billing heard of before their commitment: work approved on them waits for its terms, which come now.
    const waiting: { task_id: string }[] = await tx.query(
      `SELECT t.task_id FROM billing_task t
        WHERE t.commitment_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM billing_commitment c WHERE c.commitment_id = t.commitment_id)`,
      [commitments.map((c) => c.commitmentId)],
    );
    await upsertMany(tx, BillingCommitmentEntity, commitments, ['commitmentId']);
    if (waiting.length > 0) await batch.releaseParked(waiting.map((t) => taskParkingKey(t.task_id)));
  }

  /** Any task event: the task as it now stands. Work parked for it is applied now. */
  async taskSeen(task: TaskSnapshot, context: EventContext): Promise<BillingTaskEntity> {
    await upsertMany(
      context.tx,
      BillingTaskEntity,
      [{
        taskId: task.taskId,
        commitmentId: task.commitmentId ?? null,
        serviceRequestId: task.serviceRequestId ?? null,
        projectId: task.projectId ?? null,
        orderId: task.orderId ?? null,
        customerId: task.customerId,
        kind: task.kind,
        name: task.name,
        sku: task.sku ?? null,
        templateTaskKey: task.templateTaskKey ?? null,
        serialNumber: task.serialNumber ?? null,
        timezone: task.site?.timezone ?? null,
        orderCurrency: task.orderCurrency ?? null,
        status: task.status,
      }],
      ['taskId'],
    );
    if (task.commitmentId && task.serialNumber) {
      await context.tx.update(BillingCommitmentEntity, { commitmentId: task.commitmentId }, { serialNumber: task.serialNumber });
    }
    // Work released here on a task whose commitment billing does not know yet parks again (BillableWork.subjectOf):
    // its project's event releases it.
    await context.releaseParked(taskParkingKey(task.taskId));
    return (await context.tx.findOneByOrFail(BillingTaskEntity, { taskId: task.taskId }));
  }

  async coverageChanged(tx: EntityManager, data: CoverageChangedV1): Promise<MachineCoverageEntity> {
    const c = data.coverage;
    const id = c.kind === 'warranty' ? `${data.serialNumber}:warranty` : `${data.serialNumber}:amc:${c.contractId ?? c.commitmentId ?? 'unknown'}`;
    await tx.upsert(
      MachineCoverageEntity,
      {
        id,
        serialNumber: data.serialNumber,
        customerId: data.customerId,
        projectId: data.projectId ?? null,
        kind: c.kind,
        contractId: c.contractId ?? null,
        commitmentId: c.commitmentId ?? null,
        startsOn: c.startsOn ?? null,
        endsOn: c.endsOn ?? null,
        scope: c.scope ?? null,
        visitQuota: c.visitQuota ?? null,
        status: c.status,
        reason: data.reason,
        changedAt: new Date(data.changedAt),
      },
      ['id'],
    );
    return tx.findOneByOrFail(MachineCoverageEntity, { id });
  }

  async commitmentCancelled(tx: EntityManager, commitmentId: string, at: Date): Promise<void> {
    await tx.update(BillingCommitmentEntity, { commitmentId }, { cancelledAt: at });
  }
}

/** The terms a commitment was sold with; null when the event predates published prices. */
export function termsOf(c: ServiceProjectFacts['commitments'][number], currency: string | null): CommitmentTerms | null {
  if (!c.billing || !c.unitPrice || !currency) return null;
  const base = { commitmentId: c.commitmentId, sku: c.sku, description: c.description ?? c.sku, unitPrice: c.unitPrice, currency };
  switch (c.billing.kind) {
    case 'fixed_fee':
      return { ...base, policy: { kind: 'fixed_fee', milestones: (c.billing.milestones ?? []).map((m) => ({ taskKey: m.taskKey, percent: m.percent })) } };
    case 'time_and_materials':
      return { ...base, policy: { kind: 'time_and_materials', notToExceed: c.billing.notToExceed ?? null } };
    case 'contract_fee':
      return { ...base, policy: { kind: 'contract_fee', schedule: c.billing.schedule ?? 'advance' } };
    default:
      return { ...base, policy: { kind: 'non_billable' } };
  }
}
