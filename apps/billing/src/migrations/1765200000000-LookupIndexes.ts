import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lookups that read whole ledger or invoice tables, each growing with every piece of work billed:
 * - `ix_ledger_line_customer_date`: a customer's ledger (`GET /ledger?customerId=`, and every
 *   customer user's own), optionally between two work dates, in work date then creation order,
 *   500 at most: read in index order, stopping at the limit;
 * - `ix_ledger_line_contract_due`: contract instalments still unbilled that fell due (work date up
 *   to today), promoted to ready by every sweep; the partial index holds only unbilled contract lines;
 * - `ix_ledger_line_visit`, `ix_ledger_line_task`: the parts line a parts return takes back, by
 *   the visit or the task it was issued to;
 * - `ix_invoice_request_line_line`: the rejected or credited requests the lines of a new request
 *   were on last, by ledger line, live or not (the unique index on a line covers live rows only);
 * - `ix_invoice_request_requested`: the newest invoice requests, listed without a customer;
 * - `ix_invoice_request_mismatch`: finance's review queue, requests whose posted total differs,
 *   newest answer first.
 */
export class LookupIndexes1765200000000 implements MigrationInterface {
  name = 'LookupIndexes1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_ledger_line_customer_date" ON "ledger_line" ("customer_id", "work_date", "created_at")`);
    await q.query(`CREATE INDEX "ix_ledger_line_contract_due" ON "ledger_line" ("work_date") WHERE "state" = 'unbilled' AND "source_kind" = 'contract'`);
    await q.query(`CREATE INDEX "ix_ledger_line_visit" ON "ledger_line" ("visit_id") WHERE "visit_id" IS NOT NULL`);
    await q.query(`CREATE INDEX "ix_ledger_line_task" ON "ledger_line" ("task_id") WHERE "task_id" IS NOT NULL`);
    await q.query(`CREATE INDEX "ix_invoice_request_line_line" ON "invoice_request_line" ("line_id")`);
    await q.query(`CREATE INDEX "ix_invoice_request_requested" ON "invoice_request" ("requested_at")`);
    await q.query(`CREATE INDEX "ix_invoice_request_mismatch" ON "invoice_request" ("answered_at") WHERE "total_mismatch"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_invoice_request_mismatch"`);
    await q.query(`DROP INDEX "public"."ix_invoice_request_requested"`);
    await q.query(`DROP INDEX "public"."ix_invoice_request_line_line"`);
    await q.query(`DROP INDEX "public"."ix_ledger_line_task"`);
    await q.query(`DROP INDEX "public"."ix_ledger_line_visit"`);
    await q.query(`DROP INDEX "public"."ix_ledger_line_contract_due"`);
    await q.query(`DROP INDEX "public"."ix_ledger_line_customer_date"`);
  }
}
