import { createServiceDataSource } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { loadNotificationsConfig } from './config';
import { notificationsEntities } from './entities';
import { notificationsMigrations } from './migrations';

/** For the migration CLI (libs/shared/src/db/migration-cli.ts). */
export function createDataSource(): DataSource {
  const config = loadNotificationsConfig();
  return createServiceDataSource({
    schema: 'notifications',
    url: config.DATABASE_URL,
    entities: notificationsEntities,
    migrations: notificationsMigrations,
    poolSize: 4,
    applicationName: 'notifications-cli',
  });
}
