import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ServiceProjectFacts } from '#contracts';
import type { EventBatchContext, EventContext } from '#messaging';
import { parkingKey } from '../core/parking-keys.js';

/** A project as its event tells it, and when it was so. */
export interface ProjectFacts {
  facts: ServiceProjectFacts;
  asOf: Date;
}

/**
 * Keeps field-execution's copy of service-commitments' projects: whose each is and for
 * which order. Parts parked under a project's key are released once it is known, under
 * the same lock the parts issue takes before looking.
 */
@Injectable()
export class ProjectCopies {
  async remember(project: ProjectFacts, context: EventContext): Promise<void> {
    const key = parkingKey('project', project.facts.projectId);
    await context.lock(key);
    await this.upsert(context.tx, [project]);
    await context.releaseParked(key);
  }

  /** Many projects in one statement: a fetch of new orders brings one each. */
  async rememberAll(projects: ProjectFacts[], batch: EventBatchContext): Promise<void> {
    const newest = new Map<string, ProjectFacts>();
    for (const p of projects) {
      const seen = newest.get(p.facts.projectId);
      if (!seen || seen.asOf <= p.asOf) newest.set(p.facts.projectId, p);
    }
    const keys = [...newest.keys()].map((id) => parkingKey('project', id));
    await batch.lockAll(keys);
    await this.upsert(batch.tx, [...newest.values()]);
    await batch.releaseParked(keys);
  }

  /** An older copy of a project never overwrites a newer one (a replay, or a change read before its creation). */
  private async upsert(tx: EntityManager, projects: ProjectFacts[]): Promise<void> {
    await tx.query(
      `INSERT INTO project_copy (project_id, order_id, customer_id, customer_name, as_of)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
       ON CONFLICT (project_id) DO UPDATE
         SET order_id = EXCLUDED.order_id, customer_id = EXCLUDED.customer_id, customer_name = EXCLUDED.customer_name, as_of = EXCLUDED.as_of
         WHERE project_copy.as_of <= EXCLUDED.as_of`,
      [
        projects.map((p) => p.facts.projectId),
        projects.map((p) => p.facts.orderId),
        projects.map((p) => p.facts.customer.id),
        projects.map((p) => p.facts.customer.name),
        projects.map((p) => p.asOf.toISOString()),
      ],
    );
  }
}
