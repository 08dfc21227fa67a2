import type { MigrationInterface, QueryRunner } from 'typeorm';
import { minorUnitsSql } from '../ledger/minor-units-sql.js';

/**
 * Billing announces each ERP accounting answer it accepts as psa.invoice.answered.v1 on psa.billing
 * (InvoicingService), and analytics now takes a request's answer from there instead of from
 * erp.accounting, where it applied every answer, even those billing dead-letters. Requests answered
 * before that were never announced, so this writes one announcement per answered request to the
 * outbox, as billing holds it now (its state after the last answer), for the relay to publish: analytics
 * gets them incrementally and in a rebuild from the log alike. A credited request is announced as
 * cancelled, with the number and total of the invoice the credit note cancels (when it was posted is
 * not kept by billing). Written with the envelope the Outbox class writes.
 */
export class AnnounceInvoiceAnswers1766000000000 implements MigrationInterface {
  name = 'AnnounceInvoiceAnswers1766000000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    await q.query(
      `INSERT INTO "outbox_event" ("event_id", "topic", "message_key", "event", "headers")
       SELECT a.event_id, 'psa.billing', a.message_key,
              jsonb_build_object(
                'specversion', '1.0', 'id', a.event_id, 'source', 'serviceloop://billing', 'type', 'psa.invoice.answered.v1',
                'time', ${instant('now()')}, 'subject', a.request_id, 'datacontenttype', 'application/json', 'data', a.data),
              '{}'::jsonb
         FROM (SELECT gen_random_uuid()::text AS event_id, r.id::text AS request_id, COALESCE(r.project_id::text, r.customer_id) AS message_key,
                      r.answered_at, r.id,
                      jsonb_build_object(
                        'invoiceRequestId', r.id::text,
                        'answer', r.status,
                        'answeredAt', ${instant('r.answered_at')},
                        'customerId', r.customer_id,
                        'projectId', r.project_id::text,
                        'orderId', r.order_id,
                        'currency', r.currency,
                        'invoiceNumber', r.invoice_number,
                        'postedTotal', round(r.posted_total, ${minorUnitsSql('r.currency')})::text,
                        'totalMismatch', r.total_mismatch,
                        'reason', CASE WHEN r.answer_reason ~ '\\S' THEN r.answer_reason END) AS data
                 FROM "invoice_request" r
                WHERE r.status IN ('posted', 'rejected', 'cancelled') AND r.answered_at IS NOT NULL) a
        ORDER BY a.answered_at, a.id`,
    );
  }

  async down(): Promise<void> {
    // Announcements are facts already sent (or about to be): taking the outbox rows back would not unsend them.
  }
}
