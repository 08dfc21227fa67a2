import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who did what to a task by hand, and when. */
export class TaskActivity1764700000000 implements MigrationInterface {
  name = 'TaskActivity1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "task_activity" (
      "id" BIGSERIAL NOT NULL,
      "task_id" uuid NOT NULL,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "actor" text NOT NULL,
      "actor_name" text,
      "action" text NOT NULL,
      "from_value" text,
      "to_value" text,
      "note" text,
      CONSTRAINT "PK_task_activity" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "task_activity_task" ON "task_activity" ("task_id", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."task_activity_task"`);
    await q.query(`DROP TABLE "task_activity"`);
  }
}
