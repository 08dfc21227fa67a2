import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lookups that read whole tables, each growing with every visit booked and every day of leave:
 * - `engineer_time_leave`, `engineer_time_holiday`: the rows a removed leave or public holiday
 *   takes with it (the foreign keys cascade, and PostgreSQL indexes no referencing column itself);
 * - `engineer_time_engineer_holidays`: an engineer's holiday rows, deleted and written again when
 *   leave is taken back or the engineer's home region or zone changes;
 * - `assignment_decision_decided`: the latest decisions, listed without a task;
 * - `booking_live_engineers` (GIN, on live bookings only): an engineer's live visits, found by
 *   crew member (`engineer_ids ? engineer`) when leave or switching an engineer off displaces them.
 */
export class LookupIndexes1765200000000 implements MigrationInterface {
  name = 'LookupIndexes1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "engineer_time_leave" ON "engineer_time" ("leave_id") WHERE "leave_id" IS NOT NULL`);
    await q.query(`CREATE INDEX "engineer_time_holiday" ON "engineer_time" ("holiday_id") WHERE "holiday_id" IS NOT NULL`);
    await q.query(`CREATE INDEX "engineer_time_engineer_holidays" ON "engineer_time" ("engineer_id") WHERE "kind" = 'holiday'`);
    await q.query(`CREATE INDEX "assignment_decision_decided" ON "assignment_decision" ("decided_at")`);
    await q.query(`CREATE INDEX "booking_live_engineers" ON "booking" USING gin ("engineer_ids") WHERE "status" IN ('proposed', 'confirmed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."booking_live_engineers"`);
    await q.query(`DROP INDEX "public"."assignment_decision_decided"`);
    await q.query(`DROP INDEX "public"."engineer_time_engineer_holidays"`);
    await q.query(`DROP INDEX "public"."engineer_time_holiday"`);
    await q.query(`DROP INDEX "public"."engineer_time_leave"`);
  }
}
