import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { OutgoingEvent } from '#messaging';
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

  /**
   * Machines are dispatched: each commitment's work that starts on dispatch and depends on nothing is ready after its machine's delivery.
   * `into`: where the caller gathers its events to write them together (see TaskEvents.emit).
   */
  async onMachinesArrived(tx: EntityManager, arrivals: { commitment: CommitmentEntity; machine: InstalledEquipmentEntity }[], into?: OutgoingEvent[]): Promise<void> {
    const starting = arrivals.filter(({ commitment }) => commitment.templateSnapshot.startsOn === 'dispatch');
    await this.readyWhatCan(tx, starting.map(({ commitment, machine }) => ({ commitment, notBefore: machine.expectedDeliveryDate })), into);
  }

  /** Work of one kind is done on a machine: what waited for it may start. */
  async onPrerequisiteDone(tx: EntityManager, projectId: string, serialNumber: string, doneOn: string): Promise<void> {
    const dependents = await tx.find(CommitmentEntity, { where: { projectId, serialNumber, status: In(['promised']) } });
    const waiting = dependents.filter((commitment) => commitment.templateSnapshot.startsOn !== 'call_off' && commitment.kind !== 'amc');
    await this.readyWhatCan(tx, waiting.map((commitment) => ({ commitment, notBefore: doneOn })));
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

  /**
   * Makes the promised tasks of these commitments ready, but not before the given
   * day, unless they wait for unfinished work on their machine. Their tasks and
   * the sibling work they wait for are read once for all: making a task ready
   * finishes nothing, so what one commitment makes ready changes no other's answer.
   */
  private async readyWhatCan(tx: EntityManager, items: { commitment: CommitmentEntity; notBefore: string }[], into?: OutgoingEvent[]): Promise<void> {
    if (items.length === 0) return;
    const tasks = await tx.find(TaskEntity, { where: { commitmentId: In(items.map(({ commitment }) => commitment.id)), status: 'promised' } });
    if (tasks.length === 0) return;
    const afterOf = (commitment: CommitmentEntity, task: TaskEntity) => commitment.templateSnapshot.tasks.find((t) => t.key === task.templateTaskKey)?.after ?? [];
    const waitsFor = new Map(
      items.map(({ commitment }) => [commitment.id, [...new Set(tasks.filter((t) => t.commitmentId === commitment.id).flatMap((t) => afterOf(commitment, t)))]]),
    );
    const unfinished = await this.unfinishedPrerequisitesOf(tx, items.map(({ commitment }) => ({ commitment, after: waitsFor.get(commitment.id)! })));
    const today = dateOf(this.clock.now());
    for (const { commitment, notBefore } of items) {
      for (const task of tasks.filter((t) => t.commitmentId === commitment.id)) {
        if (afterOf(commitment, task).some((kind) => unfinished.get(commitment.id)!.includes(kind))) continue;
        const earliestStart = maxDate(notBefore, today);
        await this.lifecycle.makeReady(tx, task, { earliestStart, dueDate: addDays(earliestStart, commitment.templateSnapshot.dueWithinDays) }, into);
      }
    }
  }

  /**
   * Per commitment, the kinds it waits for that are not finished on its machine.
   * Commitments bound to machines of one project are answered in one statement.
   */
  private async unfinishedPrerequisitesOf(tx: EntityManager, items: { commitment: CommitmentEntity; after: ServiceKind[] }[]): Promise<Map<string, ServiceKind[]>> {
    const answers = new Map<string, ServiceKind[]>(items.map(({ commitment }) => [commitment.id, []]));
    const asking = items.filter(({ after }) => after.length > 0);
    const onMachines = asking.filter(({ commitment }) => commitment.serialNumber && commitment.projectId === asking[0].commitment.projectId);
    if (onMachines.length > 0) {
      const siblings = await tx.find(CommitmentEntity, {
        select: { id: true, kind: true, status: true, serialNumber: true },
        where: {
          projectId: onMachines[0].commitment.projectId,
          serialNumber: In([...new Set(onMachines.map(({ commitment }) => commitment.serialNumber!))]),
          kind: In([...new Set(onMachines.flatMap(({ after }) => after))]),
        },
      });
      for (const { commitment, after } of onMachines) {
        answers.set(
          commitment.id,
          siblings.filter((s) => s.serialNumber === commitment.serialNumber && after.includes(s.kind) && s.status !== 'done' && s.status !== 'cancelled').map((s) => s.kind),
        );
      }
    }
    for (const { commitment, after } of asking.filter((item) => !onMachines.includes(item))) {
      answers.set(commitment.id, await this.unfinishedPrerequisites(tx, commitment, after));
    }
    return answers;
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
