import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Topics } from '#contracts';
import { Outbox } from '#messaging';
import { insertMany } from '#persistence';
import { Clock } from '#platform';
import { AmcService } from '../amc/amc.service.js';
import { InstalledEquipmentEntity } from '../equipment/installed-equipment.entity.js';
import { addDays, dateOf } from '../equipment/domain/calendar-dates.js';
import { TaskLifecycle } from '../tasks/task-lifecycle.js';
import { TaskReadiness } from '../tasks/task-readiness.js';
import { CommitmentEntity } from './commitment.entity.js';
import type { PlannedCommitment } from './domain/project-plan.js';
import { ReviewItemEntity } from './review-item.entity.js';
import type { ServiceProjectEntity } from './service-project.entity.js';
import { TaskEntity } from './task.entity.js';

/** One project's planned commitments and the order's unit prices by order line. */
export interface ProjectWork {
  project: ServiceProjectEntity;
  planned: PlannedCommitment[];
  unitPrices: Map<string, string>;
}

/** Each project's commitments in plan order, and all their tasks (one per template task, in template order). */
export interface CreatedWork {
  commitments: CommitmentEntity[][];
  tasks: TaskEntity[];
}

/** Making and unmaking commitments with their tasks, for new orders and for changes alike. */
@Injectable()
export class CommitmentWork {
  constructor(
    private readonly lifecycle: TaskLifecycle,
    private readonly readiness: TaskReadiness,
    private readonly amc: AmcService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  create(tx: EntityManager, project: ServiceProjectEntity, planned: PlannedCommitment[], unitPrices: Map<string, string>): Promise<CommitmentEntity[]> {
    return this.createForProjects(tx, [{ project, planned, unitPrices }]).then(({ commitments: [created] }) => created);
  }

  /** The commitments and tasks of many projects in two statements; returns them as made (with their ids). */
  async createForProjects(tx: EntityManager, work: ProjectWork[]): Promise<CreatedWork> {
    const commitments = work.map(({ project, planned, unitPrices }) =>
      planned.map((unit) =>
        tx.create(CommitmentEntity, {
          projectId: project.id,
          orderLineId: unit.orderLineId,
          sku: unit.sku,
          kind: unit.kind,
          unitIndex: unit.unitIndex,
          forLineId: unit.forLineId,
          serialNumber: unit.serialNumber,
          status: 'promised',
          unitPrice: unitPrices.get(unit.orderLineId)!,
          templateSnapshot: unit.template,
          cancelledAt: null,
          cancellationReason: null,
          reviewReason: null,
        }),
      ),
    );
    const allCommitments = commitments.flat();
    if (allCommitments.length === 0) return { commitments, tasks: [] };
    await insertMany(tx, CommitmentEntity, allCommitments);

    const customerOf = new Map(work.map(({ project }) => [project.id, project.customerId]));
    const tasksOf = allCommitments.map((commitment) =>
      commitment.templateSnapshot.tasks.map((task) =>
        tx.create(TaskEntity, {
          commitmentId: commitment.id,
          projectId: commitment.projectId,
          serviceRequestId: null,
          kind: commitment.kind,
          customerId: customerOf.get(commitment.projectId)!,
          serialNumber: commitment.serialNumber,
          sequence: 1,
          templateTaskKey: task.key,
          name: task.name,
          status: 'promised',
          owner: null,
          plannedDate: null,
          earliestStart: null,
          dueDate: null,
          requiredSkills: task.requiredSkills,
          estimatedHours: task.estimatedHours,
          engineers: task.engineers,
          checklist: task.checklist,
          holdReason: null,
          holdNote: null,
          statusBeforeHold: null,
          startedAt: null,
          completedAt: null,
          cancellationReason: null,
        }),
      ),
    );
    const allTasks = tasksOf.flat();
    await insertMany(tx, TaskEntity, allTasks);

    // Work that starts on the order is ready at once: its first tasks (those after nothing).
    const today = dateOf(this.clock.now());
    for (const [i, commitment] of allCommitments.entries()) {
      const template = commitment.templateSnapshot;
      if (template.startsOn !== 'order') continue;
      for (const task of tasksOf[i].filter((t) => (template.tasks.find((d) => d.key === t.templateTaskKey)?.after ?? []).length === 0)) {
        await this.lifecycle.makeReady(tx, task, { earliestStart: today, dueDate: addDays(today, template.dueWithinDays) });
      }
    }
    return { commitments, tasks: allTasks };
  }

  /** Units that name machines we already know (an AMC sold later) start at once. */
  async attachKnownMachines(tx: EntityManager, project: ServiceProjectEntity, commitments: CommitmentEntity[]): Promise<number> {
    return this.attachKnownMachinesOf(tx, [{ project, commitments }]);
  }

  /**
   * Machines already known (dispatched or registered before the order came) go on
   * the commitments that name their serial numbers: one lookup for all the projects.
   * `inContext` runs each project's part in its cause's context (its correlation id).
   * Returns how many commitments got a machine.
   */
  async attachKnownMachinesOf(
    tx: EntityManager,
    projects: { project: ServiceProjectEntity; commitments: CommitmentEntity[]; inContext?: <T>(work: () => Promise<T>) => Promise<T> }[],
  ): Promise<number> {
    const serials = [...new Set(projects.flatMap(({ commitments }) => commitments.map((c) => c.serialNumber).filter((s): s is string => !!s)))];
    if (serials.length === 0) return 0;
    const machines = new Map((await tx.findBy(InstalledEquipmentEntity, { serialNumber: In(serials) })).map((m) => [m.serialNumber, m]));
    if (machines.size === 0) return 0;
    let attached = 0;
    for (const { project, commitments, inContext } of projects) {
      const run = inContext ?? (<T>(work: () => Promise<T>) => work());
      await run(async () => {
        const arrived = commitments.flatMap((commitment) => {
          const machine = commitment.serialNumber ? machines.get(commitment.serialNumber) : undefined;
          return machine ? [{ commitment, machine }] : [];
        });
        attached += arrived.length;
        await this.readiness.onMachinesArrived(tx, arrived.filter(({ commitment }) => commitment.kind !== 'amc'));
        for (const { commitment, machine } of arrived.filter(({ commitment }) => commitment.kind === 'amc')) {
          await this.amc.establish(tx, commitment, machine, project.orderDate);
        }
      });
    }
    return attached;
  }

  /** Unstarted work is cancelled (bookings freed by scheduling on the task events); the caller decides what is unstarted. */
  async cancel(tx: EntityManager, project: ServiceProjectEntity, commitmentIds: string[], reason: string, at: Date): Promise<void> {
    if (commitmentIds.length === 0) return;
    const commitments = await tx.find(CommitmentEntity, { where: { id: In(commitmentIds) } });
    for (const commitment of commitments) {
      const tasks = await tx.find(TaskEntity, { where: { commitmentId: commitment.id } });
      for (const task of tasks) {
        if (task.status === 'done' || task.status === 'cancelled' || task.status === 'in_progress') continue;
        await this.lifecycle.cancel(tx, task, reason);
      }
      await tx.update(CommitmentEntity, { id: commitment.id }, { status: 'cancelled', cancelledAt: at, cancellationReason: reason });
      await this.amc.cancel(tx, commitment.id, reason);
      await this.outbox.add(tx, {
        topic: Topics.serviceProjects,
        key: project.id,
        type: 'psa.commitment.cancelled.v1',
        subject: project.orderId,
        data: {
          commitmentId: commitment.id,
          projectId: project.id,
          orderId: project.orderId,
          orderLineId: commitment.orderLineId,
          reason,
          cancelledAt: at.toISOString(),
        },
      });
    }
  }

  async flagForReview(tx: EntityManager, projectId: string, commitmentId: string | null, kind: string, reason: string): Promise<void> {
    if (commitmentId) await tx.update(CommitmentEntity, { id: commitmentId }, { reviewReason: reason });
    await tx.insert(ReviewItemEntity, { projectId, commitmentId, kind, reason, resolvedAt: null, resolvedBy: null, resolution: null });
  }
}
