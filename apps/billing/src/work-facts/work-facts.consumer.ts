import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type {
  CloudEvent,
  CommitmentCancelledV1,
  CoverageChangedV1,
  ServiceProjectCancelledV1,
  ServiceProjectChangedV1,
  ServiceProjectCreatedV1,
  ServiceRequestRaisedV1,
  TaskDoneV1,
  TaskSnapshot,
} from '#contracts';
import { EventBatchContext, EventContext, OnEvent, OnEventBatch } from '#messaging';
import { BillableWork } from '../ledger/billable-work.service.js';
import { WorkFactsService } from './work-facts.service.js';

/** service-commitments' facts in: what was sold and at what price, tasks, completions, coverage, cancellations. */
@Controller()
export class WorkFactsConsumer {
  constructor(
    private readonly facts: WorkFactsService,
    private readonly work: BillableWork,
  ) {}

  @OnEvent('psa.service-project.created.v1')
  onProjectCreated(@Payload() event: CloudEvent<ServiceProjectCreatedV1>, @Ctx() context: EventContext) {
    return this.facts.projectCreated(event.data, context);
  }

  @OnEventBatch('psa.service-project.created.v1')
  onProjectsCreated(@Payload() events: CloudEvent<ServiceProjectCreatedV1>[], @Ctx() batch: EventBatchContext) {
    return this.facts.projectsCreated(events.map((e) => e.data), batch);
  }

  @OnEvent('psa.service-project.changed.v1')
  onProjectChanged(@Payload() event: CloudEvent<ServiceProjectChangedV1>, @Ctx() context: EventContext) {
    return this.facts.projectChanged(event.data, context);
  }

  @OnEvent('psa.task.ready.v1')
  onTaskReady(@Payload() event: CloudEvent<{ task: TaskSnapshot }>, @Ctx() context: EventContext) {
    return this.facts.taskSeen(event.data.task, context);
  }

  @OnEvent('psa.task.changed.v1')
  onTaskChanged(@Payload() event: CloudEvent<{ task: TaskSnapshot }>, @Ctx() context: EventContext) {
    return this.facts.taskSeen(event.data.task, context);
  }

  @OnEvent('psa.task.on-hold.v1')
  onTaskOnHold(@Payload() event: CloudEvent<{ task: TaskSnapshot }>, @Ctx() context: EventContext) {
    return this.facts.taskSeen(event.data.task, context);
  }

  @OnEvent('psa.task.released.v1')
  onTaskReleased(@Payload() event: CloudEvent<{ task: TaskSnapshot }>, @Ctx() context: EventContext) {
    return this.facts.taskSeen(event.data.task, context);
  }

  @OnEvent('psa.task.cancelled.v1')
  onTaskCancelled(@Payload() event: CloudEvent<{ task: TaskSnapshot }>, @Ctx() context: EventContext) {
    return this.facts.taskSeen(event.data.task, context);
  }

  @OnEvent('psa.service-request.raised.v1')
  onServiceRequest(@Payload() event: CloudEvent<ServiceRequestRaisedV1>, @Ctx() context: EventContext) {
    return this.facts.taskSeen(event.data.task, context);
  }

  @OnEvent('psa.task.done.v1')
  async onTaskDone(@Payload() event: CloudEvent<TaskDoneV1>, @Ctx() context: EventContext) {
    await this.facts.taskSeen(event.data.task, context);
    await this.work.taskDone(context.tx, event.data);
  }

  @OnEvent('psa.coverage.changed.v1')
  async onCoverage(@Payload() event: CloudEvent<CoverageChangedV1>, @Ctx() context: EventContext) {
    await this.work.contractTermKnown(context.tx, await this.facts.coverageChanged(context.tx, event.data));
  }

  @OnEvent('psa.commitment.cancelled.v1')
  async onCommitmentCancelled(@Payload() event: CloudEvent<CommitmentCancelledV1>, @Ctx() context: EventContext) {
    await this.facts.commitmentCancelled(context.tx, event.data.commitmentId, new Date(event.data.cancelledAt));
    await this.work.contractCancelled(context.tx, event.data.commitmentId, event.data.reason ?? `order ${event.data.orderId} line ${event.data.orderLineId} cancelled`);
  }

  @OnEvent('psa.service-project.cancelled.v1')
  onProjectCancelled(@Payload() event: CloudEvent<ServiceProjectCancelledV1>, @Ctx() context: EventContext) {
    return this.work.projectCancelled(context.tx, event.data.projectId);
  }
}
