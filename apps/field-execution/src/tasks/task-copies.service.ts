import { Injectable } from '@nestjs/common';
import { isCurrencyCode, type CoverageChangedV1, type TaskSnapshot } from '#contracts';
import type { EventContext } from '#messaging';
import { parkingKey, UNKNOWN_TASK_LOCK } from '../core/parking-keys.js';
import { MachineCoverageEntity } from './machine-coverage.entity.js';
import { TaskCopyEntity } from './task-copy.entity.js';

/**
 * The order's currency, when the task carries it. Today's TaskSnapshot has no
 * such field; a producer may add `orderCurrency` (the contract keeps unknown
 * fields), and expenses use it as soon as it arrives.
 */
function orderCurrencyOf(task: TaskSnapshot): string | null {
  const extra = task as TaskSnapshot & { orderCurrency?: unknown; currency?: unknown };
  const value = extra.orderCurrency ?? extra.currency;
  return isCurrencyCode(value) ? value : null;
}

/** Keeps field-execution's copy of service-commitments' tasks and machine coverage. */
@Injectable()
export class TaskCopies {
  /** Every psa.task.* event carries the whole task: the newest one wins. */
  async remember(task: TaskSnapshot, asOf: Date, context: EventContext): Promise<void> {
    const tx = context.tx;
    const existing = await tx.findOne(TaskCopyEntity, { where: { taskId: task.taskId }, lock: { mode: 'pessimistic_write' } });
    // A task's events share one partition, so this only guards against replays of old ones.
    if (existing && existing.asOf > asOf) return context.ignore();
    const copy = tx.create(TaskCopyEntity, {
      ...(existing ?? {}),
      taskId: task.taskId,
      projectId: task.projectId ?? null,
      serviceRequestId: task.serviceRequestId ?? null,
      orderId: task.orderId ?? null,
      orderCurrency: orderCurrencyOf(task) ?? existing?.orderCurrency ?? null,
      customerId: task.customerId,
      customerName: task.customerName,
      site: task.site ? { ...task.site } : null,
      serialNumber: task.serialNumber ?? null,
      sku: task.sku ?? null,
      kind: task.kind,
      name: task.name,
      status: task.status,
      checklist: task.checklist.map(({ item, kind, required }) => ({ item, kind, required })),
      asOf,
    });
    await tx.save(copy);
    if (!existing) await this.releaseWaitingParts(context, task);
  }

  /** Parts the ERP issued for this task or its project before we knew of either, in the order they came. */
  private async releaseWaitingParts(context: EventContext, task: TaskSnapshot): Promise<void> {
    // Before the keys, as a project's writer takes it: a project's event may come next in this transaction (see UNKNOWN_TASK_LOCK).
    await context.lockShared(UNKNOWN_TASK_LOCK);
    await context.releaseParked(parkingKey('task', task.taskId), ...(task.projectId ? [parkingKey('project', task.projectId)] : []));
  }

  async rememberCoverage(data: CoverageChangedV1, context: EventContext): Promise<void> {
    const tx = context.tx;
    const coverageKey = data.coverage.contractId ?? data.coverage.kind;
    const existing = await tx.findOne(MachineCoverageEntity, { where: { serialNumber: data.serialNumber, coverageKey }, lock: { mode: 'pessimistic_write' } });
    const changedAt = new Date(data.changedAt);
    if (existing && existing.changedAt > changedAt) return context.ignore();
    await tx.save(
      tx.create(MachineCoverageEntity, {
        ...(existing ?? {}),
        serialNumber: data.serialNumber,
        coverageKey,
        kind: data.coverage.kind,
        contractId: data.coverage.contractId ?? null,
        startsOn: data.coverage.startsOn ?? null,
        endsOn: data.coverage.endsOn ?? null,
        scope: data.coverage.scope ?? null,
        status: data.coverage.status,
        reason: data.reason,
        changedAt,
      }),
    );
  }
}
