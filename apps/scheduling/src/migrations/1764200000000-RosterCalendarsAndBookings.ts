import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Skills with certificates, regions served and travel between regions, working
 * hours, leave, public holidays, the constrained `engineer_time` table (bookings, leave,
 * holidays), bookings, the task copy, the unassigned queue and decision records.
 * Generated with `npm run migration:diff -- scheduling`; reviewed. Added by hand:
 * the btree_gist extension the exclusion constraint needs (uuid equality inside
 * a GiST index), and the standard week for engineers that existed before.
 */
export class RosterCalendarsAndBookings1764200000000 implements MigrationInterface {
  name = 'RosterCalendarsAndBookings1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE TABLE "assignment_decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "kind" text NOT NULL, "outcome" text NOT NULL, "actor" text NOT NULL, "override_reason" text, "record" jsonb NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_54e3f8d76c4ef2bf1e2f981cba9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "assignment_decision_task" ON "assignment_decision"  ("task_id", "decided_at") `);
    await q.query(`CREATE TABLE "booking" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "status" text NOT NULL, "engineer_ids" jsonb NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "segments" jsonb NOT NULL, "travel_minutes" jsonb NOT NULL, "assigned_by" text NOT NULL, "override_reason" text, "decision_id" uuid, "end_reason" text, "confirmed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_49171efc69702ed84c812f33540" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "booking_one_live_per_task" ON "booking"  ("task_id") WHERE "status" IN ('proposed', 'confirmed')`);
    await q.query(`CREATE INDEX "booking_task" ON "booking"  ("task_id") `);
    await q.query(`CREATE TABLE "scheduling_task" ("task_id" uuid NOT NULL, "project_id" uuid, "service_request_id" uuid, "customer_id" text NOT NULL, "site_region" text, "status" text NOT NULL, "snapshot" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1cdcb68cfe78488cd875ca8db91" PRIMARY KEY ("task_id"))`);
    await q.query(`CREATE INDEX "scheduling_task_region" ON "scheduling_task"  ("site_region") `);
    await q.query(`CREATE TABLE "unassigned_task" ("task_id" uuid NOT NULL, "reasons" jsonb NOT NULL, "auto_retry" boolean NOT NULL DEFAULT true, "attempts" integer NOT NULL DEFAULT '1', "last_decision_id" uuid, "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d82363f610b3652ee1da30ce749" PRIMARY KEY ("task_id"))`);
    await q.query(`CREATE TABLE "public_holiday" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region" text NOT NULL, "date" date NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_public_holiday_region_date" UNIQUE ("region", "date"), CONSTRAINT "PK_4e79a2a38a9272fab9cb3577c33" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "engineer_leave" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "engineer_id" uuid NOT NULL, "first_day" date NOT NULL, "last_day" date NOT NULL, "note" text, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fc01789af7294dffaecce42cf4e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "engineer_leave_engineer" ON "engineer_leave"  ("engineer_id", "first_day") `);
    await q.query(`CREATE TABLE "engineer_time" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "engineer_id" uuid NOT NULL, "kind" text NOT NULL, "period" tstzrange NOT NULL, "status" text NOT NULL DEFAULT 'confirmed', "booking_id" uuid, "holiday_id" uuid, "travel_minutes" integer NOT NULL DEFAULT '0', "leave_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "engineer_time_no_overlap" EXCLUDE USING gist ("engineer_id" WITH =, "period" WITH &&) WHERE ("status" <> 'cancelled'), CONSTRAINT "PK_c70942bfe3bc6ecbd6c98ed859b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "engineer_time_booking" ON "engineer_time"  ("booking_id") `);
    await q.query(`CREATE TABLE "region_travel" ("from_region" text NOT NULL, "to_region" text NOT NULL, "minutes" integer NOT NULL, CONSTRAINT "PK_41ebdb3ac550319cb5e97a04f51" PRIMARY KEY ("from_region", "to_region"))`);
    await q.query(`CREATE TABLE "engineer_region" ("engineer_id" uuid NOT NULL, "region" text NOT NULL, CONSTRAINT "PK_5c3c2f609b89ca97185d6f9b834" PRIMARY KEY ("engineer_id", "region"))`);
    await q.query(`CREATE INDEX "engineer_region_region" ON "engineer_region"  ("region") `);
    await q.query(`CREATE TABLE "engineer_skill" ("engineer_id" uuid NOT NULL, "skill" text NOT NULL, "certificate" text, "certified_until" date, CONSTRAINT "PK_f7a1f84e6f26c7a4dd267f30b67" PRIMARY KEY ("engineer_id", "skill"))`);
    await q.query(`ALTER TABLE "engineer" ADD "working_hours" jsonb NOT NULL DEFAULT '[{"day":1,"start":"09:00","end":"18:00"},{"day":2,"start":"09:00","end":"18:00"},{"day":3,"start":"09:00","end":"18:00"},{"day":4,"start":"09:00","end":"18:00"},{"day":5,"start":"09:00","end":"18:00"}]'`);
    // Engineers from before this migration get the standard week; new ones always state theirs.
    await q.query(`ALTER TABLE "engineer" ALTER COLUMN "working_hours" DROP DEFAULT`);
    await q.query(`ALTER TABLE "engineer" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE "engineer_time" ADD CONSTRAINT "fk_engineer_time_engineer" FOREIGN KEY ("engineer_id") REFERENCES "engineer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "engineer_time" ADD CONSTRAINT "fk_engineer_time_booking" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "engineer_time" ADD CONSTRAINT "fk_engineer_time_holiday" FOREIGN KEY ("holiday_id") REFERENCES "public_holiday"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "engineer_time" ADD CONSTRAINT "fk_engineer_time_leave" FOREIGN KEY ("leave_id") REFERENCES "engineer_leave"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "engineer_leave" ADD CONSTRAINT "fk_engineer_leave_engineer" FOREIGN KEY ("engineer_id") REFERENCES "engineer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "engineer_region" ADD CONSTRAINT "fk_engineer_region_engineer" FOREIGN KEY ("engineer_id") REFERENCES "engineer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "engineer_skill" ADD CONSTRAINT "fk_engineer_skill_engineer" FOREIGN KEY ("engineer_id") REFERENCES "engineer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "engineer_skill" DROP CONSTRAINT "fk_engineer_skill_engineer"`);
    await q.query(`ALTER TABLE "engineer_region" DROP CONSTRAINT "fk_engineer_region_engineer"`);
    await q.query(`ALTER TABLE "engineer_leave" DROP CONSTRAINT "fk_engineer_leave_engineer"`);
    await q.query(`ALTER TABLE "engineer_time" DROP CONSTRAINT "fk_engineer_time_leave"`);
    await q.query(`ALTER TABLE "engineer_time" DROP CONSTRAINT "fk_engineer_time_holiday"`);
    await q.query(`ALTER TABLE "engineer_time" DROP CONSTRAINT "fk_engineer_time_booking"`);
    await q.query(`ALTER TABLE "engineer_time" DROP CONSTRAINT "fk_engineer_time_engineer"`);
    await q.query(`ALTER TABLE "engineer" DROP COLUMN "updated_at"`);
    await q.query(`ALTER TABLE "engineer" DROP COLUMN "working_hours"`);
    await q.query(`DROP TABLE "engineer_skill"`);
    await q.query(`DROP INDEX "public"."engineer_region_region"`);
    await q.query(`DROP TABLE "engineer_region"`);
    await q.query(`DROP TABLE "region_travel"`);
    await q.query(`DROP INDEX "public"."engineer_time_booking"`);
    await q.query(`DROP TABLE "engineer_time"`);
    await q.query(`DROP TABLE "public_holiday"`);
    await q.query(`DROP INDEX "public"."engineer_leave_engineer"`);
    await q.query(`DROP TABLE "engineer_leave"`);
    await q.query(`DROP TABLE "unassigned_task"`);
    await q.query(`DROP INDEX "public"."scheduling_task_region"`);
    await q.query(`DROP TABLE "scheduling_task"`);
    await q.query(`DROP INDEX "public"."booking_task"`);
    await q.query(`DROP INDEX "public"."booking_one_live_per_task"`);
    await q.query(`DROP TABLE "booking"`);
    await q.query(`DROP INDEX "public"."assignment_decision_task"`);
    await q.query(`DROP TABLE "assignment_decision"`);
    // The extension stays: another schema object may use it, and dropping it is not needed to undo this one.
  }
}
