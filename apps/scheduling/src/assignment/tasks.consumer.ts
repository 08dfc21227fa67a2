import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CloudEvent, ServiceRequestRaisedV1, TaskCancelledV1, TaskChangedV1, TaskDoneV1, TaskOnHoldV1, TaskReadyV1, TaskReleasedV1 } from '#contracts';
import { EventContext, OnEvent } from '#messaging';
import { AssignmentService } from './assignment.service.js';

/** Task events from service-commitments in: one line per event type. */
@Controller()
export class TasksConsumer {
  constructor(private readonly assignment: AssignmentService) {}

  @OnEvent('psa.task.ready.v1')
  onReady(@Payload() event: CloudEvent<TaskReadyV1>, @Ctx() context: EventContext) {
    return this.assignment.taskReady(context.tx, event.data.task);
  }

  @OnEvent('psa.task.released.v1')
  onReleased(@Payload() event: CloudEvent<TaskReleasedV1>, @Ctx() context: EventContext) {
    return this.assignment.taskReady(context.tx, event.data.task);
  }

  @OnEvent('psa.service-request.raised.v1')
  onServiceRequestRaised(@Payload() event: CloudEvent<ServiceRequestRaisedV1>, @Ctx() context: EventContext) {
    return this.assignment.taskReady(context.tx, event.data.task);
  }

  @OnEvent('psa.task.changed.v1')
  onChanged(@Payload() event: CloudEvent<TaskChangedV1>, @Ctx() context: EventContext) {
    return this.assignment.taskChanged(context.tx, event.data.task, event.data.changes);
  }

  @OnEvent('psa.task.on-hold.v1')
  onHold(@Payload() event: CloudEvent<TaskOnHoldV1>, @Ctx() context: EventContext) {
    return this.assignment.taskStopped(context.tx, event.data.task, `Task on hold: ${event.data.reason}`);
  }

  @OnEvent('psa.task.cancelled.v1')
  onCancelled(@Payload() event: CloudEvent<TaskCancelledV1>, @Ctx() context: EventContext) {
    return this.assignment.taskStopped(context.tx, event.data.task, `Task cancelled: ${event.data.reason}`);
  }

  @OnEvent('psa.task.done.v1')
  onDone(@Payload() event: CloudEvent<TaskDoneV1>, @Ctx() context: EventContext) {
    return this.assignment.taskDone(context.tx, event.data.task, event.data.completedAt);
  }
}
