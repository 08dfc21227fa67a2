import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * field-execution's copy of service projects (whose and which order), so parts issued
 * against a project are recorded before any of its tasks is ready. Projects known from
 * their tasks' copies are filled in at once, dated at the epoch so any project event wins.
 */
export class ProjectCopies1765700000000 implements MigrationInterface {
  name = 'ProjectCopies1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "project_copy" ("project_id" uuid NOT NULL, "order_id" text NOT NULL, "customer_id" text NOT NULL, "customer_name" text NOT NULL, "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_project_copy" PRIMARY KEY ("project_id"))`,
    );
    await q.query(
      `INSERT INTO "project_copy" ("project_id", "order_id", "customer_id", "customer_name", "as_of")
       SELECT DISTINCT ON ("project_id") "project_id", "order_id", "customer_id", "customer_name", timestamptz '1970-01-01T00:00:00Z'
         FROM "task_copy" WHERE "project_id" IS NOT NULL AND "order_id" IS NOT NULL
        ORDER BY "project_id", "as_of" DESC`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "project_copy"`);
  }
}
