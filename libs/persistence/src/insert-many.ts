import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * TypeORM's insert builder checks each new parameter against all earlier ones,
 * so one statement of thousands of rows costs time quadratic in its size; rows
 * go in statements of this many instead.
 */
const ROWS_PER_STATEMENT = 100;

/**
 * Inserts many entities in a few statements. Like `manager.insert`, the entities
 * get their generated columns (ids, defaults, timestamps) back.
 */
export async function insertMany<T extends ObjectLiteral>(tx: EntityManager, target: EntityTarget<T>, entities: T[]): Promise<void> {
  for (let start = 0; start < entities.length; start += ROWS_PER_STATEMENT) {
    await tx.insert(target, entities.slice(start, start + ROWS_PER_STATEMENT) as never);
  }
}
