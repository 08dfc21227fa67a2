import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CloudEvent } from '#contracts';
import { EventContext, OnEvent } from '#messaging';
import { FieldWorkFollower, type VisitProgress } from './field-work-follower.js';

/** Visit progress from field-execution: tasks start, finish, or get a follow-up. */
@Controller()
export class FieldWorkConsumer {
  constructor(private readonly follower: FieldWorkFollower) {}

  @OnEvent('psa.visit.started.v1')
  onVisitStarted(@Payload() event: CloudEvent<VisitProgress>, @Ctx() context: EventContext) {
    return this.follower.started(event.data, context);
  }

  @OnEvent('psa.visit.completed.v1')
  onVisitCompleted(@Payload() event: CloudEvent<VisitProgress>, @Ctx() context: EventContext) {
    return this.follower.completed(event.data, context);
  }
}
