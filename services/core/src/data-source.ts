import { createServiceDataSource } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { loadCoreConfig } from './config';
import { coreEntities } from './entities';
import { coreMigrations } from './migrations';

/** For the migration CLI (libs/shared/src/db/migration-cli.ts) and the seed CLI. */
export function createDataSource(): DataSource {
  const config = loadCoreConfig();
  return createServiceDataSource({
    schema: 'core',
    url: config.DATABASE_URL,
    entities: coreEntities,
    migrations: coreMigrations,
    poolSize: 4,
    applicationName: 'core-cli',
  });
}
