import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Clock } from '#platform';
import type { ServiceKind } from '../catalogue/domain/service-template.js';
import { CommitmentEntity } from '../projects/commitment.entity.js';
import { TaskEntity } from '../projects/task.entity.js';
import { addDays, dateOf, maxDate } from '../equipment/domain/calendar-dates.js';
import type { InstalledEquipmentEntity } from '../equipment/installed-equipment.entity.js';
import { TaskLifecycle } from './task-lifecycle.js';

/**
 * When promised work may start: on dispatch (after delivery), after the work it
 * depends on for the same machine (training after installation), or when the
 * customer calls it off.
 */
@Injectable()
export class TaskReadiness {
  constructor(
    private readonly lifecycle: TaskLifecycle,
    private readonly clock: Clock,
  ) {}

  /** The commitment's machine is dispatched: what starts on dispatch and depends on nothing is ready after delivery. */
  async onMachineArrived(tx: EntityManager, commitment: CommitmentEntity, machine: InstalledEquipmentEntity): Promise<void> {
    if (commitment.templateSnapshot.startsOn !== 'dispatch') return;
    await this.readyWhatCan(tx, commitment, machine.expectedDeliveryDate);
  }

  /** Work of one kind is done on a machine: what waited for it may start. */
  async onPrerequisiteDone(tx: EntityManager, projectId: string, serialNumber: string, doneOn: string): Promise<void> {
    const dependents = await tx.find(CommitmentEntity, { where: { projectId, serialNumber, status: In(['promised']) } });
    for (const commitment of dependents) {
      if (commitment.templateSnapshot.startsOn === 'call_off' || commitment.kind === 'amc') continue;
      await this.readyWhatCan(tx, commitment, doneOn);
    }
  }

  /** A support visit the customer asked for. */
  async callOff(tx: EntityManager, commitment: CommitmentEntity, requestedDate: string | null): Promise<TaskEntity[]> {
    const tasks = await tx.find(TaskEntity, { where: { commitmentId: commitment.id, status: 'promised' } });
    const start = maxDate(requestedDate ?? dateOf(this.clock.now()), dateOf(this.clock.now()));
    for (const task of tasks) {
      await this.lifecycle.makeReady(tx, task, { earliestStart: start, dueDate: addDays(start, commitment.templateSnapshot.dueWithinDays) });
    }
    return tasks;
  }

  private async readyWhatCan(tx: EntityManager, commitment: CommitmentEntity, notBefore: string): Promise<void> {
    const tasks = await tx.find(TaskEntity, { where: { commitmentId: commitment.id, status: 'promised' } });
    if (tasks.length === 0) return;
    const afterOf = (task: TaskEntity) => commitment.templateSnapshot.tasks.find((t) => t.key === task.templateTaskKey)?.after ?? [];
    // One look at the sibling work for all the tasks: making a task ready finishes nothing.
    const unfinished = await this.unfinishedPrerequisites(tx, commitment, [...new Set(tasks.flatMap(afterOf))]);
    for (const task of tasks) {
      if (afterOf(task).some((kind) => unfinished.includes(kind))) continue;
      const earliestStart = maxDate(notBefore, dateOf(this.clock.now()));
      await this.lifecycle.makeReady(tx, task, { earliestStart, dueDate: addDays(earliestStart, commitment.templateSnapshot.dueWithinDays) });
    }
  }

  /** Kinds this commitment waits for on its machine; work that was not sold is not waited for. */
  async unfinishedPrerequisites(tx: EntityManager, commitment: CommitmentEntity, after: ServiceKind[]): Promise<ServiceKind[]> {
    if (after.length === 0) return [];
    const siblings = await tx.find(CommitmentEntity, {
      select: { id: true, kind: true, status: true },
      where: commitment.serialNumber
        ? { projectId: commitment.projectId, serialNumber: commitment.serialNumber, kind: In(after) }
        : { projectId: commitment.projectId, forLineId: commitment.forLineId ?? undefined, unitIndex: commitment.unitIndex, kind: In(after) },
    });
    return siblings.filter((s) => s.status !== 'done' && s.status !== 'cancelled').map((s) => s.kind);
  }
}
