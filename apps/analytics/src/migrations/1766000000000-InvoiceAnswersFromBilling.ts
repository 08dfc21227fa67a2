import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analytics took ERP accounting's answers from erp.accounting as sent, including those billing dead-letters
 * (a posting for a request ServiceLoop never made, one contradicting the request's state, a total without
 * the currency's minor units), so its invoicing report could say posted where billing's books say the
 * request still awaits its answer. It now takes them from billing's psa.invoice.answered.v1, and billing's
 * migration AnnounceInvoiceAnswers1766000000000 announces every request answered before. The answers kept
 * here came from erp.accounting, unchecked: they are forgotten, and the rows made by an answer alone (a
 * request analytics never saw, such as one ServiceLoop never made) are removed. Billing's announcements fill
 * them in again. Deploy analytics before billing, or rebuild (src/rebuild.ts) once both run: an analytics
 * still on the old version skips billing's announcements, and the rebuild reads them again from the log.
 */
export class InvoiceAnswersFromBilling1766000000000 implements MigrationInterface {
  name = 'InvoiceAnswersFromBilling1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "invoice_request" WHERE "requested_at" IS NULL`);
    await queryRunner.query(
      `UPDATE "invoice_request"
          SET "answer" = NULL, "answered_at" = NULL, "answer_reason" = NULL, "posted_at" = NULL, "invoice_number" = NULL, "posted_total" = NULL
        WHERE "answer" IS NOT NULL OR "answered_at" IS NOT NULL OR "posted_at" IS NOT NULL OR "invoice_number" IS NOT NULL OR "posted_total" IS NOT NULL`,
    );
  }

  async down(): Promise<void> {
    // The ERP's unchecked answers are not kept anywhere to put back; a rebuild of the older version reads them from erp.accounting.
  }
}
