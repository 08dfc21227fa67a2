import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The billing ledger: copies of projects, commitments (with their prices and
 * billing policies), tasks and machine coverage; ledger lines with one state each
 * and their adjustments; invoice requests whose live lines are unique per ledger
 * line; rate cards gain kinds (billing or cost), contracts, engineers, rounding
 * and parts markup.
 */
export class BillingLedger1764100300000 implements MigrationInterface {
  name = 'BillingLedger1764100300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "invoice_request" ("id" uuid NOT NULL, "supersedes" uuid, "customer_id" text NOT NULL, "project_id" uuid, "order_id" text, "customer_po_number" text, "currency" character(3) NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "total" numeric(18,3) NOT NULL, "status" text NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "requested_by" text NOT NULL, "invoice_number" text, "posted_total" numeric(18,3), "total_mismatch" boolean NOT NULL DEFAULT false, "answered_at" TIMESTAMP WITH TIME ZONE, "answer_reason" text, CONSTRAINT "PK_22cdfda271d93a75b022c2734ce" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_invoice_request_customer" ON "invoice_request"  ("customer_id", "requested_at") `);
    await q.query(`CREATE TABLE "invoice_request_line" ("invoice_request_id" uuid NOT NULL, "line_id" uuid NOT NULL, "position" integer NOT NULL, "order_line_id" text, "description" text NOT NULL, "sku" text, "quantity" numeric(14,4) NOT NULL, "unit_price" numeric(18,4) NOT NULL, "amount" numeric(18,3) NOT NULL, "source_kind" text NOT NULL, "source_refs" jsonb NOT NULL, "live" boolean NOT NULL, CONSTRAINT "PK_b442d82014f18c2ba313091796a" PRIMARY KEY ("invoice_request_id", "line_id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_invoice_request_line_live" ON "invoice_request_line"  ("line_id") WHERE "live"`);
    await q.query(`CREATE TABLE "ledger_line" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "state" text NOT NULL, "held_from" text, "customer_id" text NOT NULL, "project_id" uuid, "order_id" text, "order_line_id" text, "customer_po_number" text, "commitment_id" uuid, "task_id" uuid, "visit_id" uuid, "engineer_id" uuid, "serial_number" text, "source_kind" text NOT NULL, "source_ref" text NOT NULL, "sku" text, "description" text NOT NULL, "work_date" date NOT NULL, "quantity" numeric(14,4) NOT NULL, "unit_price" numeric(18,4) NOT NULL, "amount" numeric(18,3) NOT NULL, "cost" numeric(18,3) NOT NULL, "currency" character(3) NOT NULL, "billable" boolean NOT NULL, "coverage" text NOT NULL, "reason" text NOT NULL, "invoice_request_id" uuid, "credited" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ready_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, CONSTRAINT "ck_ledger_line_state" CHECK ("state" IN ('unbilled','ready','requested','invoiced','review','on_hold','written_off','non_billable','reversed')), CONSTRAINT "ck_ledger_line_amounts" CHECK ("amount" >= 0 AND "cost" >= 0 AND "quantity" > 0), CONSTRAINT "PK_a19363079df6f58038f909718ab" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_ledger_line_commitment" ON "ledger_line"  ("commitment_id") `);
    await q.query(`CREATE INDEX "ix_ledger_line_order" ON "ledger_line"  ("order_id") `);
    await q.query(`CREATE INDEX "ix_ledger_line_project" ON "ledger_line"  ("project_id") `);
    await q.query(`CREATE INDEX "ix_ledger_line_state" ON "ledger_line"  ("state", "customer_id") `);
    await q.query(`CREATE UNIQUE INDEX "ux_ledger_line_source" ON "ledger_line"  ("source_kind", "source_ref") `);
    await q.query(`CREATE TABLE "ledger_adjustment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "line_id" uuid NOT NULL, "action" text NOT NULL, "from_state" text NOT NULL, "to_state" text NOT NULL, "old_amount" numeric(18,3) NOT NULL, "new_amount" numeric(18,3) NOT NULL, "reason" text NOT NULL, "actor" text NOT NULL, "invoice_request_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7563a6252b9059f5098b3f080e8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_ledger_adjustment_line" ON "ledger_adjustment"  ("line_id", "at") `);
    await q.query(`CREATE TABLE "billing_project" ("project_id" uuid NOT NULL, "order_id" text NOT NULL, "customer_id" text NOT NULL, "customer_name" text NOT NULL, "currency" character(3), "customer_po_number" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e93a0f4ca0851ecb2dc5db79c9e" PRIMARY KEY ("project_id"))`);
    await q.query(`CREATE TABLE "billing_commitment" ("commitment_id" uuid NOT NULL, "project_id" uuid NOT NULL, "order_line_id" text NOT NULL, "sku" text NOT NULL, "kind" text NOT NULL, "unit_index" integer NOT NULL, "terms" jsonb, "serial_number" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b9c9eca0b3990c1f13ab38501f7" PRIMARY KEY ("commitment_id"))`);
    await q.query(`CREATE INDEX "ix_billing_commitment_project" ON "billing_commitment"  ("project_id") `);
    await q.query(`CREATE TABLE "billing_task" ("task_id" uuid NOT NULL, "commitment_id" uuid, "service_request_id" uuid, "project_id" uuid, "order_id" text, "customer_id" text NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "sku" text, "template_task_key" text, "serial_number" text, "timezone" text, "order_currency" character(3), "status" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f0ed5e34a52ae7c5e51376a18e2" PRIMARY KEY ("task_id"))`);
    await q.query(`CREATE TABLE "machine_coverage" ("id" text NOT NULL, "serial_number" text NOT NULL, "customer_id" text NOT NULL, "project_id" uuid, "kind" text NOT NULL, "contract_id" uuid, "commitment_id" uuid, "starts_on" date, "ends_on" date, "scope" text, "visit_quota" integer, "status" text NOT NULL, "reason" text NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_77e59eae248439b0b01f1739303" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_machine_coverage_serial" ON "machine_coverage"  ("serial_number") `);
    await q.query(`CREATE TABLE "amc_covered_visit" ("contract_id" uuid NOT NULL, "visit_id" uuid NOT NULL, "counted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_376e999cd60d90e6bb024ca17bf" PRIMARY KEY ("contract_id", "visit_id"))`);
    await q.query(`ALTER TABLE "rate_card" ADD "kind" text NOT NULL DEFAULT 'billing'`);
    await q.query(`ALTER TABLE "rate_card" ADD "contract_id" uuid`);
    await q.query(`ALTER TABLE "rate_card" ADD "engineer_id" uuid`);
    await q.query(`ALTER TABLE "rate_card" ADD "rounding" text NOT NULL DEFAULT 'half_up'`);
    await q.query(`ALTER TABLE "rate_card" ADD "parts_markup_percent" numeric(7,2) NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "rate_card" ADD "created_by" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rate_card" DROP COLUMN "created_by"`);
    await q.query(`ALTER TABLE "rate_card" DROP COLUMN "parts_markup_percent"`);
    await q.query(`ALTER TABLE "rate_card" DROP COLUMN "rounding"`);
    await q.query(`ALTER TABLE "rate_card" DROP COLUMN "engineer_id"`);
    await q.query(`ALTER TABLE "rate_card" DROP COLUMN "contract_id"`);
    await q.query(`ALTER TABLE "rate_card" DROP COLUMN "kind"`);
    await q.query(`DROP TABLE "amc_covered_visit"`);
    await q.query(`DROP INDEX "public"."ix_machine_coverage_serial"`);
    await q.query(`DROP TABLE "machine_coverage"`);
    await q.query(`DROP TABLE "billing_task"`);
    await q.query(`DROP INDEX "public"."ix_billing_commitment_project"`);
    await q.query(`DROP TABLE "billing_commitment"`);
    await q.query(`DROP TABLE "billing_project"`);
    await q.query(`DROP INDEX "public"."ix_ledger_adjustment_line"`);
    await q.query(`DROP TABLE "ledger_adjustment"`);
    await q.query(`DROP INDEX "public"."ux_ledger_line_source"`);
    await q.query(`DROP INDEX "public"."ix_ledger_line_state"`);
    await q.query(`DROP INDEX "public"."ix_ledger_line_project"`);
    await q.query(`DROP INDEX "public"."ix_ledger_line_order"`);
    await q.query(`DROP INDEX "public"."ix_ledger_line_commitment"`);
    await q.query(`DROP TABLE "ledger_line"`);
    await q.query(`DROP INDEX "public"."ux_invoice_request_line_live"`);
    await q.query(`DROP TABLE "invoice_request_line"`);
    await q.query(`DROP INDEX "public"."ix_invoice_request_customer"`);
    await q.query(`DROP TABLE "invoice_request"`);
  }
}
