import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flood control becomes exact under concurrency: each sender has one row holding the times of their sends still
 * inside the window (a sliding-window log, at most `floodMaxMessages` entries). A send takes its slot with one
 * `INSERT … ON CONFLICT DO UPDATE`, which locks the row and always works on its latest committed version, so
 * sends written at the same moment by different lanes, instances or the REST and socket paths queue on the row
 * instead of each counting messages the others have not committed yet.
 */
export class FloodLog1734400000000 implements MigrationInterface {
  name = 'FloodLog1734400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "chat"."flood_log" (
      "user_id" uuid PRIMARY KEY,
      "sent_at" timestamptz[] NOT NULL,
      "granted" int NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "chat"."flood_log"`);
  }
}
