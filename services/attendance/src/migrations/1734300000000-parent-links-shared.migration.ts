import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The parent-link read model moves to the platform kit's `ParentLinksReadModel`, whose table is `parent_links`
 * with the relationship kept (the same shape in every service that keeps links).
 */
export class ParentLinksShared1734300000000 implements MigrationInterface {
  name = 'ParentLinksShared1734300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance"."guardian_links" RENAME TO "parent_links"`);
    await queryRunner.query(`ALTER INDEX "attendance"."guardian_links_parent_idx" RENAME TO "parent_links_parent_idx"`);
    await queryRunner.query(`ALTER TABLE "attendance"."parent_links" ADD COLUMN "relationship" text NOT NULL DEFAULT 'unknown'`);
    await queryRunner.query(`ALTER TABLE "attendance"."parent_links" ALTER COLUMN "relationship" DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance"."parent_links" DROP COLUMN "relationship"`);
    await queryRunner.query(`ALTER INDEX "attendance"."parent_links_parent_idx" RENAME TO "guardian_links_parent_idx"`);
    await queryRunner.query(`ALTER TABLE "attendance"."parent_links" RENAME TO "guardian_links"`);
  }
}
