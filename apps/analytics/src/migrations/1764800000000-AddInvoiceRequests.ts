import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoice requests and ERP accounting's answers (read from psa.invoices and
 * erp.accounting from offset 0 once this runs: the topics keep every event).
 */
export class AddInvoiceRequests1764800000000 implements MigrationInterface {
  name = 'AddInvoiceRequests1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invoice_request" ("invoice_request_id" text NOT NULL, "customer_id" text, "order_id" text, "currency" text, "total" numeric(18,4), "supersedes" text, "requested_at" TIMESTAMP WITH TIME ZONE, "answer" text, "answered_at" TIMESTAMP WITH TIME ZONE, "answer_reason" text, "posted_at" TIMESTAMP WITH TIME ZONE, "invoice_number" text, "posted_total" numeric(18,4), CONSTRAINT "PK_invoice_request" PRIMARY KEY ("invoice_request_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_invoice_request_customer" ON "invoice_request" ("customer_id", "requested_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_invoice_request_customer"`);
    await queryRunner.query(`DROP TABLE "invoice_request"`);
  }
}
