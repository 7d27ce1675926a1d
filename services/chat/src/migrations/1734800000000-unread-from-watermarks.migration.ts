import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unread counts stop being counters. Until now every message bumped `participants.unread_count` of every other
 * participant (the schema migration's "counters on participants"): 10 to 40 row updates per message in a class
 * conversation. A participant's unread count is now derived when it is read (`unreadCount` in src/common/sql.ts):
 *
 *   conversations.last_seq − participants.last_read_seq − (deleted messages of the conversation after that watermark)
 *
 * which is exact because every message after a participant's watermark was sent by someone else: both send paths
 * move the sender's watermark to their own message in the statement that writes it, and a (re)joining member's
 * watermark starts at the conversation's `last_seq`. A send now writes only the conversation row and its sender's
 * participant row. The deleted messages after a watermark are counted with `messages_deleted_seq_idx`, which holds
 * only deleted messages, so that count is an index probe that usually finds nothing and a send never touches it.
 *
 * The index is built CONCURRENTLY so the school's chat keeps taking messages meanwhile, which cannot run inside a
 * transaction; a build that failed half-way leaves an invalid index, so it is dropped first.
 *
 * `participants.unread_count` stays in this release, unused by this code: during a rolling deploy the older pods
 * still write it on every send (docs/operations.md: drop a column only in a later release). The release after this
 * one drops it. `down` recomputes the counters with the same formula, since nothing kept them while this code ran
 * (the SQL is repeated here on purpose: a migration must not change when the service's code does).
 */
export class UnreadFromWatermarks1734800000000 implements MigrationInterface {
  name = 'UnreadFromWatermarks1734800000000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "chat"."messages_deleted_seq_idx"`);
    await queryRunner.query(`CREATE INDEX CONCURRENTLY "messages_deleted_seq_idx" ON "chat"."messages" ("conversation_id", "seq") WHERE "deleted_at" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "chat"."participants" p SET unread_count = c.last_seq - p.last_read_seq
         - (SELECT count(*) FROM "chat"."messages" m
            WHERE m.conversation_id = p.conversation_id AND m.deleted_at IS NOT NULL AND m.seq > p.last_read_seq AND m.seq <= c.last_seq)
       FROM "chat"."conversations" c WHERE c.id = p.conversation_id AND p.left_at IS NULL`,
    );
    // Not CONCURRENTLY: TypeORM reverts inside a transaction whatever `transaction` says (a drop is quick anyway).
    await queryRunner.query(`DROP INDEX IF EXISTS "chat"."messages_deleted_seq_idx"`);
  }
}
