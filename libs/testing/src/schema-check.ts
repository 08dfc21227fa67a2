import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { dropDatabase, ensureDatabase, pendingSchemaChanges, runMigrationsLocked, serviceDataSourceOptions } from '#persistence';
import { testInfrastructure } from './infrastructure.js';
import { uniqueSuffix } from './test-kafka.js';

export interface SchemaCheck {
  applied: string[];
  /** SQL the entities still need after every migration ran: must be empty. */
  drift: string[];
  /** Tables left after undoing every migration: must be none but the migrations table. */
  tablesAfterUndo: string[];
}

/**
 * Migrates a scratch database, compares the schema with the entities, then
 * undoes every migration: proves each migration has a working `down`.
 */
export async function checkMigrations(
  entities: MixedList<Function | string | EntitySchema>,
  migrations: MixedList<Function | string>,
): Promise<SchemaCheck> {
  const url = `${testInfrastructure().postgresUrl}/sltest_schema_${uniqueSuffix()}`;
  await ensureDatabase(url);
  const dataSource = new DataSource(serviceDataSourceOptions({ databaseUrl: url, entities, migrations }));
  try {
    await dataSource.initialize();
    const applied = await runMigrationsLocked(dataSource);
    const drift = (await pendingSchemaChanges(dataSource)).up;
    for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables: { table_name: string }[] = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    );
    return { applied, drift, tablesAfterUndo: tables.map((t) => t.table_name) };
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(url);
  }
}
