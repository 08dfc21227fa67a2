import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sums for the whole-business task status, customer load and completed work: per customer and region (tasks,
 * open, done, pending commitments), open tasks per due day, the commitments counted as pending, visits and tasks
 * done per month. Filled from the fact tables already there, as the ingest would have kept them (see
 * ingest/contributions.ts and savePendingCommitments in ingest/projector.ts).
 */
export class AddTaskStatusSums1764300000000 implements MigrationInterface {
  name = 'AddTaskStatusSums1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "customer_region_tasks" ("customer_id" text NOT NULL, "region" text NOT NULL, "tasks" integer NOT NULL DEFAULT '0', "open_tasks" integer NOT NULL DEFAULT '0', "done_tasks" integer NOT NULL DEFAULT '0', "pending_commitments" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_3588fcef730f59cfddc317ee7b6" PRIMARY KEY ("customer_id", "region"))`);
    await queryRunner.query(`CREATE TABLE "task_due_day" ("customer_id" text NOT NULL, "region" text NOT NULL, "due_date" date NOT NULL, "open_tasks" integer NOT NULL DEFAULT '0', "unbooked_tasks" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_dd6d04928e94e7a10401547d422" PRIMARY KEY ("customer_id", "region", "due_date"))`);
    await queryRunner.query(`CREATE INDEX "ix_task_due_day_due" ON "task_due_day"  ("due_date") `);
    await queryRunner.query(`CREATE TABLE "commitment_pending" ("commitment_id" text NOT NULL, "customer_id" text NOT NULL, "region" text NOT NULL, CONSTRAINT "PK_9da33c008bcc993f77a917ecda1" PRIMARY KEY ("commitment_id"))`);
    await queryRunner.query(`CREATE TABLE "work_month" ("month" date NOT NULL, "visits_completed" integer NOT NULL DEFAULT '0', "tasks_done" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_bb937bc23b379ca61fe1c60d819" PRIMARY KEY ("month"))`);
    // Backfill from the facts.
    await queryRunner.query(
      `INSERT INTO "customer_region_tasks" ("customer_id", "region", "tasks", "open_tasks", "done_tasks")
       SELECT t.customer_id, COALESCE(t.region, ''), COUNT(*), COUNT(*) FILTER (WHERE t.status NOT IN ('done', 'cancelled')), COUNT(*) FILTER (WHERE t.status = 'done')
       FROM "task" t GROUP BY 1, 2`,
    );
    await queryRunner.query(
      `INSERT INTO "commitment_pending" ("commitment_id", "customer_id", "region")
       SELECT c.commitment_id, c.customer_id, COALESCE(pr.region, '')
       FROM "commitment" c LEFT JOIN "project" pr ON pr.project_id = c.project_id LEFT JOIN "commitment_tasks" ct ON ct.commitment_id = c.commitment_id
       WHERE c.customer_id IS NOT NULL AND c.cancelled_at IS NULL AND pr.cancelled_at IS NULL AND (ct.tasks IS NULL OR ct.tasks = 0 OR ct.open_tasks > 0)`,
    );
    await queryRunner.query(
      `INSERT INTO "customer_region_tasks" ("customer_id", "region", "pending_commitments")
       SELECT customer_id, region, COUNT(*) FROM "commitment_pending" GROUP BY 1, 2
       ON CONFLICT ("customer_id", "region") DO UPDATE SET "pending_commitments" = EXCLUDED."pending_commitments"`,
    );
    await queryRunner.query(
      `INSERT INTO "task_due_day" ("customer_id", "region", "due_date", "open_tasks", "unbooked_tasks")
       SELECT t.customer_id, COALESCE(t.region, ''), COALESCE(t.due_date, (t.due_at AT TIME ZONE 'UTC')::date), COUNT(*),
              COUNT(*) FILTER (WHERE t.status IN ('promised', 'ready', 'on_hold'))
       FROM "task" t
       WHERE t.status NOT IN ('done', 'cancelled') AND COALESCE(t.due_date, (t.due_at AT TIME ZONE 'UTC')::date) IS NOT NULL
       GROUP BY 1, 2, 3`,
    );
    await queryRunner.query(
      `INSERT INTO "work_month" ("month", "visits_completed", "tasks_done")
       SELECT month, SUM(visits), SUM(tasks) FROM (
         SELECT date_trunc('month', v.completed_at AT TIME ZONE 'UTC')::date AS month, 1 AS visits, 0 AS tasks FROM "visit" v WHERE v.completed_at IS NOT NULL
         UNION ALL
         SELECT date_trunc('month', t.completed_at AT TIME ZONE 'UTC')::date, 0, 1 FROM "task" t WHERE t.status = 'done' AND t.completed_at IS NOT NULL
       ) x GROUP BY 1`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "work_month"`);
    await queryRunner.query(`DROP TABLE "commitment_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_due_day_due"`);
    await queryRunner.query(`DROP TABLE "task_due_day"`);
    await queryRunner.query(`DROP TABLE "customer_region_tasks"`);
  }
}
