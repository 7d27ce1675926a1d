import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, GroupCommit, LOGGER, preparedRows, type Logger } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { iso } from '../common/sql';
import type { ChatConfig } from '../config';
import { takeSendSlotsSql } from './flood-log.repository';

export interface PlainSend {
  id: string;
  conversationId: string;
  senderId: string;
  body: string;
  clientId: string | null;
  floodMax: number;
  floodSeconds: number;
}

export interface PlainSendOutcome {
  member: boolean;
  canPost: boolean;
  duplicate: boolean;
  firstName: string;
  lastName: string;
  role: string;
  /** Null when the message was not stored (not a member, may not post, duplicate, or over the flood limit). */
  seq: number | null;
  createdAt: string | null;
}

/**
 * The group commit's statement: $1…$5 the sends (ids, conversations, senders, bodies, clientIds), $6 and $7 the
 * flood limit (messages, seconds). Answers one row per send, in order. Exported for the test of its plan.
 */
export const SEND_BATCH_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])
      WITH ORDINALITY AS t(id, conversation_id, sender_id, body, client_id, ord)
  ), ctx AS (
    SELECT i.*, p.user_id IS NOT NULL AS member,
      COALESCE(c.kind <> 'announcement' OR p.role <> 'member', false) AS can_post,
      u.first_name, u.last_name, u.role AS user_role,
      d.id IS NOT NULL AS duplicate
    FROM input i
    LEFT JOIN LATERAL (SELECT p.user_id, p.role FROM "chat"."participants" p
      WHERE p.conversation_id = i.conversation_id AND p.user_id = i.sender_id AND p.left_at IS NULL LIMIT 1) p ON true
    LEFT JOIN LATERAL (SELECT c.kind FROM "chat"."conversations" c WHERE c.id = i.conversation_id LIMIT 1) c ON true
    LEFT JOIN LATERAL (SELECT u.first_name, u.last_name, u.role FROM "chat"."users" u WHERE u.id = i.sender_id LIMIT 1) u ON true
    LEFT JOIN LATERAL (SELECT d.id FROM "chat"."messages" d
      WHERE i.client_id IS NOT NULL AND d.conversation_id = i.conversation_id AND d.sender_id = i.sender_id AND d.client_id = i.client_id LIMIT 1) d ON true
  ), eligible AS (
    SELECT ctx.*, row_number() OVER (PARTITION BY sender_id ORDER BY ord) AS sender_rank
    FROM ctx WHERE member AND can_post AND NOT duplicate
  ), wants AS (
    SELECT sender_id, count(*)::int AS wanted FROM eligible GROUP BY sender_id
  ), taken AS (
    ${takeSendSlotsSql('$6::int', '$7::int')}
  ), ok AS (
    SELECT e.*, row_number() OVER (PARTITION BY e.conversation_id ORDER BY e.ord) AS n
    FROM eligible e JOIN taken t ON t.user_id = e.sender_id WHERE e.sender_rank <= t.granted
  ), counts AS (
    SELECT conversation_id, count(*)::int AS cnt, (array_agg(id ORDER BY ord DESC))[1] AS last_id FROM ok GROUP BY conversation_id
  ), bumped AS (
    UPDATE "chat"."conversations" c SET last_seq = c.last_seq + k.cnt, last_message_id = k.last_id, activity_at = now()
    FROM counts k WHERE c.id = k.conversation_id
    RETURNING c.id, c.last_seq - k.cnt AS base
  ), inserted AS (
    INSERT INTO "chat"."messages" (id, conversation_id, seq, sender_id, body, client_id)
    SELECT ok.id, ok.conversation_id, b.base + ok.n, ok.sender_id, ok.body, ok.client_id FROM ok JOIN bumped b ON b.id = ok.conversation_id
    RETURNING id, conversation_id, seq, sender_id, created_at
  ), own AS (
    SELECT conversation_id, sender_id, max(seq) AS own_max FROM inserted GROUP BY conversation_id, sender_id
  ), watermarks AS (
    UPDATE "chat"."participants" p SET last_read_seq = GREATEST(p.last_read_seq, own.own_max)
    FROM own WHERE p.conversation_id = own.conversation_id AND p.user_id = own.sender_id
  )
  SELECT ctx.ord::int AS ord, ctx.member, ctx.can_post AS "canPost", ctx.duplicate,
    COALESCE(ctx.first_name, '') AS "firstName", COALESCE(ctx.last_name, '') AS "lastName", COALESCE(ctx.user_role, 'student') AS role,
    ins.seq::int AS seq, ${iso('ins.created_at')} AS "createdAt"
  FROM ctx LEFT JOIN inserted ins ON ins.id = ctx.id
  ORDER BY ctx.ord`;

const MAX_BATCH = 500;

/**
 * Group commit for plain messages (the platform kit's GroupCommit). Sends that arrive while a batch is being written
 * wait and go together in the next one: ONE statement and ONE commit for all of them, across conversations, so the
 * cost of a durable commit is shared instead of paid per message. Inside the statement every message is checked on
 * its own (membership, announcement role, duplicate clientId), the flood limit takes one slot per message from the
 * sender's `flood_log` row (exact across lanes and instances, see takeSendSlotsSql; the earliest sends of a batch
 * win), each conversation's seq range is taken under its row lock, and each sender's read watermark moves to their
 * latest message of the batch (unread counts derive from it, see unreadCount in common/sql.ts). Conversations are
 * spread over CHAT_SEND_LANES lanes, each with one batch in flight; a conversation always maps to the same lane, so
 * an instance's batches never wait on each other's row locks. The same clientId twice waits for the next batch and
 * finds the first stored. A batch that fails as a whole (e.g. a deadlock with another instance) is retried one send
 * at a time.
 *
 * Every lookup of an input's rows is a LATERAL probe by key (LIMIT 1), so a batch costs the same whatever the size
 * of the tables and whatever generic plan the prepared statement got when they were small: a plain EXISTS on
 * messages was once planned as a hashed subplan, a scan of every message of the school per batch. The duplicate
 * probe takes the unique (conversation, sender, clientId) index because the planner is told how many messages a
 * sender has (migration 1734900000000); test/send-plan.spec.ts holds both to it.
 */
@Injectable()
export class SendBatcher extends GroupCommit<PlainSend, PlainSendOutcome> implements BeforeApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(LOGGER) logger: Logger,
    @Inject(CONFIG) config: ChatConfig,
  ) {
    super({
      name: 'chat send',
      write: (sends) => this.write(sends),
      logger,
      lanes: config.CHAT_SEND_LANES,
      laneOf: (send) => send.conversationId,
      maxBatch: MAX_BATCH,
      conflictKeys: (send) => (send.clientId ? [`${send.conversationId}|${send.senderId}|${send.clientId}`] : []),
    });
  }

  /** The RPC server stops taking calls at the same stage; the pool closes only after this. */
  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }

  private async write(sends: PlainSend[]): Promise<PlainSendOutcome[]> {
    // Prepared: planning this statement cost ~0.9 ms per batch, a third of its execution.
    const rows = await preparedRows<PlainSendOutcome & { ord: number }>(
      this.dataSource,
      SEND_BATCH_SQL,
      [
        sends.map((send) => send.id),
        sends.map((send) => send.conversationId),
        sends.map((send) => send.senderId),
        sends.map((send) => send.body),
        sends.map((send) => send.clientId),
        // One policy per statement; should it change while a batch forms, the strictest one applies.
        Math.min(...sends.map((send) => send.floodMax)),
        Math.max(...sends.map((send) => send.floodSeconds)),
      ],
    );
    return rows.map(({ ord: _ord, ...outcome }) => outcome);
  }
}
