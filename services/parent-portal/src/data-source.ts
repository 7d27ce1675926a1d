import { createServiceDataSource } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { loadParentPortalConfig } from './config';
import { parentPortalEntities } from './entities';
import { parentPortalMigrations } from './migrations';

/** For the migration CLI (libs/shared/src/db/migration-cli.ts) and the seed CLI. */
export function createDataSource(): DataSource {
  const config = loadParentPortalConfig();
  return createServiceDataSource({
    schema: 'parent_portal',
    url: config.DATABASE_URL,
    entities: parentPortalEntities,
    migrations: parentPortalMigrations,
    poolSize: 4,
    applicationName: 'parent-portal-cli',
  });
}
