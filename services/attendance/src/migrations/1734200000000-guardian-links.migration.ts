import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The active parent–child links, kept from the parent portal's `link_activated` / `link_deactivated` events, so
 * that a linked parent may ask for an excused absence and follow the request. `changed_at` orders the events: an
 * older event redelivered after a newer one changes nothing.
 */
export class GuardianLinks1734200000000 implements MigrationInterface {
  name = 'GuardianLinks1734200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "attendance"."guardian_links" (
      "link_id" uuid PRIMARY KEY,
      "parent_id" uuid NOT NULL,
      "student_id" uuid NOT NULL,
      "active" boolean NOT NULL,
      "changed_at" timestamptz NOT NULL
    )`);
    await queryRunner.query(`CREATE INDEX "guardian_links_parent_idx" ON "attendance"."guardian_links" ("parent_id", "student_id") WHERE "active"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "attendance"."guardian_links"`);
  }
}
