import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finance's review queue shows the newest 200 notes on lines changed after they were billed
 * (`ledger_adjustment` rows with action 'note'), for every customer or one. Notes are a small part
 * of the adjustments, which grow by several rows per line billed: without an index the queue read
 * every adjustment and sorted the notes. The partial index holds the notes alone, newest last,
 * and is read backwards until 200 are found.
 */
export class ReviewNotesIndex1765300000000 implements MigrationInterface {
  name = 'ReviewNotesIndex1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_ledger_adjustment_note" ON "ledger_adjustment" ("at") WHERE "action" = 'note'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_ledger_adjustment_note"`);
  }
}
