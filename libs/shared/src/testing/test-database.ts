import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import { advisoryLockKey, createServiceDataSource, migrateSchema } from '../db/data-source';
import { withPlatformMigrations } from '../events/outbox-trace.migration';
import { testConfig } from './test-config';

export interface TestDatabaseOptions {
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: Function[];
}

export interface TestDatabase {
  /** A URL to the cloned database, for booting a whole service against it. */
  url: string;
  name: string;
  /** An initialized DataSource on the clone, with the service's schema. */
  dataSource: DataSource;
  drop(): Promise<void>;
}

function urlFor(database: string): string {
  const url = new URL(testConfig.TEST_DATABASE_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testConfig.TEST_DATABASE_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * One database per test file, cloned from a template that was migrated once (`CREATE DATABASE x TEMPLATE t`).
 * The template's name carries a hash of the migration list, so a new migration makes a new template.
 * Template creation and cloning run under an advisory lock, so parallel jest workers never collide.
 */
export async function createTestDatabase(options: TestDatabaseOptions): Promise<TestDatabase> {
  const hash = createHash('sha1')
    .update(withPlatformMigrations(options.migrations).map((migration) => migration.name).join(','))
    .digest('hex')
    .slice(0, 10);
  const template = `tpl_${options.schema}_${hash}`;
  const name = `test_${options.schema}_${randomBytes(5).toString('hex')}`;

  await withAdmin(async (admin) => {
    const lock = advisoryLockKey(`template:${options.schema}`);
    await admin.query('SELECT pg_advisory_lock($1)', [lock]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        await admin.query(`CREATE DATABASE "${template}"`);
        const migrating = createServiceDataSource({ ...options, url: urlFor(template), poolSize: 2 });
        try {
          await migrating.initialize();
          await migrateSchema(migrating);
        } catch (error) {
          await migrating.destroy().catch(() => undefined);
          await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
          throw error;
        }
        await migrating.destroy();
      }
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [lock]);
    }
  });

  const url = urlFor(name);
  const dataSource = createServiceDataSource({ ...options, url, poolSize: 5 });
  await dataSource.initialize();
  return {
    url,
    name,
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** Drops templates and clones left behind by earlier runs (a crashed run leaves its clones). */
export async function dropStaleTestDatabases(): Promise<number> {
  return withAdmin(async (admin) => {
    const stale = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%' AND datname ~ '^test_[a-z_]+_[0-9a-f]{10}$'",
    );
    for (const row of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    return stale.rowCount ?? 0;
  });
}
