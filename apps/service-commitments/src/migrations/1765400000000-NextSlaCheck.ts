import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `service_request.next_sla_check_at`: when the SLA monitor next has an escalation step to raise
 * for the request (null when none can come). The monitor read every unresolved request every
 * minute and opened a transaction for each, including the ones on hold or long escalated that
 * never change again; now it reads the requests whose instant has come, by this partial index.
 *
 * The instant comes from the SLA clock's rules (TypeScript), so it cannot be worked out here:
 * every open request is made due at once (from when it was raised, so the first run takes them
 * in the order it always did), and that run works out each one's real instant as it looks at it,
 * raising what is due exactly as before. Resolved requests have none.
 */
export class NextSlaCheck1765400000000 implements MigrationInterface {
  name = 'NextSlaCheck1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "service_request" ADD "next_sla_check_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "service_request" SET "next_sla_check_at" = "raised_at" WHERE status <> 'resolved'`);
    await q.query(`CREATE INDEX "service_request_sla_check" ON "service_request" ("next_sla_check_at", "id") WHERE next_sla_check_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."service_request_sla_check"`);
    await q.query(`ALTER TABLE "service_request" DROP COLUMN "next_sla_check_at"`);
  }
}
