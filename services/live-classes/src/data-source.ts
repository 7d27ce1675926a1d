import { createServiceDataSource } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { loadLiveClassesConfig } from './config';
import { liveClassesEntities } from './entities';
import { liveClassesMigrations } from './migrations';

/** For the migration CLI (libs/shared/src/db/migration-cli.ts) and the seed CLI. */
export function createDataSource(): DataSource {
  const config = loadLiveClassesConfig();
  return createServiceDataSource({
    schema: 'live_classes',
    url: config.DATABASE_URL,
    entities: liveClassesEntities,
    migrations: liveClassesMigrations,
    poolSize: 4,
    applicationName: 'live-classes-cli',
  });
}
