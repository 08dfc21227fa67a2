import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ids of a project's tasks on its copy, so parts issued against a task that is not
 * ready yet are recorded with its project at once instead of waiting for the task. A
 * GIN index finds the project of a task id (`task_ids @> ARRAY[id]`). Copies made before
 * have none: their pending tasks are known from the project's next event, or when ready.
 */
export class ProjectCopyTaskIds1766000000000 implements MigrationInterface {
  name = 'ProjectCopyTaskIds1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "project_copy" ADD "task_ids" uuid array NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX "ix_project_copy_task_ids" ON "project_copy" USING gin ("task_ids")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_project_copy_task_ids"`);
    await q.query(`ALTER TABLE "project_copy" DROP COLUMN "task_ids"`);
  }
}
