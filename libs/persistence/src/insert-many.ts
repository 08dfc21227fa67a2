import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/** PostgreSQL takes at most 65,535 parameters in one statement; stay well below. */
const PARAMETERS_PER_STATEMENT = 20_000;

/**
 * Inserts many entities of one kind in a few statements, setting their generated
 * columns (ids, defaults, timestamps) from RETURNING, as `manager.insert` does.
 *
 * The SQL is built here from the entity's metadata with the driver's own value
 * conversion, because TypeORM's insert builder copies all earlier parameters for
 * each new one: a statement of a few thousand parameters spent more time there
 * than PostgreSQL spent on it (bench/order-chain, service-commitments' profile).
 * Entity listeners do not run (the entities that use this have none).
 * `ignoreConflicts` skips rows that would break a unique constraint (ON CONFLICT DO
 * NOTHING); generated values are then not read back.
 */
export async function insertMany<T extends ObjectLiteral>(
  tx: EntityManager,
  target: EntityTarget<T>,
  entities: Partial<T>[],
  options: { ignoreConflicts?: boolean } = {},
): Promise<void> {
  if (entities.length === 0) return;
  const metadata = tx.connection.getMetadata(target);
  const driver = tx.connection.driver;
  const columns = metadata.columns.filter((c) => c.isInsert && !(c.isGenerated && c.generationStrategy === 'increment'));
  // Rows skipped on a conflict return nothing, so their generated values cannot be matched up: none are read then.
  const returning = options.ignoreConflicts ? [] : metadata.getInsertionReturningColumns();
  const table = metadata.tablePath.split('.').map((part) => driver.escape(part)).join('.');
  const columnList = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const returningList = returning.map((c) => driver.escape(c.databaseName)).join(', ');
  const rowsPerStatement = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns.length));

  for (let start = 0; start < entities.length; start += rowsPerStatement) {
    const chunk = entities.slice(start, start + rowsPerStatement);
    const parameters: unknown[] = [];
    const rows = chunk.map((entity) => `(${columns.map((column) => valueExpression(column, entity, parameters, driver)).join(', ')})`);
    const onConflict = options.ignoreConflicts ? ' ON CONFLICT DO NOTHING' : '';
    const sql = `INSERT INTO ${table} (${columnList}) VALUES ${rows.join(', ')}${onConflict}${returning.length > 0 ? ` RETURNING ${returningList}` : ''}`;
    const inserted: Record<string, unknown>[] = await tx.query(sql, parameters);
    inserted.forEach((row, i) => {
      for (const column of returning) column.setEntityValue(chunk[i], driver.prepareHydratedValue(row[column.databaseName], column));
    });
  }
}

function valueExpression(column: ColumnMetadata, entity: ObjectLiteral, parameters: unknown[], driver: EntityManager['connection']['driver']): string {
  const raw = column.getEntityValue(entity);
  if (typeof raw === 'function') return (raw as () => string)();
  const value = driver.preparePersistentValue(raw, column);
  if (value === undefined) return column.isVersion ? '1' : 'DEFAULT';
  parameters.push(value);
  return `$${parameters.length}`;
}
