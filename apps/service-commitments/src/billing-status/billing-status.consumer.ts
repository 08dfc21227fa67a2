import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { BillingLineChangedV1, CloudEvent } from '#contracts';
import { EventContext, OnEvent } from '#messaging';
import { CommitmentBillingLineEntity } from './commitment-billing-line.entity.js';

/** billing's ledger line changes in: the latest state of each line of a commitment (older reports never win). */
@Controller()
export class BillingStatusConsumer {
  @OnEvent('psa.billing-line.changed.v1')
  async onLineChanged(@Payload() event: CloudEvent<BillingLineChangedV1>, @Ctx() context: EventContext): Promise<void> {
    const line = event.data;
    if (!line.commitmentId) return context.ignore();
    await context.tx.query(
      `INSERT INTO commitment_billing_line (line_id, commitment_id, project_id, source_kind, state, amount, currency, billable, invoice_request_id, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (line_id) DO UPDATE SET state = EXCLUDED.state, amount = EXCLUDED.amount, billable = EXCLUDED.billable,
         invoice_request_id = EXCLUDED.invoice_request_id, changed_at = EXCLUDED.changed_at
       WHERE commitment_billing_line.changed_at <= EXCLUDED.changed_at`,
      [line.lineId, line.commitmentId, line.projectId ?? null, line.sourceKind, line.state, line.amount, line.currency, line.billable, line.invoiceRequestId ?? null, line.changedAt],
    );
  }
}
