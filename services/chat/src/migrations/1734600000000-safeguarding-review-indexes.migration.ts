import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admins' safeguarding review pages through every message of the school, newest first, by (created_at, id),
 * narrowed by conversation, course, sender, dates and "deleted only". Each filter gets an index it can read
 * backwards and stop after one page (checked with EXPLAIN on a million messages: every filter under a
 * millisecond, against a sort of all matching rows without them):
 * - every message, or a date range: `messages_created_idx`;
 * - one conversation, or a course (each of its few conversations read this way, then merged):
 *   `messages_conversation_created_idx`;
 * - deleted only (the review's default view; few rows, so these partial indexes stay small and a send never
 *   touches them): `messages_deleted_idx` and `messages_deleted_conversation_idx`;
 * - a course's conversations: `conversations_course_id_idx` (the older ones cover only course conversations or
 *   auto-membership ones, not announcements);
 * - one sender: the existing `messages_sender_idx` (sender_id, created_at).
 * The two full indexes on messages cost a send a few microseconds (measured: about 5% of a 100k-row insert).
 * They are built CONCURRENTLY so a school's chat keeps taking messages meanwhile, which cannot run inside a
 * transaction; a build that failed half-way leaves an invalid index, so each is dropped first.
 */
export class SafeguardingReviewIndexes1734600000000 implements MigrationInterface {
  name = 'SafeguardingReviewIndexes1734600000000';
  transaction = false;

  private readonly indexes: [name: string, definition: string][] = [
    ['messages_created_idx', `"chat"."messages" ("created_at", "id")`],
    ['messages_conversation_created_idx', `"chat"."messages" ("conversation_id", "created_at", "id")`],
    ['messages_deleted_idx', `"chat"."messages" ("created_at", "id") WHERE "deleted_at" IS NOT NULL`],
    ['messages_deleted_conversation_idx', `"chat"."messages" ("conversation_id", "created_at", "id") WHERE "deleted_at" IS NOT NULL`],
    ['conversations_course_id_idx', `"chat"."conversations" ("course_id") WHERE "course_id" IS NOT NULL`],
  ];

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, definition] of this.indexes) {
      await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "chat"."${name}"`);
      await queryRunner.query(`CREATE INDEX CONCURRENTLY "${name}" ON ${definition}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...this.indexes].reverse()) await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "chat"."${name}"`);
  }
}
