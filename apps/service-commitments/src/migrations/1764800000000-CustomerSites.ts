import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer master's sites: an order without a site is done at its
 * customer's default site. Sites are learned from the orders already taken.
 */
export class CustomerSites1764800000000 implements MigrationInterface {
  name = 'CustomerSites1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "customer_site" (
      "customer_id" text NOT NULL,
      "site_id" text NOT NULL,
      "name" text, "address" text, "city" text, "region" text, "country" text, "timezone" text,
      "updated_from" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_customer_site" PRIMARY KEY ("customer_id", "site_id"))`);
    await q.query(`CREATE TABLE "customer_default_site" (
      "customer_id" text NOT NULL,
      "site_id" text NOT NULL,
      "set_by" text NOT NULL,
      "set_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_customer_default_site" PRIMARY KEY ("customer_id"))`);
    // What the orders taken so far say: each site as its latest order named it, and each customer's first site as its default.
    await q.query(`INSERT INTO "customer_site" (customer_id, site_id, name, address, city, region, country, timezone, updated_from, created_at, updated_at)
      SELECT DISTINCT ON (customer_id, site->>'id') customer_id, site->>'id', site->>'name', site->>'address', site->>'city',
             site->>'region', site->>'country', site->>'timezone', 'order', created_at, updated_at
        FROM "service_project" WHERE site->>'id' IS NOT NULL
       ORDER BY customer_id, site->>'id', updated_at DESC`);
    await q.query(`INSERT INTO "customer_default_site" (customer_id, site_id, set_by, set_at)
      SELECT DISTINCT ON (customer_id) customer_id, site->>'id', 'first_order', created_at
        FROM "service_project" WHERE site->>'id' IS NOT NULL
       ORDER BY customer_id, created_at, id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "customer_default_site"`);
    await q.query(`DROP TABLE "customer_site"`);
  }
}
