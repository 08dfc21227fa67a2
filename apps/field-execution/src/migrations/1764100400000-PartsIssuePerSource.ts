import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An issue number is unique per ERP source (plant), not across them: the idempotency key names the source. */
export class PartsIssuePerSource1764100400000 implements MigrationInterface {
  name = 'PartsIssuePerSource1764100400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ux_parts_consumption_issue_line"`);
    await q.query(`CREATE UNIQUE INDEX "ux_parts_consumption_source_issue_line" ON "parts_consumption" ("event_source", "issue_id", "line_no")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ux_parts_consumption_source_issue_line"`);
    await q.query(`CREATE UNIQUE INDEX "ux_parts_consumption_issue_line" ON "parts_consumption" ("issue_id", "line_no")`);
  }
}
