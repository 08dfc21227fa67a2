import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CloudEvent, ExpenseApprovedV1, PartsConsumedV1, TimeApprovedV1 } from '#contracts';
import { EventContext, OnEvent } from '#messaging';
import { BillableWork } from './billable-work.service.js';

/** field-execution's approved time and expenses and the parts consumed: each becomes one ledger line. */
@Controller()
export class FieldWorkConsumer {
  constructor(private readonly work: BillableWork) {}

  @OnEvent('psa.time.approved.v1')
  onTimeApproved(@Payload() event: CloudEvent<TimeApprovedV1>, @Ctx() context: EventContext) {
    return this.work.timeApproved(event.data, context);
  }

  @OnEvent('psa.expense.approved.v1')
  onExpenseApproved(@Payload() event: CloudEvent<ExpenseApprovedV1>, @Ctx() context: EventContext) {
    return this.work.expenseApproved(event.data, context);
  }

  @OnEvent('psa.parts.consumed.v1')
  onPartsConsumed(@Payload() event: CloudEvent<PartsConsumedV1>, @Ctx() context: EventContext) {
    return this.work.partsConsumed(event.data, context);
  }
}
