import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Service catalogue, service projects, order lines, commitments and tasks. */
export class CreateServiceProjects1764000000100 implements MigrationInterface {
  name = 'CreateServiceProjects1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "service_template" ("sku" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "starts_on" text NOT NULL, "lead_time_days" integer NOT NULL, "warranty_grace_days" integer NOT NULL, "due_within_days" integer NOT NULL, "tasks" jsonb NOT NULL, "billing" jsonb NOT NULL, "sla" jsonb NOT NULL, "amc" jsonb, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f71a2dc55c4b45898b09b4ce920" PRIMARY KEY ("sku"))`);
    await q.query(`CREATE TABLE "order_line" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "line_id" text NOT NULL, "sku" text NOT NULL, "description" text, "kind" text NOT NULL, "quantity" numeric(14,4) NOT NULL, "unit_price" numeric(18,4) NOT NULL, "for_line_id" text, "warranty_months" integer, "serial_numbers" jsonb NOT NULL DEFAULT '[]'::jsonb, CONSTRAINT "order_line_project_line" UNIQUE ("project_id", "line_id"), CONSTRAINT "PK_01a7c973d9f30479647e44f9892" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "service_project" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" text NOT NULL, "order_source" text NOT NULL, "order_date" date NOT NULL, "currency" character(3) NOT NULL, "customer_id" text NOT NULL, "customer_name" text NOT NULL, "customer_email" text, "customer_po_number" text, "site" jsonb NOT NULL, "status" text NOT NULL, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancellation_reason" text, "order_revision" integer NOT NULL DEFAULT '0', "order_fingerprint" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eec4396f76bed7e6963acd34dda" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "service_project_customer" ON "service_project"  ("customer_id") `);
    await q.query(`CREATE UNIQUE INDEX "service_project_order" ON "service_project"  ("order_source", "order_id") `);
    await q.query(`CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "commitment_id" uuid NOT NULL, "project_id" uuid NOT NULL, "template_task_key" text NOT NULL, "name" text NOT NULL, "status" text NOT NULL, "owner" text, "due_date" date, "required_skills" jsonb NOT NULL, "estimated_hours" numeric(8,2) NOT NULL, "engineers" integer NOT NULL DEFAULT '1', "checklist" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "task_project" ON "task"  ("project_id") `);
    await q.query(`CREATE INDEX "task_commitment" ON "task"  ("commitment_id") `);
    await q.query(`CREATE TABLE "commitment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "order_line_id" text NOT NULL, "sku" text NOT NULL, "kind" text NOT NULL, "unit_index" integer NOT NULL, "for_line_id" text, "serial_number" text, "status" text NOT NULL, "unit_price" numeric(18,4) NOT NULL, "template_snapshot" jsonb NOT NULL, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancellation_reason" text, "review_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7a0899978d100f72269b3045d7e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "commitment_project" ON "commitment"  ("project_id") `);
    await q.query(`ALTER TABLE "order_line" ADD CONSTRAINT "FK_order_line_project" FOREIGN KEY ("project_id") REFERENCES "service_project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "task" ADD CONSTRAINT "FK_task_commitment" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "commitment" ADD CONSTRAINT "FK_commitment_project" FOREIGN KEY ("project_id") REFERENCES "service_project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "commitment" DROP CONSTRAINT "FK_commitment_project"`);
    await q.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_task_commitment"`);
    await q.query(`ALTER TABLE "order_line" DROP CONSTRAINT "FK_order_line_project"`);
    await q.query(`DROP INDEX "public"."commitment_project"`);
    await q.query(`DROP TABLE "commitment"`);
    await q.query(`DROP INDEX "public"."task_commitment"`);
    await q.query(`DROP INDEX "public"."task_project"`);
    await q.query(`DROP TABLE "task"`);
    await q.query(`DROP INDEX "public"."service_project_order"`);
    await q.query(`DROP INDEX "public"."service_project_customer"`);
    await q.query(`DROP TABLE "service_project"`);
    await q.query(`DROP TABLE "order_line"`);
    await q.query(`DROP TABLE "service_template"`);
  }
}
