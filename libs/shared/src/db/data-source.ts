import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import type { Logger } from 'pino';
import { withPlatformMigrations } from '../events/outbox-trace.migration';

type EntityList = MixedList<string | Function | EntitySchema>;

export interface ServiceDataSourceOptions {
  /** The Postgres schema this service owns, e.g. `core`. Every table of the service lives there. */
  schema: string;
  url: string;
  entities: EntityList;
  /** Migration classes, listed explicitly (never globs), oldest first. */
  migrations: Function[];
  poolSize?: number;
  applicationName?: string;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;

/** One DataSource per service schema. Never `synchronize`: the schema changes only through migrations. */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`Invalid schema name "${options.schema}"`);
  const config: DataSourceOptions = {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    // The service's list, then the platform's later migrations (outbox trace context) it does not list itself.
    migrations: withPlatformMigrations(options.migrations),
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? options.schema },
  };
  return new DataSource(config);
}

/** A stable 32-bit key per schema for `pg_advisory_lock`, so only one process migrates a schema at a time. */
export function advisoryLockKey(schema: string): number {
  let hash = 0x811c9dc5;
  for (const char of `migrate:${schema}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * Creates the schema and runs pending migrations while holding a session-level advisory lock on a
 * dedicated connection. A second process waits for the lock, then finds nothing left to run.
 */
export async function migrateSchema(
  dataSource: DataSource,
  logger?: Pick<Logger, 'info'>,
): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('migrateSchema needs a DataSource with a schema');
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const key = advisoryLockKey(schema);
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const names = applied.map((migration) => migration.name);
    if (names.length > 0) logger?.info({ schema, migrations: names }, 'migrations applied');
    return names;
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}
