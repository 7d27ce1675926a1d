import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments no longer travel inside one NATS message (chat-transfers object store), so the school's default limit
 * goes from 512 KB to 10 MB: a phone photo or a scanned worksheet fits. A school whose admin has set the limit keeps
 * its own value; the deployment's CHAT_ATTACHMENT_MAX_BYTES (25 MB by default) still caps it.
 */
export class AttachmentLimit10Mb1734700000000 implements MigrationInterface {
  name = 'AttachmentLimit10Mb1734700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chat"."policy" ALTER COLUMN "attachment_max_bytes" SET DEFAULT 10485760`);
    await queryRunner.query(`UPDATE "chat"."policy" SET "attachment_max_bytes" = 10485760 WHERE "attachment_max_bytes" = 524288 AND "updated_by" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chat"."policy" ALTER COLUMN "attachment_max_bytes" SET DEFAULT 524288`);
    await queryRunner.query(`UPDATE "chat"."policy" SET "attachment_max_bytes" = 524288 WHERE "attachment_max_bytes" = 10485760 AND "updated_by" IS NULL`);
  }
}
