import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A class session can stand for a live class of the live-classes service: attendance computed from the live
 * class's presence (`live_classes.v1.attendance_computed`) lands on that session. One session per live class.
 */
export class LiveClassLink1734100000000 implements MigrationInterface {
  name = 'LiveClassLink1734100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance"."sessions" ADD COLUMN "live_class_id" uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX "sessions_live_class_idx" ON "attendance"."sessions" ("live_class_id") WHERE "live_class_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "attendance"."sessions_live_class_idx"`);
    await queryRunner.query(`ALTER TABLE "attendance"."sessions" DROP COLUMN IF EXISTS "live_class_id"`);
  }
}
