import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sums per customer for the whole-business task status and customer load (tasks, open, done, open with a due day,
 * pending commitments), filled from the facts as the ingest would have kept them (see taskContribution in
 * ingest/contributions.ts and savePendingCommitments in ingest/projector.ts); the owner of each task, unknown (null)
 * for the tasks already there until their next event, and the sums per owner and per owner and due day (task
 * status by owner).
 */
export class AddCustomerTaskSumsAndTaskOwner1764400000000 implements MigrationInterface {
  name = 'AddCustomerTaskSumsAndTaskOwner1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "customer_tasks" ("customer_id" text NOT NULL, "tasks" integer NOT NULL DEFAULT '0', "open_tasks" integer NOT NULL DEFAULT '0', "done_tasks" integer NOT NULL DEFAULT '0', "dated_open_tasks" integer NOT NULL DEFAULT '0', "pending_commitments" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_e48ae65f2e1b9b45cda4c92b789" PRIMARY KEY ("customer_id"))`);
    await queryRunner.query(`ALTER TABLE "task" ADD "owner" text`);
    await queryRunner.query(`CREATE INDEX "ix_task_service_request" ON "task"  ("service_request_id") `);
    await queryRunner.query(`CREATE INDEX "ix_task_owner" ON "task"  ("owner") `);
    await queryRunner.query(`CREATE TABLE "owner_tasks" ("owner" text NOT NULL, "tasks" integer NOT NULL DEFAULT '0', "open_tasks" integer NOT NULL DEFAULT '0', "done_tasks" integer NOT NULL DEFAULT '0', "dated_open_tasks" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_94295151f6688568290879c3e61" PRIMARY KEY ("owner"))`);
    await queryRunner.query(`CREATE TABLE "owner_due_day" ("owner" text NOT NULL, "due_date" date NOT NULL, "open_tasks" integer NOT NULL DEFAULT '0', "unbooked_tasks" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_14871dd4701ed0bfdf14339b6aa" PRIMARY KEY ("owner", "due_date"))`);
    await queryRunner.query(`CREATE INDEX "ix_owner_due_day_due" ON "owner_due_day"  ("due_date") `);
    // Backfill from the facts.
    await queryRunner.query(
      `INSERT INTO "customer_tasks" ("customer_id", "tasks", "open_tasks", "done_tasks", "dated_open_tasks")
       SELECT t.customer_id, COUNT(*), COUNT(*) FILTER (WHERE t.status NOT IN ('done', 'cancelled')), COUNT(*) FILTER (WHERE t.status = 'done'),
              COUNT(*) FILTER (WHERE t.status NOT IN ('done', 'cancelled') AND COALESCE(t.due_date, (t.due_at AT TIME ZONE 'UTC')::date) IS NOT NULL)
       FROM "task" t GROUP BY 1`,
    );
    await queryRunner.query(
      `INSERT INTO "customer_tasks" ("customer_id", "pending_commitments")
       SELECT customer_id, COUNT(*) FROM "commitment_pending" GROUP BY 1
       ON CONFLICT ("customer_id") DO UPDATE SET "pending_commitments" = EXCLUDED."pending_commitments"`,
    );
    // The owners: '' for tasks without one (every task already there, the column being new).
    await queryRunner.query(
      `INSERT INTO "owner_tasks" ("owner", "tasks", "open_tasks", "done_tasks", "dated_open_tasks")
       SELECT COALESCE(t.owner, ''), COUNT(*), COUNT(*) FILTER (WHERE t.status NOT IN ('done', 'cancelled')), COUNT(*) FILTER (WHERE t.status = 'done'),
              COUNT(*) FILTER (WHERE t.status NOT IN ('done', 'cancelled') AND COALESCE(t.due_date, (t.due_at AT TIME ZONE 'UTC')::date) IS NOT NULL)
       FROM "task" t GROUP BY 1`,
    );
    await queryRunner.query(
      `INSERT INTO "owner_due_day" ("owner", "due_date", "open_tasks", "unbooked_tasks")
       SELECT COALESCE(t.owner, ''), COALESCE(t.due_date, (t.due_at AT TIME ZONE 'UTC')::date), COUNT(*), COUNT(*) FILTER (WHERE t.status IN ('promised', 'ready', 'on_hold'))
       FROM "task" t
       WHERE t.status NOT IN ('done', 'cancelled') AND COALESCE(t.due_date, (t.due_at AT TIME ZONE 'UTC')::date) IS NOT NULL
       GROUP BY 1, 2`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_owner_due_day_due"`);
    await queryRunner.query(`DROP TABLE "owner_due_day"`);
    await queryRunner.query(`DROP TABLE "owner_tasks"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_owner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_service_request"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "owner"`);
    await queryRunner.query(`DROP TABLE "customer_tasks"`);
  }
}
