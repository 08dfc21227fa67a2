/**
 * Prints the SQL a new migration needs for an app: the difference between its
 * migrated schema and its entities, computed on a scratch database.
 *   node dist/scripts/migration-diff.js service-commitments
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase, pendingSchemaChanges, runMigrationsLocked, serviceDataSourceOptions } from '#persistence';

const app = process.argv[2];
if (!app) {
  console.error('usage: migration-diff <app>');
  process.exit(2);
}
const moduleFile = new URL(`../apps/${app}/src/${app}.database.js`, import.meta.url);
const database = (await import(moduleFile.href)) as Record<string, unknown[]>;
const entities = Object.entries(database).find(([k]) => k.endsWith('_ENTITIES'))?.[1] as never;
const migrations = Object.entries(database).find(([k]) => k.endsWith('_MIGRATIONS'))?.[1] as never;
const url = `postgres://postgres@127.0.0.1:5432/scratch_migration_diff_${process.pid}`;
await ensureDatabase(url);
const dataSource = new DataSource(serviceDataSourceOptions({ databaseUrl: url, entities, migrations }));
try {
  await dataSource.initialize();
  await runMigrationsLocked(dataSource);
  const { up, down } = await pendingSchemaChanges(dataSource);
  console.log('-- up');
  for (const q of up) console.log(`${q};`);
  console.log('-- down');
  for (const q of down.reverse()) console.log(`${q};`);
} finally {
  await dataSource.destroy();
  await dropDatabase(url);
}
