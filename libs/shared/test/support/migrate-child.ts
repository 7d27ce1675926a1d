// One "process" of the concurrent-migration test: migrates the database given in argv and prints what it applied.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceDataSource, migrateSchema } from '../../src/db/data-source';
import { platformEntities } from '../../src/events';
import { PlatformTables1732400000000 } from '../../src/events/platform-tables.migration';

/** Slow on purpose, so the two processes overlap and a missing lock would show. */
class SlowLedger1732400000002 implements MigrationInterface {
  name = 'SlowLedger1732400000002';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT pg_sleep(0.5)');
    await queryRunner.query(`CREATE TABLE "migrate_race"."ledger" ("id" int PRIMARY KEY)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "migrate_race"."ledger"`);
  }
}

async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: migrate-child <database-url>');
  const dataSource = createServiceDataSource({
    schema: 'migrate_race',
    url,
    entities: platformEntities,
    migrations: [PlatformTables1732400000000, SlowLedger1732400000002],
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    const applied = await migrateSchema(dataSource);
    process.stdout.write(`${JSON.stringify({ pid: process.pid, applied })}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
