import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('Platform tables need a DataSource with a schema');
  return `"${schema}"`;
}

/** Outbox, inbox and dead letters, in every service's own schema. List it first in each service's migrations. */
export class PlatformTables1732400000000 implements MigrationInterface {
  name = 'PlatformTables1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE ${s}."outbox" (
      "id" uuid PRIMARY KEY,
      "subject" text NOT NULL,
      "payload" jsonb NOT NULL,
      "correlation_id" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "published_at" timestamptz,
      "attempts" int NOT NULL DEFAULT 0,
      "last_error" text
    )`);
    await queryRunner.query(`CREATE INDEX "outbox_unpublished_idx" ON ${s}."outbox" ("created_at") WHERE "published_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE ${s}."inbox" (
      "consumer" text NOT NULL,
      "event_id" uuid NOT NULL,
      "processed_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("consumer", "event_id")
    )`);
    await queryRunner.query(`CREATE TABLE ${s}."dead_letters" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "consumer" text NOT NULL,
      "event_id" text,
      "subject" text NOT NULL,
      "envelope" jsonb,
      "reason" text NOT NULL,
      "deliveries" int NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(`CREATE INDEX "dead_letters_created_idx" ON ${s}."dead_letters" ("created_at" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}."dead_letters"`);
    await queryRunner.query(`DROP TABLE ${s}."inbox"`);
    await queryRunner.query(`DROP TABLE ${s}."outbox"`);
  }
}
