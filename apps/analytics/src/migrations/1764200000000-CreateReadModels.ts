import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The read models: fact tables keyed by fact id, the aggregates kept by contribution, rejected records. */
export class CreateReadModels1764200000000 implements MigrationInterface {
  name = 'CreateReadModels1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "engineer_month" ("engineer_id" text NOT NULL, "month" date NOT NULL, "available_minutes" bigint NOT NULL DEFAULT '0', "billable_hours" numeric(16,2) NOT NULL DEFAULT '0', "non_billable_hours" numeric(16,2) NOT NULL DEFAULT '0', "covered_hours" numeric(16,2) NOT NULL DEFAULT '0', "scheduled_hours" numeric(16,2) NOT NULL DEFAULT '0', CONSTRAINT "PK_d94bb38a6ac3231ed98713a0ceb" PRIMARY KEY ("engineer_id", "month"))`);
    await queryRunner.query(`CREATE INDEX "ix_engineer_month_month" ON "engineer_month"  ("month") `);
    await queryRunner.query(`CREATE TABLE "customer_month" ("customer_id" text NOT NULL, "month" date NOT NULL, "billable_hours" numeric(16,2) NOT NULL DEFAULT '0', "non_billable_hours" numeric(16,2) NOT NULL DEFAULT '0', "visits_completed" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_7fa3e0259b018ab7821967dbd01" PRIMARY KEY ("customer_id", "month"))`);
    await queryRunner.query(`CREATE INDEX "ix_customer_month_month" ON "customer_month"  ("month") `);
    await queryRunner.query(`CREATE TABLE "commitment_tasks" ("commitment_id" text NOT NULL, "tasks" integer NOT NULL DEFAULT '0', "open_tasks" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_e898263b4abff5bb3cff5a79d0c" PRIMARY KEY ("commitment_id"))`);
    await queryRunner.query(`CREATE TABLE "task_visits" ("task_id" text NOT NULL, "completed_visits" integer NOT NULL DEFAULT '0', "successful_visits" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_c9939aedb1768e32c0cca3e9a3d" PRIMARY KEY ("task_id"))`);
    await queryRunner.query(`CREATE TABLE "engineer" ("engineer_id" text NOT NULL, "name" text NOT NULL, "team" text, "region" text, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7f46a5962f2029756e313e61317" PRIMARY KEY ("engineer_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_engineer_region" ON "engineer"  ("region") `);
    await queryRunner.query(`CREATE INDEX "ix_engineer_team" ON "engineer"  ("team") `);
    await queryRunner.query(`CREATE TABLE "engineer_day" ("engineer_id" text NOT NULL, "work_date" date NOT NULL, "available_minutes" integer NOT NULL DEFAULT '0', "availability_changed_at" TIMESTAMP WITH TIME ZONE, "billable_hours" numeric(14,2) NOT NULL DEFAULT '0', "non_billable_hours" numeric(14,2) NOT NULL DEFAULT '0', "covered_hours" numeric(14,2) NOT NULL DEFAULT '0', "scheduled_hours" numeric(14,2) NOT NULL DEFAULT '0', CONSTRAINT "PK_d3be1ca338b52de8a774b74465b" PRIMARY KEY ("engineer_id", "work_date"))`);
    await queryRunner.query(`CREATE INDEX "ix_engineer_day_date" ON "engineer_day"  ("work_date") `);
    await queryRunner.query(`CREATE TABLE "time_entry" ("time_entry_id" text NOT NULL, "known" boolean NOT NULL, "engineer_id" text, "visit_id" text, "task_id" text, "project_id" text, "customer_id" text, "work_date" date, "hours" numeric(10,2) NOT NULL DEFAULT '0', "billable" boolean NOT NULL DEFAULT false, "activity" text, "approved_at" TIMESTAMP WITH TIME ZONE, "corrects" text, "superseded_by" text, CONSTRAINT "PK_7cd4028836388a11643c9dcbbb8" PRIMARY KEY ("time_entry_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_time_entry_task" ON "time_entry"  ("task_id") `);
    await queryRunner.query(`CREATE INDEX "ix_time_entry_engineer_date" ON "time_entry"  ("engineer_id", "work_date") `);
    await queryRunner.query(`CREATE INDEX "ix_time_entry_customer_date" ON "time_entry"  ("customer_id", "work_date") `);
    await queryRunner.query(`CREATE TABLE "project" ("project_id" text NOT NULL, "order_id" text, "customer_id" text, "customer_name" text, "region" text, "currency" text, "created_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1a480c5734c5aacb9cef7b1499d" PRIMARY KEY ("project_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_project_order" ON "project"  ("order_id") `);
    await queryRunner.query(`CREATE INDEX "ix_project_customer" ON "project"  ("customer_id") `);
    await queryRunner.query(`CREATE TABLE "commitment" ("commitment_id" text NOT NULL, "project_id" text, "customer_id" text, "sku" text, "kind" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6798221349f92ff5cc97f32a228" PRIMARY KEY ("commitment_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_commitment_project" ON "commitment"  ("project_id") `);
    await queryRunner.query(`CREATE INDEX "ix_commitment_customer" ON "commitment"  ("customer_id") `);
    await queryRunner.query(`CREATE TABLE "task" ("task_id" text NOT NULL, "project_id" text, "commitment_id" text, "service_request_id" text, "customer_id" text NOT NULL, "customer_name" text NOT NULL, "site_id" text, "region" text, "serial_number" text, "kind" text NOT NULL, "status" text NOT NULL, "due_date" date, "due_at" TIMESTAMP WITH TIME ZONE, "priority" text, "completed_at" TIMESTAMP WITH TIME ZONE, "event_time" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_721f914bb100703f201a77dd58f" PRIMARY KEY ("task_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_task_completed" ON "task"  ("completed_at") WHERE "status" = 'done'`);
    await queryRunner.query(`CREATE INDEX "ix_task_serial" ON "task"  ("serial_number") `);
    await queryRunner.query(`CREATE INDEX "ix_task_commitment" ON "task"  ("commitment_id") `);
    await queryRunner.query(`CREATE INDEX "ix_task_region" ON "task"  ("region") `);
    await queryRunner.query(`CREATE INDEX "ix_task_project" ON "task"  ("project_id") `);
    await queryRunner.query(`CREATE INDEX "ix_task_customer" ON "task"  ("customer_id") `);
    await queryRunner.query(`CREATE TABLE "service_request" ("request_id" text NOT NULL, "project_id" text, "customer_id" text NOT NULL, "serial_number" text NOT NULL, "priority" text, "region" text, "raised_at" TIMESTAMP WITH TIME ZONE, "resolution_due_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "response_met" boolean, "resolution_met" boolean, CONSTRAINT "PK_28526a493d6ed29b64218fedeb0" PRIMARY KEY ("request_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_service_request_serial" ON "service_request"  ("serial_number") `);
    await queryRunner.query(`CREATE INDEX "ix_service_request_customer" ON "service_request"  ("customer_id") `);
    await queryRunner.query(`CREATE TABLE "equipment" ("serial_number" text NOT NULL, "sku" text NOT NULL, "customer_id" text NOT NULL, "project_id" text, CONSTRAINT "PK_738b192e1f452ed9a93231888f0" PRIMARY KEY ("serial_number"))`);
    await queryRunner.query(`CREATE INDEX "ix_equipment_customer" ON "equipment"  ("customer_id") `);
    await queryRunner.query(`CREATE TABLE "coverage" ("coverage_key" text NOT NULL, "serial_number" text NOT NULL, "kind" text NOT NULL, "contract_id" text, "customer_id" text NOT NULL, "starts_on" date, "ends_on" date, "status" text NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_233e87ab6b5119f5a01b68440bc" PRIMARY KEY ("coverage_key"))`);
    await queryRunner.query(`CREATE INDEX "ix_coverage_ends" ON "coverage"  ("kind", "ends_on") `);
    await queryRunner.query(`CREATE INDEX "ix_coverage_customer" ON "coverage"  ("customer_id") `);
    await queryRunner.query(`CREATE TABLE "dispatched_unit" ("unit_key" text NOT NULL, "serial_number" text, "dispatch_id" text NOT NULL, "order_id" text NOT NULL, "sku" text NOT NULL, "dispatched_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e8a6c9c24efe807d6381527b9ee" PRIMARY KEY ("unit_key"))`);
    await queryRunner.query(`CREATE INDEX "ix_dispatched_unit_serial" ON "dispatched_unit"  ("serial_number") `);
    await queryRunner.query(`CREATE INDEX "ix_dispatched_unit_order" ON "dispatched_unit"  ("order_id") `);
    await queryRunner.query(`CREATE TABLE "visit" ("booking_id" text NOT NULL, "task_id" text NOT NULL, "project_id" text, "customer_id" text NOT NULL, "engineer_ids" text array NOT NULL DEFAULT '{}', "segments" jsonb NOT NULL DEFAULT '[]', "booking_status" text, "booking_changed_at" TIMESTAMP WITH TIME ZONE, "visit_id" text, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "outcome" text, CONSTRAINT "PK_cf4e4bd21a2e2380da37b6c2cae" PRIMARY KEY ("booking_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_visit_completed" ON "visit"  ("completed_at") `);
    await queryRunner.query(`CREATE INDEX "ix_visit_task" ON "visit"  ("task_id") `);
    await queryRunner.query(`CREATE INDEX "ix_visit_customer_completed" ON "visit"  ("customer_id", "completed_at") `);
    await queryRunner.query(`CREATE TABLE "billing_line" ("line_id" text NOT NULL, "state" text NOT NULL, "customer_id" text NOT NULL, "project_id" text, "commitment_id" text, "task_id" text, "engineer_id" text, "serial_number" text, "source_kind" text NOT NULL, "work_date" date NOT NULL, "quantity" numeric(14,4) NOT NULL, "amount" numeric(18,4) NOT NULL, "cost" numeric(18,4) NOT NULL, "currency" text NOT NULL, "billable" boolean NOT NULL, "coverage" text NOT NULL, "invoice_request_id" text, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state_since" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fd60037e2a8f5566aaa50a4480a" PRIMARY KEY ("line_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_billing_line_state" ON "billing_line"  ("state") `);
    await queryRunner.query(`CREATE INDEX "ix_billing_line_project" ON "billing_line"  ("project_id") `);
    await queryRunner.query(`CREATE INDEX "ix_billing_line_customer" ON "billing_line"  ("customer_id", "work_date") `);
    await queryRunner.query(`CREATE TABLE "rejected_event" ("id" BIGSERIAL NOT NULL, "topic" text NOT NULL, "partition" integer NOT NULL, "record_offset" bigint NOT NULL, "reason_code" text NOT NULL, "reason" text NOT NULL, "value" text, "rejected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f1af67b50d8c900f1da6a8594ab" PRIMARY KEY ("id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rejected_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_billing_line_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_billing_line_project"`);
    await queryRunner.query(`DROP INDEX "public"."ix_billing_line_state"`);
    await queryRunner.query(`DROP TABLE "billing_line"`);
    await queryRunner.query(`DROP INDEX "public"."ix_visit_customer_completed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_visit_task"`);
    await queryRunner.query(`DROP INDEX "public"."ix_visit_completed"`);
    await queryRunner.query(`DROP TABLE "visit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dispatched_unit_order"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dispatched_unit_serial"`);
    await queryRunner.query(`DROP TABLE "dispatched_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_coverage_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_coverage_ends"`);
    await queryRunner.query(`DROP TABLE "coverage"`);
    await queryRunner.query(`DROP INDEX "public"."ix_equipment_customer"`);
    await queryRunner.query(`DROP TABLE "equipment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_request_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_request_serial"`);
    await queryRunner.query(`DROP TABLE "service_request"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_project"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_region"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_commitment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_serial"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_completed"`);
    await queryRunner.query(`DROP TABLE "task"`);
    await queryRunner.query(`DROP INDEX "public"."ix_commitment_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_commitment_project"`);
    await queryRunner.query(`DROP TABLE "commitment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_order"`);
    await queryRunner.query(`DROP TABLE "project"`);
    await queryRunner.query(`DROP INDEX "public"."ix_time_entry_customer_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_time_entry_engineer_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_time_entry_task"`);
    await queryRunner.query(`DROP TABLE "time_entry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_engineer_day_date"`);
    await queryRunner.query(`DROP TABLE "engineer_day"`);
    await queryRunner.query(`DROP INDEX "public"."ix_engineer_team"`);
    await queryRunner.query(`DROP INDEX "public"."ix_engineer_region"`);
    await queryRunner.query(`DROP TABLE "engineer"`);
    await queryRunner.query(`DROP TABLE "task_visits"`);
    await queryRunner.query(`DROP TABLE "commitment_tasks"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_month_month"`);
    await queryRunner.query(`DROP TABLE "customer_month"`);
    await queryRunner.query(`DROP INDEX "public"."ix_engineer_month_month"`);
    await queryRunner.query(`DROP TABLE "engineer_month"`);
  }
}
