import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Installed equipment and dispatches, AMC contracts, the review list, and the
 * task fields for readiness, holds, planned visits and breakdowns.
 * Reviewed: existing tasks take kind, customer and serial from their commitment
 * before those columns become NOT NULL.
 */
export class EquipmentAmcAndTaskLifecycle1764000000300 implements MigrationInterface {
  name = 'EquipmentAmcAndTaskLifecycle1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "review_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "commitment_id" uuid, "kind" text NOT NULL, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" text, "resolution" text, CONSTRAINT "PK_91cdf1e8bef5fd3c1c8352e1873" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "review_item_open" ON "review_item"  ("project_id") WHERE resolved_at IS NULL`);
    await q.query(`CREATE TABLE "installed_equipment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "order_id" text NOT NULL, "customer_id" text NOT NULL, "site_id" text, "machine_line_id" text NOT NULL, "position" integer NOT NULL, "sku" text NOT NULL, "serial_number" text NOT NULL, "dispatch_id" text NOT NULL, "dispatched_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expected_delivery_date" date NOT NULL, "installed_on" date, "warranty_months" integer, "warranty_starts_on" date, "warranty_ends_on" date, "warranty_basis" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d95ea4e293ad94987dbfb7686d8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "installed_equipment_customer" ON "installed_equipment"  ("customer_id") `);
    await q.query(`CREATE UNIQUE INDEX "installed_equipment_serial" ON "installed_equipment"  ("serial_number") `);
    await q.query(`CREATE TABLE "dispatch" ("order_source" text NOT NULL, "dispatch_id" text NOT NULL, "project_id" uuid NOT NULL, "dispatched_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expected_delivery_date" date NOT NULL, "site_id" text, "lines" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_95bc100b95f1416d512e711a06d" PRIMARY KEY ("order_source", "dispatch_id"))`);
    await q.query(`CREATE TABLE "amc_contract" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "commitment_id" uuid NOT NULL, "project_id" uuid NOT NULL, "customer_id" text NOT NULL, "serial_number" text, "terms" jsonb NOT NULL, "billing_schedule" text NOT NULL, "status" text NOT NULL, "starts_on" date, "ends_on" date, "visits_used" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3bc0245b69c2a0ed04defdd9206" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "amc_contract_serial" ON "amc_contract"  ("serial_number") `);
    await q.query(`CREATE UNIQUE INDEX "amc_contract_commitment" ON "amc_contract"  ("commitment_id") `);
    await q.query(`ALTER TABLE "task" ADD "service_request_id" uuid`);
    await q.query(`ALTER TABLE "task" ADD "serial_number" text`);
    await q.query(`ALTER TABLE "task" ADD "kind" text`);
    await q.query(`ALTER TABLE "task" ADD "customer_id" text`);
    await q.query(`UPDATE "task" t SET "kind" = c."kind", "customer_id" = p."customer_id", "serial_number" = c."serial_number" FROM "commitment" c JOIN "service_project" p ON p."id" = c."project_id" WHERE c."id" = t."commitment_id"`);
    await q.query(`ALTER TABLE "task" ALTER COLUMN "kind" SET NOT NULL`);
    await q.query(`ALTER TABLE "task" ALTER COLUMN "customer_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "task" ADD "sequence" integer NOT NULL DEFAULT '1'`);
    await q.query(`ALTER TABLE "task" ADD "planned_date" date`);
    await q.query(`ALTER TABLE "task" ADD "earliest_start" date`);
    await q.query(`ALTER TABLE "task" ADD "hold_reason" text`);
    await q.query(`ALTER TABLE "task" ADD "hold_note" text`);
    await q.query(`ALTER TABLE "task" ADD "status_before_hold" text`);
    await q.query(`ALTER TABLE "task" ADD "started_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "task" ADD "completed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "task" ADD "cancellation_reason" text`);
    await q.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_task_commitment"`);
    await q.query(`ALTER TABLE "task" ALTER COLUMN "commitment_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "task" ALTER COLUMN "project_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "task" ADD CONSTRAINT "FK_task_commitment" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "task" WHERE "commitment_id" IS NULL OR "project_id" IS NULL`);
    await q.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_task_commitment"`);
    await q.query(`ALTER TABLE "task" ALTER COLUMN "project_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "task" ALTER COLUMN "commitment_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "task" ADD CONSTRAINT "FK_task_commitment" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "cancellation_reason"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "completed_at"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "started_at"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "status_before_hold"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "hold_note"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "hold_reason"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "earliest_start"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "planned_date"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "sequence"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "serial_number"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "customer_id"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "kind"`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "service_request_id"`);
    await q.query(`DROP INDEX "public"."amc_contract_commitment"`);
    await q.query(`DROP INDEX "public"."amc_contract_serial"`);
    await q.query(`DROP TABLE "amc_contract"`);
    await q.query(`DROP TABLE "dispatch"`);
    await q.query(`DROP INDEX "public"."installed_equipment_serial"`);
    await q.query(`DROP INDEX "public"."installed_equipment_customer"`);
    await q.query(`DROP TABLE "installed_equipment"`);
    await q.query(`DROP INDEX "public"."review_item_open"`);
    await q.query(`DROP TABLE "review_item"`);
  }
}
