import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells the planner how many messages a sender has, instead of letting it guess from a sample.
 *
 * The send statement (SendBatcher) probes for a duplicate `clientId` with `conversation_id = … AND sender_id = … AND
 * client_id = …`, which two indexes can serve: the unique (conversation, sender, clientId) one, an exact probe,
 * and `messages_sender_idx` (sender, time), which reads every message of the sender and filters. The planner picks
 * by its estimate of messages per sender, taken from `n_distinct` at the last ANALYZE. While a school's chat is new
 * or growing fast (senders with a handful of messages at the last ANALYZE, dozens now), it estimated one or two and
 * took the sender's index: the bench measured 76 rows read per probe and three quarters of the statement's buffer
 * reads, growing with every message the sender writes until autovacuum analyzes again.
 *
 * `n_distinct = -0.01` states that distinct senders are about 1 % of messages (a hundred messages per sender; a
 * school's term is far more), which ANALYZE then keeps instead of its own figure. With it the duplicate probe always
 * takes the unique index, and by-sender reads (data-rights export, safeguarding filter) still use the sender's index.
 * The setting takes a SHARE UPDATE EXCLUSIVE lock (sends and reads go on) and applies from the ANALYZE that follows.
 */
export class SenderDistinctEstimate1734900000000 implements MigrationInterface {
  name = 'SenderDistinctEstimate1734900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chat"."messages" ALTER COLUMN "sender_id" SET (n_distinct = -0.01)`);
    await queryRunner.query(`ANALYZE "chat"."messages" ("sender_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chat"."messages" ALTER COLUMN "sender_id" RESET (n_distinct)`);
    await queryRunner.query(`ANALYZE "chat"."messages" ("sender_id")`);
  }
}
