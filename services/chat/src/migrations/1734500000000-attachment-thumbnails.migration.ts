import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Image attachments get a thumbnail at upload (WebP, at most 320 px on its longer side), stored through the same
 * AttachmentStorage under `<stored name>.thumb`. Attachments stored before have none (the columns stay null) and
 * keep being previewed from the original.
 */
export class AttachmentThumbnails1734500000000 implements MigrationInterface {
  name = 'AttachmentThumbnails1734500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chat"."attachments"
      ADD COLUMN "thumbnail_stored_name" text UNIQUE,
      ADD COLUMN "thumbnail_size_bytes" int,
      ADD COLUMN "thumbnail_width" int,
      ADD COLUMN "thumbnail_height" int`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chat"."attachments"
      DROP COLUMN "thumbnail_stored_name", DROP COLUMN "thumbnail_size_bytes", DROP COLUMN "thumbnail_width", DROP COLUMN "thumbnail_height"`);
  }
}
