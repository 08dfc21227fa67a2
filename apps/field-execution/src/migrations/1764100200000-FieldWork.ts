import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Field work: visits from scheduling's bookings (one per engineer of the crew),
 * check-ins, notes, checklist ticks, completion with sign-off; the task copy and
 * machine coverage from service-commitments; time entries and expenses with
 * their approvals and corrections; parts consumed from the ERP; the audit trail.
 * The skeleton never wrote visits, so the table gains its NOT NULL columns empty.
 */
export class FieldWork1764100200000 implements MigrationInterface {
  name = 'FieldWork1764100200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_entry" ("id" BIGSERIAL NOT NULL, "visit_id" uuid, "entity_kind" text NOT NULL, "entity_id" text NOT NULL, "action" text NOT NULL, "actor" text NOT NULL, "actor_name" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "before" jsonb, "after" jsonb, "reason" text, CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_audit_entry_visit" ON "audit_entry"("visit_id", "id")`);
    await q.query(`CREATE INDEX "ix_audit_entry_record" ON "audit_entry"("entity_kind", "entity_id", "id")`);
    await q.query(`CREATE TABLE "expense" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "visit_id" uuid NOT NULL, "task_id" uuid NOT NULL, "project_id" uuid, "customer_id" text NOT NULL, "engineer_id" uuid NOT NULL, "category" text NOT NULL, "amount" numeric(19,4) NOT NULL, "currency" character(3) NOT NULL, "exchange_rate" numeric(24,8), "order_currency" character(3), "amount_in_order_currency" numeric(19,4), "receipt_reference" text, "description" text, "status" text NOT NULL DEFAULT 'submitted', "corrects" uuid, "correction_reason" text, "recorded_by" text NOT NULL, "decided_by" text, "decided_at" TIMESTAMP WITH TIME ZONE, "rejection_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_expense_not_self" CHECK ("corrects" IS NULL OR "corrects" <> "id"), CONSTRAINT "ck_expense_decided" CHECK (("status" = 'submitted') = ("decided_at" IS NULL)), CONSTRAINT "ck_expense_rejection_reason" CHECK (("status" = 'rejected') = ("rejection_reason" IS NOT NULL)), CONSTRAINT "ck_expense_status" CHECK ("status" IN ('submitted', 'approved', 'rejected')), CONSTRAINT "ck_expense_rate" CHECK ("exchange_rate" IS NULL OR "exchange_rate" > 0), CONSTRAINT "ck_expense_amount" CHECK ("amount" > 0), CONSTRAINT "ck_expense_category" CHECK ("category" IN ('travel', 'tools', 'subcontractor', 'other')), CONSTRAINT "PK_edd925b450e13ea36197c9590fc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_expense_live_correction" ON "expense"("corrects") WHERE "corrects" IS NOT NULL AND "status" <> 'rejected'`);
    await q.query(`CREATE INDEX "ix_expense_status" ON "expense"("status", "created_at")`);
    await q.query(`CREATE INDEX "ix_expense_visit" ON "expense"("visit_id", "created_at")`);
    await q.query(`CREATE TABLE "parts_consumption" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issue_id" text NOT NULL, "line_no" integer NOT NULL, "reference_kind" text NOT NULL, "reference_id" text NOT NULL, "visit_id" uuid, "task_id" uuid, "project_id" uuid, "customer_id" text, "order_id" text, "sku" text NOT NULL, "description" text, "quantity" numeric(14,4) NOT NULL, "unit_cost" numeric(19,4) NOT NULL, "currency" character(3) NOT NULL, "movement" text NOT NULL, "consumed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "event_source" text NOT NULL, "event_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_parts_consumption_reference" CHECK ("reference_kind" IN ('visit', 'task', 'project')), CONSTRAINT "ck_parts_consumption_movement" CHECK ("movement" IN ('issue', 'return') AND ("movement" = 'return') = ("quantity" < 0)), CONSTRAINT "ck_parts_consumption_unit_cost" CHECK ("unit_cost" >= 0), CONSTRAINT "ck_parts_consumption_quantity" CHECK ("quantity" <> 0), CONSTRAINT "PK_14505f7bf6f69a3472d588ca732" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_parts_consumption_task" ON "parts_consumption"("task_id")`);
    await q.query(`CREATE INDEX "ix_parts_consumption_visit" ON "parts_consumption"("visit_id")`);
    await q.query(`CREATE UNIQUE INDEX "ux_parts_consumption_issue_line" ON "parts_consumption"("issue_id", "line_no")`);
    await q.query(`CREATE TABLE "machine_coverage" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "serial_number" text NOT NULL, "coverage_key" text NOT NULL, "kind" text NOT NULL, "contract_id" uuid, "starts_on" date, "ends_on" date, "scope" text, "status" text NOT NULL, "reason" text NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_77e59eae248439b0b01f1739303" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_machine_coverage" ON "machine_coverage"("serial_number", "coverage_key")`);
    await q.query(`CREATE TABLE "task_copy" ("task_id" uuid NOT NULL, "project_id" uuid, "service_request_id" uuid, "order_id" text, "order_currency" text, "customer_id" text NOT NULL, "customer_name" text NOT NULL, "site" jsonb, "serial_number" text, "sku" text, "kind" text NOT NULL, "name" text NOT NULL, "status" text NOT NULL, "checklist" jsonb NOT NULL DEFAULT '[]'::jsonb, "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_task_copy" PRIMARY KEY ("task_id"))`);
    await q.query(`CREATE INDEX "ix_task_copy_project" ON "task_copy"("project_id")`);
    await q.query(`CREATE INDEX "ix_task_copy_serial" ON "task_copy"("serial_number")`);
    await q.query(`CREATE TABLE "time_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "visit_id" uuid NOT NULL, "task_id" uuid NOT NULL, "project_id" uuid, "customer_id" text NOT NULL, "engineer_id" uuid NOT NULL, "start_at" TIMESTAMP WITH TIME ZONE NOT NULL, "end_at" TIMESTAMP WITH TIME ZONE NOT NULL, "hours" numeric(6,2) NOT NULL, "activity" text NOT NULL, "billable" boolean NOT NULL, "note" text, "status" text NOT NULL DEFAULT 'submitted', "corrects" uuid, "correction_reason" text, "recorded_by" text NOT NULL, "decided_by" text, "decided_at" TIMESTAMP WITH TIME ZONE, "rejection_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_time_entry_not_self" CHECK ("corrects" IS NULL OR "corrects" <> "id"), CONSTRAINT "ck_time_entry_decided" CHECK (("status" = 'submitted') = ("decided_at" IS NULL)), CONSTRAINT "ck_time_entry_rejection_reason" CHECK (("status" = 'rejected') = ("rejection_reason" IS NOT NULL)), CONSTRAINT "ck_time_entry_status" CHECK ("status" IN ('submitted', 'approved', 'rejected')), CONSTRAINT "ck_time_entry_hours" CHECK ("hours" > 0), CONSTRAINT "ck_time_entry_range" CHECK ("end_at" > "start_at"), CONSTRAINT "PK_8bc1870af1779c749f9026ec508" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_time_entry_live_correction" ON "time_entry"("corrects") WHERE "corrects" IS NOT NULL AND "status" <> 'rejected'`);
    await q.query(`CREATE INDEX "ix_time_entry_status" ON "time_entry"("status", "created_at")`);
    await q.query(`CREATE INDEX "ix_time_entry_engineer" ON "time_entry"("engineer_id", "start_at")`);
    await q.query(`CREATE INDEX "ix_time_entry_visit" ON "time_entry"("visit_id", "start_at")`);
    await q.query(`CREATE TABLE "checklist_tick" ("visit_id" uuid NOT NULL, "item" text NOT NULL, "ticked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ticked_by" text NOT NULL, "note" text, CONSTRAINT "pk_checklist_tick" PRIMARY KEY ("visit_id", "item"))`);
    await q.query(`CREATE TABLE "visit_check_in" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "visit_id" uuid NOT NULL, "checked_in_at" TIMESTAMP WITH TIME ZONE NOT NULL, "check_in_location" jsonb, "checked_out_at" TIMESTAMP WITH TIME ZONE, "check_out_location" jsonb, CONSTRAINT "ck_visit_check_in_order" CHECK ("checked_out_at" IS NULL OR "checked_out_at" >= "checked_in_at"), CONSTRAINT "PK_9fe88f06c5a5fb42ed904b18d0e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_visit_check_in_open" ON "visit_check_in"("visit_id") WHERE "checked_out_at" IS NULL`);
    await q.query(`CREATE INDEX "ix_visit_check_in_visit" ON "visit_check_in"("visit_id", "checked_in_at")`);
    await q.query(`CREATE TABLE "visit_note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "visit_id" uuid NOT NULL, "text" text NOT NULL, "author" text NOT NULL, "author_name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3ad534b386a6858f18c3187b5f6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_visit_note_visit" ON "visit_note"("visit_id", "created_at")`);
    await q.query(`ALTER TABLE "visit" ADD "booking_id" uuid NOT NULL`);
    await q.query(`ALTER TABLE "visit" ADD "project_id" uuid`);
    await q.query(`ALTER TABLE "visit" ADD "service_request_id" uuid`);
    await q.query(`ALTER TABLE "visit" ADD "customer_id" text NOT NULL`);
    await q.query(`ALTER TABLE "visit" ADD "crew_engineer_ids" jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`ALTER TABLE "visit" ADD "booking_status" text NOT NULL DEFAULT 'proposed'`);
    await q.query(`ALTER TABLE "visit" ADD "segments" jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`ALTER TABLE "visit" ADD "travel_minutes" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "visit" ADD "site" jsonb`);
    await q.query(`ALTER TABLE "visit" ADD "started_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "visit" ADD "completed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "visit" ADD "outcome" text`);
    await q.query(`ALTER TABLE "visit" ADD "follow_up_reason" text`);
    await q.query(`ALTER TABLE "visit" ADD "sign_off_name" text`);
    await q.query(`ALTER TABLE "visit" ADD "signed_off_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "visit" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "visit" ADD "cancellation_reason" text`);
    await q.query(`ALTER TABLE "visit" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX "ix_visit_project" ON "visit"("project_id")`);
    await q.query(`CREATE UNIQUE INDEX "ux_visit_booking_engineer" ON "visit"("booking_id", "engineer_id")`);
    await q.query(`ALTER TABLE "visit" ADD CONSTRAINT "ck_visit_booking_status" CHECK ("booking_status" IN ('proposed', 'confirmed'))`);
    await q.query(`ALTER TABLE "visit" ADD CONSTRAINT "ck_visit_completed_started" CHECK ("status" <> 'completed' OR ("started_at" IS NOT NULL AND "completed_at" IS NOT NULL))`);
    await q.query(`ALTER TABLE "visit" ADD CONSTRAINT "ck_visit_completed_has_outcome" CHECK (("status" = 'completed') = ("outcome" IS NOT NULL))`);
    await q.query(`ALTER TABLE "visit" ADD CONSTRAINT "ck_visit_outcome" CHECK ("outcome" IS NULL OR "outcome" IN ('completed', 'incomplete'))`);
    // A booking may be a single instant (a zero-length call-out); only a window that ends before it starts is wrong.
    await q.query(`ALTER TABLE "visit" DROP CONSTRAINT "ck_visit_window"`);
    await q.query(`ALTER TABLE "visit" ADD CONSTRAINT "ck_visit_window" CHECK ("scheduled_end" >= "scheduled_start")`);
    await q.query(`ALTER TABLE "expense" ADD CONSTRAINT "fk_expense_visit" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "expense" ADD CONSTRAINT "fk_expense_corrects" FOREIGN KEY ("corrects") REFERENCES "expense"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "time_entry" ADD CONSTRAINT "fk_time_entry_visit" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "time_entry" ADD CONSTRAINT "fk_time_entry_corrects" FOREIGN KEY ("corrects") REFERENCES "time_entry"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "checklist_tick" ADD CONSTRAINT "fk_checklist_tick_visit" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "visit_check_in" ADD CONSTRAINT "fk_visit_check_in_visit" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "visit_note" ADD CONSTRAINT "fk_visit_note_visit" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "visit_note" DROP CONSTRAINT "fk_visit_note_visit"`);
    await q.query(`ALTER TABLE "visit_check_in" DROP CONSTRAINT "fk_visit_check_in_visit"`);
    await q.query(`ALTER TABLE "checklist_tick" DROP CONSTRAINT "fk_checklist_tick_visit"`);
    await q.query(`ALTER TABLE "time_entry" DROP CONSTRAINT "fk_time_entry_corrects"`);
    await q.query(`ALTER TABLE "time_entry" DROP CONSTRAINT "fk_time_entry_visit"`);
    await q.query(`ALTER TABLE "expense" DROP CONSTRAINT "fk_expense_corrects"`);
    await q.query(`ALTER TABLE "expense" DROP CONSTRAINT "fk_expense_visit"`);
    await q.query(`ALTER TABLE "visit" DROP CONSTRAINT "ck_visit_window"`);
    await q.query(`ALTER TABLE "visit" ADD CONSTRAINT "ck_visit_window" CHECK ("scheduled_end" > "scheduled_start")`);
    await q.query(`ALTER TABLE "visit" DROP CONSTRAINT "ck_visit_outcome"`);
    await q.query(`ALTER TABLE "visit" DROP CONSTRAINT "ck_visit_completed_has_outcome"`);
    await q.query(`ALTER TABLE "visit" DROP CONSTRAINT "ck_visit_completed_started"`);
    await q.query(`ALTER TABLE "visit" DROP CONSTRAINT "ck_visit_booking_status"`);
    await q.query(`DROP INDEX "public"."ux_visit_booking_engineer"`);
    await q.query(`DROP INDEX "public"."ix_visit_project"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "updated_at"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "cancellation_reason"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "cancelled_at"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "signed_off_at"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "sign_off_name"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "follow_up_reason"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "outcome"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "completed_at"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "started_at"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "site"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "travel_minutes"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "segments"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "booking_status"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "crew_engineer_ids"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "customer_id"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "service_request_id"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "project_id"`);
    await q.query(`ALTER TABLE "visit" DROP COLUMN "booking_id"`);
    await q.query(`DROP INDEX "public"."ix_visit_note_visit"`);
    await q.query(`DROP TABLE "visit_note"`);
    await q.query(`DROP INDEX "public"."ix_visit_check_in_visit"`);
    await q.query(`DROP INDEX "public"."ux_visit_check_in_open"`);
    await q.query(`DROP TABLE "visit_check_in"`);
    await q.query(`DROP TABLE "checklist_tick"`);
    await q.query(`DROP INDEX "public"."ix_time_entry_visit"`);
    await q.query(`DROP INDEX "public"."ix_time_entry_engineer"`);
    await q.query(`DROP INDEX "public"."ix_time_entry_status"`);
    await q.query(`DROP INDEX "public"."ux_time_entry_live_correction"`);
    await q.query(`DROP TABLE "time_entry"`);
    await q.query(`DROP INDEX "public"."ix_task_copy_serial"`);
    await q.query(`DROP INDEX "public"."ix_task_copy_project"`);
    await q.query(`DROP TABLE "task_copy"`);
    await q.query(`DROP INDEX "public"."ux_machine_coverage"`);
    await q.query(`DROP TABLE "machine_coverage"`);
    await q.query(`DROP INDEX "public"."ux_parts_consumption_issue_line"`);
    await q.query(`DROP INDEX "public"."ix_parts_consumption_visit"`);
    await q.query(`DROP INDEX "public"."ix_parts_consumption_task"`);
    await q.query(`DROP TABLE "parts_consumption"`);
    await q.query(`DROP INDEX "public"."ix_expense_visit"`);
    await q.query(`DROP INDEX "public"."ix_expense_status"`);
    await q.query(`DROP INDEX "public"."ux_expense_live_correction"`);
    await q.query(`DROP TABLE "expense"`);
    await q.query(`DROP INDEX "public"."ix_audit_entry_record"`);
    await q.query(`DROP INDEX "public"."ix_audit_entry_visit"`);
    await q.query(`DROP TABLE "audit_entry"`);
  }
}
