import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The parent-link read model moves to the platform kit's `ParentLinksReadModel`, which orders link events by the
 * time the parent portal made the change (`changed_at`), so a late redelivery cannot undo a newer change.
 */
export class ParentLinksOrdered1734300000000 implements MigrationInterface {
  name = 'ParentLinksOrdered1734300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chat"."parent_links" RENAME COLUMN "updated_at" TO "changed_at"`);
    await queryRunner.query(`ALTER TABLE "chat"."parent_links" ALTER COLUMN "changed_at" DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chat"."parent_links" ALTER COLUMN "changed_at" SET DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "chat"."parent_links" RENAME COLUMN "changed_at" TO "updated_at"`);
  }
}
