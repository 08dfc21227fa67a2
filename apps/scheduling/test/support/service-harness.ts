/**
 * Integration harness shared by the services' own specs: boots a service's app
 * module against a fresh, uniquely named PostgreSQL database (real server, no
 * mocks), exactly as main.ts would minus `listen`, and checks its schema.
 *
 * It lives here until libs/testing (#testing) can take it; the other apps import
 * it by relative path.
 */
import { randomBytes } from 'node:crypto';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configureHttp, loadServiceConfig, type HttpSetup, type ServiceConfig, type ServiceDefaults } from '#platform';
import { dropDatabase } from '#persistence';

/**
 * The PostgreSQL server of this test run, without a database name. The jest global
 * setup (libs/testing) sets the variable when it starts a container; otherwise it
 * is the machine's server (trust auth, user postgres).
 */
function testPostgresUrl(): string {
  return (process.env.SERVICELOOP_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
}

export interface ServiceSpec {
  defaults: ServiceDefaults;
  api: HttpSetup;
  module: (config: ServiceConfig) => DynamicModule;
}

export interface ServiceUnderTest {
  app: INestApplication;
  dataSource: DataSource;
  config: ServiceConfig;
  close(): Promise<void>;
}

/** e.g. `sltest_field_execution_3f9a1c07`: unique per run, recognisable as a test leftover. */
export function testDatabaseName(defaults: ServiceDefaults): string {
  return `sltest_${defaults.databaseName.replace(/^serviceloop_/, '')}_${randomBytes(4).toString('hex')}`;
}

export async function startServiceForTest(spec: ServiceSpec): Promise<ServiceUnderTest> {
  const config = loadServiceConfig(spec.defaults, {
    DATABASE_URL: `${testPostgresUrl()}/${testDatabaseName(spec.defaults)}`,
    LOG_LEVEL: 'warn',
  });
  const moduleRef = await Test.createTestingModule({ imports: [spec.module(config)] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  configureHttp(app, spec.api);
  await app.init();
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    async close() {
      await app.close();
      await dropDatabase(config.databaseUrl);
    },
  };
}

export async function getJson(app: INestApplication, path: string): Promise<{ status: number; body: any }> {
  const response = await request(app.getHttpServer()).get(path);
  return { status: response.status, body: response.body };
}

export async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
  return rows.map((row) => row.name);
}

export async function tableExists(dataSource: DataSource, table: string): Promise<boolean> {
  const [row] = await dataSource.query('SELECT to_regclass($1) IS NOT NULL AS present', [`public.${table}`]);
  return row.present === true;
}

/**
 * The SQL TypeORM would run to make the database match the entities. After the
 * migrations ran it must be empty: anything here is drift between a hand-written
 * migration and its entity (type, nullability, default, key or constraint).
 */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

/** Migration class names, in the order the module lists them. */
export function migrationNames(migrations: ReadonlyArray<new () => { name?: string }>): string[] {
  return migrations.map((Migration) => new Migration().name ?? Migration.name);
}
