import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff lists without a filter, each growing with every breakdown and every step up the chain:
 * - `service_request_raised`: `GET /service-requests` pages newest first (`raised_at DESC, id`);
 * - `escalation_raised`: `GET /escalations` reads the first 500 in the order they were raised
 *   (`raised_at`, then target, level and id for steps raised at one instant).
 * Both sorted the whole table to return one page; now they read the index in order and sort only
 * the rows that share a `raised_at` (an incremental sort). A customer's lists keep their indexes
 * by customer. The request list's total is still a count of every row: no index changes that.
 */
export class StaffListIndexes1765300000000 implements MigrationInterface {
  name = 'StaffListIndexes1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "service_request_raised" ON "service_request" ("raised_at")`);
    await q.query(`CREATE INDEX "escalation_raised" ON "escalation" ("raised_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."escalation_raised"`);
    await q.query(`DROP INDEX "public"."service_request_raised"`);
  }
}
