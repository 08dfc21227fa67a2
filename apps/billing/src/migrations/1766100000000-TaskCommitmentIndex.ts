import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A project's event can come after the first events of its tasks (service-commitments announces a
 * task ready at once in the transaction that makes the project). Work approved on such a task waits
 * for its commitment's terms, and the project's event looks up the tasks of its commitments to
 * release it: by this index, not by reading every task billing knows.
 */
export class TaskCommitmentIndex1766100000000 implements MigrationInterface {
  name = 'TaskCommitmentIndex1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_billing_task_commitment" ON "billing_task" ("commitment_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_billing_task_commitment"`);
  }
}
