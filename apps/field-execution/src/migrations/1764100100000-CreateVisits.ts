import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateVisits1764100100000 implements MigrationInterface {
  name = 'CreateVisits1764100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "visit" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "task_id" uuid NOT NULL,
        "engineer_id" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'scheduled',
        "scheduled_start" timestamptz NOT NULL,
        "scheduled_end" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_visit" PRIMARY KEY ("id"),
        CONSTRAINT "ck_visit_status" CHECK ("status" IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
        CONSTRAINT "ck_visit_window" CHECK ("scheduled_end" > "scheduled_start")
      )`);
    // An engineer's day is read by time window; a task's visits by task.
    await queryRunner.query(`CREATE INDEX "ix_visit_engineer_start" ON "visit" ("engineer_id", "scheduled_start")`);
    await queryRunner.query(`CREATE INDEX "ix_visit_task" ON "visit" ("task_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "visit"`);
  }
}
