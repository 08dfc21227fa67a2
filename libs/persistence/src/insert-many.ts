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
  await writeMany(tx, target, entities, options.ignoreConflicts ? { kind: 'ignore' } : { kind: 'fail' });
}

/**
 * Inserts or updates many entities of one kind in a few statements, as
 * `manager.upsert(target, entities, conflictPaths)` does: a row whose conflict
 * columns match an existing one overwrites the columns given (any entity's
 * defined property); the others keep their values. Of two entities with the same
 * conflict columns the later wins, as if they were written one after the other.
 * An update-date column is set anew on update. Generated values are not read back.
 */
export async function upsertMany<T extends ObjectLiteral>(
  tx: EntityManager,
  target: EntityTarget<T>,
  entities: Partial<T>[],
  conflictPaths: (keyof T & string)[],
): Promise<void> {
  await writeMany(tx, target, entities, { kind: 'update', conflictPaths });
}

type OnConflict = { kind: 'fail' } | { kind: 'ignore' } | { kind: 'update'; conflictPaths: string[] };

async function writeMany<T extends ObjectLiteral>(tx: EntityManager, target: EntityTarget<T>, given: Partial<T>[], onConflict: OnConflict): Promise<void> {
  if (given.length === 0) return;
  const metadata = tx.connection.getMetadata(target);
  const driver = tx.connection.driver;
  const columns = metadata.columns.filter((c) => c.isInsert && !(c.isGenerated && c.generationStrategy === 'increment'));
  let entities = given;
  let conflictClause = '';
  if (onConflict.kind === 'ignore') conflictClause = ' ON CONFLICT DO NOTHING';
  if (onConflict.kind === 'update') {
    const keys = onConflict.conflictPaths.map((path) => {
      const column = metadata.findColumnWithPropertyPath(path);
      if (!column) throw new Error(`${metadata.name} has no column ${path}`);
      return column;
    });
    // PostgreSQL refuses to update one row twice in a statement: the later entity stands for both.
    const byKey = new Map<string, Partial<T>>();
    for (const entity of given) byKey.set(JSON.stringify(keys.map((k) => k.getEntityValue(entity))), entity);
    entities = [...byKey.values()];
    const overwritten = columns.filter((c) => keys.includes(c) || entities.some((e) => c.getEntityValue(e) !== undefined));
    // As TypeORM's upsert: an update-date column not given is set anew.
    const touched = columns.filter((c) => c.isUpdateDate && !overwritten.includes(c));
    const set = [
      ...overwritten.map((c) => `${driver.escape(c.databaseName)} = EXCLUDED.${driver.escape(c.databaseName)}`),
      ...touched.map((c) => `${driver.escape(c.databaseName)} = DEFAULT`),
    ].join(', ');
    conflictClause = ` ON CONFLICT (${keys.map((k) => driver.escape(k.databaseName)).join(', ')}) DO UPDATE SET ${set}`;
  }
  // Rows skipped or updated on a conflict cannot be matched up with what RETURNING gives: nothing is read back then.
  const returning = onConflict.kind === 'fail' ? metadata.getInsertionReturningColumns() : [];
  const table = metadata.tablePath.split('.').map((part) => driver.escape(part)).join('.');
  const columnList = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const returningList = returning.map((c) => driver.escape(c.databaseName)).join(', ');
  const rowsPerStatement = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns.length));
  const asIs = columns.map(passedAsIs);

  for (let start = 0; start < entities.length; start += rowsPerStatement) {
    const chunk = entities.slice(start, start + rowsPerStatement);
    const parameters: unknown[] = [];
    const rows = chunk.map((entity) => `(${columns.map((column, c) => valueExpression(column, asIs[c], entity, parameters, driver)).join(', ')})`);
    const sql = `INSERT INTO ${table} (${columnList}) VALUES ${rows.join(', ')}${conflictClause}${returning.length > 0 ? ` RETURNING ${returningList}` : ''}`;
    const inserted: Record<string, unknown>[] = await tx.query(sql, parameters);
    inserted.forEach((row, i) => {
      for (const column of returning) column.setEntityValue(chunk[i], driver.prepareHydratedValue(row[column.databaseName], column));
    });
  }
}

/** Column types whose values the PostgreSQL driver passes on unchanged (no transformer, not embedded, no relation). */
const PASSED_AS_IS = new Set<unknown>(['text', 'varchar', 'character varying', 'char', 'character', 'citext', 'uuid', 'int', 'integer', 'int4', 'smallint', 'bigint', 'int8', 'numeric', 'decimal', String, Number]);

/**
 * Most columns hold a value the driver hands over as it is: those skip TypeORM's
 * per-value conversion (which builds an array of type names for every value).
 */
function passedAsIs(column: ColumnMetadata): boolean {
  return PASSED_AS_IS.has(column.type) && !column.transformer && !column.embeddedMetadata && !column.relationMetadata && !column.referencedColumn;
}

function valueExpression(column: ColumnMetadata, asIs: boolean, entity: ObjectLiteral, parameters: unknown[], driver: EntityManager['connection']['driver']): string {
  const raw = asIs ? entity[column.propertyName] : column.getEntityValue(entity);
  if (typeof raw === 'function') return (raw as () => string)();
  const value = asIs ? raw : driver.preparePersistentValue(raw, column);
  if (value === undefined) return column.isVersion ? '1' : 'DEFAULT';
  parameters.push(value);
  return `$${parameters.length}`;
}
