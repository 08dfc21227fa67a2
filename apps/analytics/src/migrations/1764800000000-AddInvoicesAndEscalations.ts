import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoice requests and ERP accounting's answers (read from psa.invoices and
 * erp.accounting from offset 0 once this runs: the topics keep every event), and
 * escalations (psa.escalation.raised.v1, skipped until now: a rebuild fills them in).
 */
export class AddInvoicesAndEscalations1764800000000 implements MigrationInterface {
  name = 'AddInvoicesAndEscalations1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invoice_request" ("invoice_request_id" text NOT NULL, "customer_id" text, "order_id" text, "currency" text, "total" numeric(18,4), "supersedes" text, "requested_at" TIMESTAMP WITH TIME ZONE, "answer" text, "answered_at" TIMESTAMP WITH TIME ZONE, "answer_reason" text, "posted_at" TIMESTAMP WITH TIME ZONE, "invoice_number" text, "posted_total" numeric(18,4), CONSTRAINT "PK_invoice_request" PRIMARY KEY ("invoice_request_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_invoice_request_customer" ON "invoice_request" ("customer_id", "requested_at") `);
    await queryRunner.query(
      `CREATE TABLE "escalation" ("escalation_id" text NOT NULL, "customer_id" text NOT NULL, "subject_kind" text NOT NULL, "subject_id" text NOT NULL, "level" text NOT NULL, "target" text NOT NULL, "trigger" text NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_escalation" PRIMARY KEY ("escalation_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_escalation_customer" ON "escalation" ("customer_id", "raised_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_escalation_customer"`);
    await queryRunner.query(`DROP TABLE "escalation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoice_request_customer"`);
    await queryRunner.query(`DROP TABLE "invoice_request"`);
  }
}
