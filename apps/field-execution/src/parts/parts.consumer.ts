import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CloudEvent, PartsIssuedV1 } from '#contracts';
import { EventContext, OnEvent } from '#messaging';
import { PartsService } from './parts.service.js';

/** The ERP's parts issues in (erp.inventory): consumptions of visits, tasks and projects. */
@Controller()
export class PartsConsumer {
  constructor(private readonly parts: PartsService) {}

  @OnEvent('erp.parts.issued.v1')
  onPartsIssued(@Payload() event: CloudEvent<PartsIssuedV1>, @Ctx() context: EventContext) {
    return this.parts.issued(event, context);
  }
}
