import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data rights audit trail: every export and erasure an admin asked for (who, when, why). These rows are kept after
 * the erasure: they are the school's proof that it acted on the request (accountability, GDPR Art. 5(2)).
 */
export class DataRights1735000000000 implements MigrationInterface {
  name = 'DataRights1735000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "core"."data_rights_requests" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "kind" text NOT NULL CHECK ("kind" IN ('export', 'erasure')),
      "user_id" uuid NOT NULL,
      "actor_id" uuid NOT NULL,
      "reason" text NOT NULL DEFAULT '',
      "requested_at" timestamptz NOT NULL DEFAULT now(),
      "completed_at" timestamptz
    )`);
    await queryRunner.query(`CREATE INDEX "data_rights_requests_user_idx" ON "core"."data_rights_requests" ("user_id", "requested_at" DESC)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "data_rights_one_erasure_key" ON "core"."data_rights_requests" ("user_id") WHERE "kind" = 'erasure'`);
    await queryRunner.query(`CREATE TABLE "core"."erasure_services" (
      "request_id" uuid NOT NULL REFERENCES "core"."data_rights_requests" ("id") ON DELETE CASCADE,
      "service" text NOT NULL,
      "completed_at" timestamptz,
      "summary" jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY ("request_id", "service")
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "core"."erasure_services"`);
    await queryRunner.query(`DROP TABLE "core"."data_rights_requests"`);
  }
}
