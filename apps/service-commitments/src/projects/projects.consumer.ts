import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CloudEvent } from '#contracts';
import { EventBatchContext, EventContext, OnEvent, OnEventBatch } from '#messaging';
import type { SalesOrder } from './domain/sales-order.js';
import { ProjectsService, type OrderCancellation } from './projects.service.js';
import { OrderChangesService, type SalesOrderChange } from './order-changes.service.js';
import { DispatchesService, type MachineDispatch } from '../equipment/dispatches.service.js';

/** ERP orders and dispatches in: one line per event type. */
@Controller()
export class ProjectsConsumer {
  constructor(
    private readonly projects: ProjectsService,
    private readonly changes: OrderChangesService,
    private readonly dispatches: DispatchesService,
  ) {}

  @OnEvent('erp.sales-order.created.v1')
  onOrderCreated(@Payload() event: CloudEvent<SalesOrder>, @Ctx() context: EventContext) {
    return this.projects.createFromOrder(event, context);
  }

  @OnEventBatch('erp.sales-order.created.v1')
  onOrdersCreated(@Payload() events: CloudEvent<SalesOrder>[], @Ctx() batch: EventBatchContext) {
    return this.projects.createFromOrders(events, batch);
  }

  @OnEvent('erp.sales-order.changed.v1')
  onOrderChanged(@Payload() event: CloudEvent<SalesOrderChange>, @Ctx() context: EventContext) {
    return this.changes.applyChange(event, context);
  }

  @OnEvent('erp.machine.dispatched.v1')
  onMachineDispatched(@Payload() event: CloudEvent<MachineDispatch>, @Ctx() context: EventContext) {
    return this.dispatches.applyDispatch(event, context);
  }

  @OnEvent('erp.sales-order.cancelled.v1')
  onOrderCancelled(@Payload() event: CloudEvent<OrderCancellation>, @Ctx() context: EventContext) {
    return this.projects.cancelOrder(event, context);
  }
}
