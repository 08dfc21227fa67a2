import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The visits of a day, for every engineer (a dispatcher's board): a visit can run over several
 * days, so its start alone does not bound the search, and `start < day end AND end > day start`
 * read every visit ever booked. A GiST index on the visit's period answers the overlap instead.
 * An expression index TypeORM cannot describe: the entity names it with `synchronize: false`.
 */
export class VisitPeriodIndex1765200000000 implements MigrationInterface {
  name = 'VisitPeriodIndex1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_visit_period" ON "visit" USING gist (tstzrange("scheduled_start", "scheduled_end"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_visit_period"`);
  }
}
