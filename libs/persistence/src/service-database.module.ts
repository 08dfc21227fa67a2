import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { SERVICE_CONFIG, type ServiceConfig } from '#platform';
import { ensureDatabase, runMigrationsLocked, serviceDataSourceOptions } from './database.js';

export interface ServiceDatabaseOptions {
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
}

/**
 * The service's own PostgreSQL database: created if missing, migrated under an
 * advisory lock at boot, never synchronised from entities.
 */
@Module({})
export class ServiceDatabaseModule {
  static forRoot(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) =>
            serviceDataSourceOptions({ databaseUrl: config.databaseUrl, entities: options.entities, migrations: options.migrations }),
          dataSourceFactory: async (dataSourceOptions) => {
            const url = (dataSourceOptions as { url: string }).url;
            await ensureDatabase(url);
            const dataSource = new DataSource(dataSourceOptions!);
            await dataSource.initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
