import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CloudEvent, InvoiceCancelledV1, InvoicePostedV1, InvoiceRejectedV1 } from '#contracts';
import { EventContext, OnEvent } from '#messaging';
import { InvoicingService } from './invoicing.service.js';

/** ERP accounting's answers to our invoice requests: posted, rejected, cancelled by a credit note. */
@Controller()
export class AccountingConsumer {
  constructor(private readonly invoicing: InvoicingService) {}

  @OnEvent('erp.invoice.posted.v1')
  onPosted(@Payload() event: CloudEvent<InvoicePostedV1>, @Ctx() context: EventContext) {
    return this.invoicing.posted(context.tx, event.data);
  }

  @OnEvent('erp.invoice.rejected.v1')
  onRejected(@Payload() event: CloudEvent<InvoiceRejectedV1>, @Ctx() context: EventContext) {
    return this.invoicing.rejected(context.tx, event.data);
  }

  @OnEvent('erp.invoice.cancelled.v1')
  onCancelled(@Payload() event: CloudEvent<InvoiceCancelledV1>, @Ctx() context: EventContext) {
    return this.invoicing.cancelled(context.tx, event.data);
  }
}
