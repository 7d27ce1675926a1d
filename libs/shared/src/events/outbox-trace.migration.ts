import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('Platform tables need a DataSource with a schema');
  return `"${schema}"`;
}

/**
 * The W3C `traceparent` of the work that wrote an outbox row, so the relay's publish and the consumers' spans
 * join the same trace. A platform migration: `createServiceDataSource` appends it to every service's list
 * (see `withPlatformMigrations`), so no service lists it. Its timestamp sorts it right after the platform tables.
 */
export class OutboxTraceParent1732400000100 implements MigrationInterface {
  name = 'OutboxTraceParent1732400000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${schemaOf(queryRunner)}."outbox" ADD COLUMN IF NOT EXISTS "trace_parent" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${schemaOf(queryRunner)}."outbox" DROP COLUMN IF EXISTS "trace_parent"`);
  }
}

/** Platform migrations every service gets after its own list is read; listed ones are not added twice. */
export const LATE_PLATFORM_MIGRATIONS: Function[] = [OutboxTraceParent1732400000100];

export function withPlatformMigrations(migrations: Function[]): Function[] {
  return [...migrations, ...LATE_PLATFORM_MIGRATIONS.filter((migration) => !migrations.includes(migration))];
}
