import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/** PostgreSQL takes at most 65,535 parameters in one statement; stay well below. */
const PARAMETERS_PER_STATEMENT = 20_000;
/** Rows in one statement when each column goes as one array. */
const ROWS_PER_UNNEST = 5_000;

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
  const tail = `${conflictClause}${returning.length > 0 ? ` RETURNING ${returningList}` : ''}`;

  const byColumn = entities.length > 1 ? valuesByColumn(columns, asIs, entities, driver) : undefined;
  if (byColumn) {
    // One array per column (arrayInsert) instead of one parameter per value.
    const types = await columnTypes(tx, metadata.tablePath, table);
    const statement = arrayInsert(
      table,
      columns.flatMap((column, c) => (byColumn[c] ? [{ name: driver.escape(column.databaseName), type: typeOf(types, column.databaseName, metadata.name), values: byColumn[c] }] : [])),
      tail,
    );
    for (let start = 0; start < entities.length; start += ROWS_PER_UNNEST) {
      const chunk = entities.slice(start, start + ROWS_PER_UNNEST);
      // The rows come back in the order the arrays give them, as the VALUES rows do.
      const inserted: Record<string, unknown>[] = await tx.query(statement.sql, statement.parameters(start, start + ROWS_PER_UNNEST));
      inserted.forEach((row, i) => {
        for (const column of returning) column.setEntityValue(chunk[i], driver.prepareHydratedValue(row[column.databaseName], column));
      });
    }
    return;
  }

  for (let start = 0; start < entities.length; start += rowsPerStatement) {
    const chunk = entities.slice(start, start + rowsPerStatement);
    const parameters: unknown[] = [];
    const rows = chunk.map((entity) => `(${columns.map((column, c) => valueExpression(column, asIs[c], entity, parameters, driver)).join(', ')})`);
    const sql = `INSERT INTO ${table} (${columnList}) VALUES ${rows.join(', ')}${tail}`;
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

/**
 * Each column's values, row by row, when every column is either given in every row
 * or in none (left out, so its default applies) and each value is one plain value:
 * then the rows can go as one array per column. Undefined where a column is given in
 * no row. Undefined in all when some rows give a column and others do not (a DEFAULT
 * in some rows), a value is SQL (a function), or a column holds arrays or bytes.
 */
function valuesByColumn(
  columns: ColumnMetadata[],
  asIs: boolean[],
  entities: ObjectLiteral[],
  driver: EntityManager['connection']['driver'],
): (unknown[] | undefined)[] | undefined {
  const result: (unknown[] | undefined)[] = [];
  for (const [c, column] of columns.entries()) {
    const values: unknown[] = new Array(entities.length);
    // One object in many rows (a template's snapshot in each of its commitments) is made JSON once.
    const jsonOf = (column.type === 'jsonb' || column.type === 'json') && !column.transformer ? new Map<object, unknown>() : undefined;
    let given = 0;
    for (const [i, entity] of entities.entries()) {
      const raw = asIs[c] ? entity[column.propertyName] : column.getEntityValue(entity);
      if (typeof raw === 'function') return undefined;
      let value: unknown;
      if (asIs[c]) value = raw;
      else if (jsonOf && typeof raw === 'object' && raw !== null) {
        value = jsonOf.get(raw);
        if (value === undefined) jsonOf.set(raw, (value = driver.preparePersistentValue(raw, column)));
      } else value = driver.preparePersistentValue(raw, column);
      if (value === undefined) {
        if (column.isVersion) values[i] = 1;
        else continue;
      } else values[i] = value;
      given++;
    }
    if (given > 0 && (column.isArray || column.type === 'bytea')) return undefined;
    if (given === 0) result.push(undefined);
    else if (given === entities.length) result.push(values);
    else return undefined;
  }
  return result;
}

/** Each table's column types (as `format_type` names them), read once per data source. */
const typesOfTables = new WeakMap<object, Map<string, Promise<Map<string, string>>>>();

function columnTypes(tx: EntityManager, tablePath: string, escapedTable: string): Promise<Map<string, string>> {
  let tables = typesOfTables.get(tx.connection);
  if (!tables) typesOfTables.set(tx.connection, (tables = new Map()));
  let types = tables.get(tablePath);
  if (!types) {
    types = (
      tx.query(
        `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
        [escapedTable],
      ) as Promise<{ name: string; type: string }[]>
    ).then((rows) => new Map(rows.map((r) => [r.name, r.type])));
    // A failed read is not kept: the next statement asks again.
    types.catch(() => tables!.delete(tablePath));
    tables.set(tablePath, types);
  }
  return types;
}

function typeOf(types: Map<string, string>, column: string, entity: string): string {
  const type = types.get(column);
  if (!type) throw new Error(`${entity}: the table has no column ${column}`);
  return type;
}

/**
 * An INSERT of many rows given one array per column: one parameter a column, where a
 * VALUES list takes one a value, so PostgreSQL parses and plans a statement of a few
 * parameters. A jsonb column of JSON texts (or nulls) goes as one JSON array taken by
 * position: escaped into a text array literal instead, the commitments' template
 * snapshots and the outbox's events cost Node more (string building, garbage) than the
 * arrays saved. When its rows repeat values (each commitment carries its template's
 * snapshot), each value goes once, and an int array says which one each row takes:
 * PostgreSQL reads a few snapshots instead of one per commitment. A json column (kept
 * as the text given, as the outbox keeps its events) goes as one JSON array too, split
 * into rows once by json_array_elements beside the text arrays. The others go as
 * text arrays, cast to their column's type. On service-commitments' rows of an order
 * (project, six lines, six commitments, six tasks, the announcement), against VALUES:
 * PostgreSQL's CPU 0.70-0.79 ms an order instead of 0.94-1.05, Node's 0.52-0.59
 * instead of 0.61-0.64.
 *
 * `table` and each column's `name` come escaped; `type` is the column's type as
 * `format_type` names it. `parameters(start, end)` gives those of the rows start..end.
 * The rows come back from RETURNING in the order the arrays give them.
 */
export function arrayInsert(
  table: string,
  columns: { name: string; type: string; values: unknown[] }[],
  tail = '',
  options: { overridingSystemValue?: boolean } = {},
): { sql: string; parameters(start: number, end: number): unknown[] } {
  const rows = columns[0]?.values.length ?? 0;
  // Each parameter's value for the rows start..end, in the order of their numbers.
  const parameterOf: ((start: number, end: number) => unknown)[] = [];
  const parameter = (value: (start: number, end: number) => unknown): string => `$${parameterOf.push(value)}`;
  const texts: { c: number; values: unknown[] }[] = [];
  /** json columns: each one JSON array, split into rows beside the text arrays. */
  const elements: { c: number; values: unknown[] }[] = [];
  const textOf = (v: unknown) => (v === null ? 'null' : (v as string));
  const expressions = columns.map(({ type, values }, c) => {
    const asJson = (type === 'jsonb' || type === 'json') && values.every((v) => v === null || typeof v === 'string');
    if (!asJson) {
      texts.push({ c, values });
      return `u.c${c}::${type}`;
    }
    if (type === 'json') {
      // json keeps its text as given and `->` would read the whole array again for every row: the array is
      // split once by json_array_elements, zipped with the text arrays by position (ROWS FROM).
      elements.push({ c, values });
      return `CASE WHEN json_typeof(u.c${c}) = 'null' THEN NULL ELSE u.c${c} END`;
    }
    const distinct = new Map<string, number>();
    const which = values.map((v) => {
      const json = textOf(v);
      let index = distinct.get(json);
      if (index === undefined) distinct.set(json, (index = distinct.size));
      return index;
    });
    if (distinct.size < values.length) {
      const each = [...distinct.keys()];
      const list = parameter(() => `[${each.join(',')}]`);
      const indexes = parameter((start, end) => which.slice(start, end));
      return `NULLIF(${list}::jsonb -> (${indexes}::int[])[u.n::int], 'null'::jsonb)`;
    }
    return `NULLIF(${parameter((start, end) => `[${values.slice(start, end).map(textOf).join(',')}]`)}::jsonb -> (u.n::int - 1), 'null'::jsonb)`;
  });
  const textArrays = texts.map(({ values }) => `${parameter((start, end) => values.slice(start, end))}::text[]`);
  const jsonArrays = elements.map(({ values }) => `${parameter((start, end) => `[${values.slice(start, end).map(textOf).join(',')}]`)}::json`);
  const names = [...texts, ...elements].map(({ c }) => `c${c}`).join(', ');
  const rowSource =
    elements.length > 0
      ? `ROWS FROM (${[...textArrays.map((a) => `unnest(${a})`), ...jsonArrays.map((a) => `json_array_elements(${a})`)].join(', ')}) WITH ORDINALITY AS u(${names}, n)`
      : texts.length > 0
        ? `unnest(${textArrays.join(', ')}) WITH ORDINALITY AS u(${names}, n)`
        : `generate_series(1, ${parameter((start, end) => Math.min(end, rows) - start)}::int) AS u(n)`;
  const overriding = options.overridingSystemValue ? ' OVERRIDING SYSTEM VALUE' : '';
  return {
    sql: `INSERT INTO ${table} (${columns.map((g) => g.name).join(', ')})${overriding} SELECT ${expressions.join(', ')} FROM ${rowSource}${tail}`,
    parameters: (start: number, end: number): unknown[] => parameterOf.map((value) => value(start, end)),
  };
}
