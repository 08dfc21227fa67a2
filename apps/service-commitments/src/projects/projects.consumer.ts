import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CloudEvent } from '#contracts';
import { EventContext, OnEvent } from '#messaging';
import type { SalesOrder } from './domain/sales-order.js';
import { ProjectsService, type OrderCancellation } from './projects.service.js';

/** ERP sales orders in: one line per event type. */
@Controller()
export class ProjectsConsumer {
  constructor(private readonly projects: ProjectsService) {}

  @OnEvent('erp.sales-order.created.v1')
  onOrderCreated(@Payload() event: CloudEvent<SalesOrder>, @Ctx() context: EventContext) {
    return this.projects.createFromOrder(event, context);
  }

  @OnEvent('erp.sales-order.cancelled.v1')
  onOrderCancelled(@Payload() event: CloudEvent<OrderCancellation>, @Ctx() context: EventContext) {
    return this.projects.cancelOrder(event, context);
  }
}
