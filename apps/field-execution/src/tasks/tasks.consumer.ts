import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CloudEvent, CoverageChangedV1, ServiceProjectChangedV1, ServiceProjectCreatedV1, TaskSnapshot } from '#contracts';
import { EventBatchContext, EventContext, OnEvent, OnEventBatch } from '#messaging';
import { ProjectCopies } from './project-copies.service.js';
import { TaskCopies } from './task-copies.service.js';

type TaskEvent = CloudEvent<{ task: TaskSnapshot }>;

/** When the event says the task was as it carries it: the ready/changed/...At field, else the event time. */
function asOf(event: TaskEvent): Date {
  const data = event.data as Record<string, unknown>;
  const at = ['readyAt', 'changedAt', 'heldAt', 'releasedAt', 'cancelledAt', 'completedAt'].map((k) => data[k]).find((v) => typeof v === 'string');
  return new Date((at as string | undefined) ?? event.time ?? Date.now());
}

/** service-commitments' projects, tasks and coverage in: the copy a visit shows and parts are recorded against. */
@Controller()
export class TasksConsumer {
  constructor(
    private readonly copies: TaskCopies,
    private readonly projects: ProjectCopies,
  ) {}

  @OnEvent('psa.service-project.created.v1')
  onProjectCreated(@Payload() event: CloudEvent<ServiceProjectCreatedV1>, @Ctx() context: EventContext) {
    return this.projects.remember({ facts: event.data, asOf: new Date(event.data.createdAt) }, context);
  }

  @OnEventBatch('psa.service-project.created.v1')
  onProjectsCreated(@Payload() events: CloudEvent<ServiceProjectCreatedV1>[], @Ctx() batch: EventBatchContext) {
    return this.projects.rememberAll(events.map((e) => ({ facts: e.data, asOf: new Date(e.data.createdAt) })), batch);
  }

  @OnEvent('psa.service-project.changed.v1')
  onProjectChanged(@Payload() event: CloudEvent<ServiceProjectChangedV1>, @Ctx() context: EventContext) {
    return this.projects.remember({ facts: event.data, asOf: new Date(event.data.changedAt) }, context);
  }

  @OnEvent('psa.task.ready.v1')
  onReady(@Payload() event: TaskEvent, @Ctx() context: EventContext) {
    return this.copies.remember(event.data.task, asOf(event), context);
  }

  @OnEvent('psa.task.changed.v1')
  onChanged(@Payload() event: TaskEvent, @Ctx() context: EventContext) {
    return this.copies.remember(event.data.task, asOf(event), context);
  }

  @OnEvent('psa.task.on-hold.v1')
  onHold(@Payload() event: TaskEvent, @Ctx() context: EventContext) {
    return this.copies.remember(event.data.task, asOf(event), context);
  }

  @OnEvent('psa.task.released.v1')
  onReleased(@Payload() event: TaskEvent, @Ctx() context: EventContext) {
    return this.copies.remember(event.data.task, asOf(event), context);
  }

  @OnEvent('psa.task.cancelled.v1')
  onCancelled(@Payload() event: TaskEvent, @Ctx() context: EventContext) {
    return this.copies.remember(event.data.task, asOf(event), context);
  }

  @OnEvent('psa.task.done.v1')
  onDone(@Payload() event: TaskEvent, @Ctx() context: EventContext) {
    return this.copies.remember(event.data.task, asOf(event), context);
  }

  @OnEvent('psa.coverage.changed.v1')
  onCoverageChanged(@Payload() event: CloudEvent<CoverageChangedV1>, @Ctx() context: EventContext) {
    return this.copies.rememberCoverage(event.data, context);
  }
}
