import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CloudEvent, CoverageChangedV1, TaskSnapshot } from '#contracts';
import { EventContext, OnEvent } from '#messaging';
import { TaskCopies } from './task-copies.service.js';

type TaskEvent = CloudEvent<{ task: TaskSnapshot }>;

/** When the event says the task was as it carries it: the ready/changed/...At field, else the event time. */
function asOf(event: TaskEvent): Date {
  const data = event.data as Record<string, unknown>;
  const at = ['readyAt', 'changedAt', 'heldAt', 'releasedAt', 'cancelledAt', 'completedAt'].map((k) => data[k]).find((v) => typeof v === 'string');
  return new Date((at as string | undefined) ?? event.time ?? Date.now());
}

/** service-commitments' tasks and coverage in: the copy a visit shows. */
@Controller()
export class TasksConsumer {
  constructor(private readonly copies: TaskCopies) {}

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
