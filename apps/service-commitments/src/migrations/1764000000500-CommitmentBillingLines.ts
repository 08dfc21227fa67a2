import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each commitment's billing lines as billing reports them (psa.billing-line.changed.v1). */
export class CommitmentBillingLines1764000000500 implements MigrationInterface {
  name = 'CommitmentBillingLines1764000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "commitment_billing_line" ("line_id" uuid NOT NULL, "commitment_id" uuid NOT NULL, "project_id" uuid, "source_kind" text NOT NULL, "state" text NOT NULL, "amount" numeric(18,3) NOT NULL, "currency" character(3) NOT NULL, "billable" boolean NOT NULL, "invoice_request_id" text, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_121c94368a456aab044968115b2" PRIMARY KEY ("line_id"))`);
    await q.query(`CREATE INDEX "ix_commitment_billing_line_project" ON "commitment_billing_line"  ("project_id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_commitment_billing_line_project"`);
    await q.query(`DROP TABLE "commitment_billing_line"`);
  }
}
