import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ServiceProjectFacts } from '#contracts';
import type { EventBatchContext, EventContext } from '#messaging';
import { parkingKey, UNKNOWN_TASK_LOCK } from '../core/parking-keys.js';
import { taskIdsOfProject, uuidArrayLiteral } from './domain/project-tasks.js';

/** A project as its event tells it, and when it was so. */
export interface ProjectFacts {
  facts: ServiceProjectFacts;
  asOf: Date;
}

/**
 * Keeps field-execution's copy of service-commitments' projects: whose each is, for
 * which order and its tasks' ids. Parts parked under a project's key, or under the key of
 * one of its tasks, are released once it is known.
 */
@Injectable()
export class ProjectCopies {
  async remember(project: ProjectFacts, context: EventContext): Promise<void> {
    await this.rememberAll([project], context.asBatch());
  }

  /** Many projects in one statement: a fetch of new orders brings one each. */
  async rememberAll(projects: ProjectFacts[], batch: EventBatchContext): Promise<void> {
    const newest = new Map<string, ProjectFacts>();
    for (const p of projects) {
      const seen = newest.get(p.facts.projectId);
      if (!seen || seen.asOf <= p.asOf) newest.set(p.facts.projectId, p);
    }
    const keys = [...newest.keys()].map((id) => parkingKey('project', id));
    // Shared and first: a parts issue against a task these projects list takes it exclusively before looking.
    await batch.lockShared(UNKNOWN_TASK_LOCK);
    // Taken before writing: a parts issue against the project takes it before looking.
    await batch.lockAll(keys);
    const waiting = await this.upsert(batch.tx, [...newest.values()], keys);
    // Nearly always nothing waits: then no more statements.
    if (waiting.length > 0) await batch.releaseParked(waiting);
  }

  /**
   * Writes the copies (an older copy of a project never overwrites a newer one: a replay,
   * or a change read before its creation) and answers, in the same statement, which of
   * the projects' keys and the keys of the tasks just written have parts waiting.
   *
   * The task keys are not locked before: a project has many tasks and a fetch many projects,
   * more advisory locks than a transaction should hold. The unknown-task lock, taken shared
   * before this, stands in for them: a parts issue against a task takes it exclusively before
   * looking, so it is parked either before this statement (which then sees it) or after this
   * transaction commits (and then finds the copy that lists its task, and is not parked).
   * The project keys are locked, so parts parked under them are always seen.
   */
  private async upsert(tx: EntityManager, projects: ProjectFacts[], projectKeys: string[]): Promise<string[]> {
    const rows: { park_key: string }[] = await tx.query(
      `WITH written AS (
         INSERT INTO project_copy (project_id, order_id, customer_id, customer_name, as_of, task_ids)
         SELECT p, o, c, n, a, t::uuid[] FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS u(p, o, c, n, a, t)
         ON CONFLICT (project_id) DO UPDATE
           SET order_id = EXCLUDED.order_id, customer_id = EXCLUDED.customer_id, customer_name = EXCLUDED.customer_name, as_of = EXCLUDED.as_of,
               -- An event from a producer before task ids (none listed) does not forget the ids known.
               task_ids = CASE WHEN cardinality(EXCLUDED.task_ids) = 0 THEN project_copy.task_ids ELSE EXCLUDED.task_ids END
           WHERE project_copy.as_of <= EXCLUDED.as_of
         RETURNING task_ids
       )
       SELECT DISTINCT park_key FROM parked_event
        WHERE released_at IS NULL
          AND park_key = ANY($7::text[] || ARRAY(SELECT $8::text || t::text FROM written, unnest(written.task_ids) AS t))`,
      [
        projects.map((p) => p.facts.projectId),
        projects.map((p) => p.facts.orderId),
        projects.map((p) => p.facts.customer.id),
        projects.map((p) => p.facts.customer.name),
        projects.map((p) => p.asOf.toISOString()),
        projects.map((p) => uuidArrayLiteral(taskIdsOfProject(p.facts))),
        projectKeys,
        parkingKey('task', ''),
      ],
    );
    return rows.map((r) => r.park_key);
  }
}
