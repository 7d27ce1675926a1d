import { createServiceDataSource } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { loadChatConfig } from './config';
import { chatEntities } from './entities';
import { chatMigrations } from './migrations';

/** For the migration CLI (libs/shared/src/db/migration-cli.ts) and the seed CLI. */
export function createDataSource(): DataSource {
  const config = loadChatConfig();
  return createServiceDataSource({
    schema: 'chat',
    url: config.DATABASE_URL,
    entities: chatEntities,
    migrations: chatMigrations,
    poolSize: 4,
    applicationName: 'chat-cli',
  });
}
