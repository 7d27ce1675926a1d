import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type ReactionSummary } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { iso, unreadCount } from '../common/sql';

export interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  senderFirstName: string;
  senderLastName: string;
  senderRole: string;
  body: string;
  mentions: string[];
  clientId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
  deleteReason: string | null;
  attachment: {
    id: string;
    fileName: string;
    mimeType: string;
    sizeBytes: number;
    width: number | null;
    height: number | null;
    thumbnailWidth: number | null;
    thumbnailHeight: number | null;
  } | null;
  /** Set by `withReactions`. */
  reactions?: ReactionSummary[];
}

export const MESSAGE_SELECT = `m.id, m.conversation_id AS "conversationId", m.seq::int AS seq, m.sender_id AS "senderId",
  u.first_name AS "senderFirstName", u.last_name AS "senderLastName", u.role AS "senderRole", m.body, m.mentions::text[] AS mentions,
  m.client_id AS "clientId", ${iso('m.created_at')} AS "createdAt", ${iso('m.edited_at')} AS "editedAt", ${iso('m.deleted_at')} AS "deletedAt",
  m.deleted_by AS "deletedBy", m.delete_reason AS "deleteReason",
  CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'fileName', a.file_name, 'mimeType', a.mime_type,
    'sizeBytes', a.size_bytes, 'width', a.width, 'height', a.height, 'thumbnailWidth', a.thumbnail_width, 'thumbnailHeight', a.thumbnail_height) END AS attachment`;
export const MESSAGE_FROM = `"chat"."messages" m JOIN "chat"."users" u ON u.id = m.sender_id LEFT JOIN "chat"."attachments" a ON a.id = m.attachment_id`;

/**
 * Messages, reactions and watermarks. Callers pass the conversation they already authorized; reads are always
 * by (conversation, seq), which the unique index serves.
 */
@Injectable()
export class MessagesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async findInConversation(conversationId: string, messageId: string, db: EntityManager = this.dataSource.manager): Promise<MessageRow | null> {
    const rows = await db.query<MessageRow[]>(`SELECT ${MESSAGE_SELECT} FROM ${MESSAGE_FROM} WHERE m.id = $1 AND m.conversation_id = $2`, [messageId, conversationId]);
    return rows[0] ?? null;
  }

  async findById(messageId: string, db: EntityManager = this.dataSource.manager): Promise<MessageRow | null> {
    const rows = await db.query<MessageRow[]>(`SELECT ${MESSAGE_SELECT} FROM ${MESSAGE_FROM} WHERE m.id = $1`, [messageId]);
    return rows[0] ?? null;
  }

  async findByClientId(conversationId: string, senderId: string, clientId: string, db: EntityManager): Promise<MessageRow | null> {
    const rows = await db.query<MessageRow[]>(
      `SELECT ${MESSAGE_SELECT} FROM ${MESSAGE_FROM} WHERE m.conversation_id = $1 AND m.sender_id = $2 AND m.client_id = $3`,
      [conversationId, senderId, clientId],
    );
    return rows[0] ?? null;
  }

  async seqOf(conversationId: string, messageId: string, db: EntityManager = this.dataSource.manager): Promise<number | null> {
    const rows = await db.query<{ seq: number }[]>(`SELECT seq::int AS seq FROM "chat"."messages" WHERE id = $1 AND conversation_id = $2`, [messageId, conversationId]);
    return rows[0]?.seq ?? null;
  }

  /**
   * A page of history, oldest first: the newest `limit` before a seq (scrolling back, or the latest page), or the
   * oldest `limit` after a seq (catching up after a reconnect). Fetches one extra row to tell whether there is more.
   */
  async page(conversationId: string, cursor: { before?: number; after?: number }, limit: number, db: EntityManager = this.dataSource.manager): Promise<{ rows: MessageRow[]; hasMore: boolean }> {
    const after = cursor.after !== undefined;
    const rows = await db.query<MessageRow[]>(
      `SELECT ${MESSAGE_SELECT} FROM ${MESSAGE_FROM}
       WHERE m.conversation_id = $1 AND ${after ? 'm.seq > $2' : 'm.seq < $2'}
       ORDER BY m.seq ${after ? 'ASC' : 'DESC'} LIMIT $3`,
      [conversationId, after ? cursor.after : (cursor.before ?? Number.MAX_SAFE_INTEGER), limit + 1],
    );
    const hasMore = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    if (!after) pageRows.reverse();
    return { rows: await this.withReactions(pageRows, db), hasMore };
  }

  /** Reactions of a page of messages in one query (never one per message). */
  async withReactions(rows: MessageRow[], db: EntityManager = this.dataSource.manager): Promise<MessageRow[]> {
    if (rows.length === 0) return rows;
    const reactions = await db.query<{ messageId: string; emoji: string; count: number; userIds: string[] }[]>(
      `SELECT message_id AS "messageId", emoji, count(*)::int AS count, array_agg(user_id::text ORDER BY created_at) AS "userIds"
       FROM "chat"."reactions" WHERE message_id = ANY($1::uuid[]) GROUP BY message_id, emoji ORDER BY min(created_at)`,
      [rows.map((row) => row.id)],
    );
    const byMessage = new Map<string, ReactionSummary[]>();
    for (const reaction of reactions) {
      const list = byMessage.get(reaction.messageId) ?? [];
      list.push({ emoji: reaction.emoji, count: reaction.count, userIds: reaction.userIds });
      byMessage.set(reaction.messageId, list);
    }
    return rows.map((row) => ({ ...row, reactions: byMessage.get(row.id) ?? [] }));
  }

  async reactionsOf(messageId: string, db: EntityManager): Promise<ReactionSummary[]> {
    const rows = await db.query<ReactionSummary[]>(
      `SELECT emoji, count(*)::int AS count, array_agg(user_id::text ORDER BY created_at) AS "userIds"
       FROM "chat"."reactions" WHERE message_id = $1 GROUP BY emoji ORDER BY min(created_at)`,
      [messageId],
    );
    return rows;
  }

  async setReaction(db: EntityManager, messageId: string, userId: string, emoji: string, on: boolean): Promise<void> {
    if (on) {
      await db.query(`INSERT INTO "chat"."reactions" (message_id, user_id, emoji) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [messageId, userId, emoji]);
    } else {
      await db.query(`DELETE FROM "chat"."reactions" WHERE message_id = $1 AND user_id = $2 AND emoji = $3`, [messageId, userId, emoji]);
    }
  }

  /**
   * The transactional send in one round trip: the next seq under the conversation's row lock, the message row, and
   * the sender's watermark on their own message (no other participant's row: see unreadCount in common/sql).
   * Returns the seq and time.
   */
  async append(
    db: EntityManager,
    message: { id: string; conversationId: string; senderId: string; body: string; mentions: string[]; attachmentId: string | null; clientId: string | null },
  ): Promise<{ seq: number; createdAt: string }> {
    const rows = await db.query<{ seq: number; createdAt: string }[]>(
      `WITH next AS (
         UPDATE "chat"."conversations" SET last_seq = last_seq + 1, last_message_id = $1, activity_at = now() WHERE id = $2 RETURNING last_seq
       ), inserted AS (
         INSERT INTO "chat"."messages" (id, conversation_id, seq, sender_id, body, mentions, attachment_id, client_id)
         SELECT $1, $2, next.last_seq, $3, $4, $5::uuid[], $6, $7 FROM next
         RETURNING seq, created_at
       ), watermark AS (
         UPDATE "chat"."participants" p SET last_read_seq = GREATEST(p.last_read_seq, next.last_seq)
         FROM next WHERE p.conversation_id = $2 AND p.user_id = $3
       )
       SELECT seq::int AS seq, ${iso('created_at')} AS "createdAt" FROM inserted`,
      [message.id, message.conversationId, message.senderId, message.body, message.mentions, message.attachmentId, message.clientId],
    );
    return rows[0]!;
  }

  /** Moves one participant's read watermark forward (never back); returns their unread count from the new one. */
  async markRead(db: EntityManager, conversationId: string, userId: string, seq: number): Promise<{ lastReadSeq: number; unreadCount: number; moved: boolean } | null> {
    const rows = await db.query<[{ lastReadSeq: number; unreadCount: number; previous: number }[], number]>(
      `UPDATE "chat"."participants" p SET last_read_seq = GREATEST(p.last_read_seq, $3)
       FROM (SELECT last_read_seq FROM "chat"."participants" WHERE conversation_id = $1 AND user_id = $2 FOR UPDATE) old,
         "chat"."conversations" c
       WHERE p.conversation_id = $1 AND p.user_id = $2 AND p.left_at IS NULL AND c.id = p.conversation_id
       RETURNING p.last_read_seq::int AS "lastReadSeq", ${unreadCount('p', 'c')} AS "unreadCount", old.last_read_seq::int AS previous`,
      [conversationId, userId, seq],
    );
    const row = rows[0][0];
    return row ? { lastReadSeq: row.lastReadSeq, unreadCount: row.unreadCount, moved: row.lastReadSeq > row.previous } : null;
  }

  async edit(db: EntityManager, messageId: string, body: string): Promise<void> {
    await db.query(`UPDATE "chat"."messages" SET body = $2, edited_at = now() WHERE id = $1`, [messageId, body]);
  }

  /**
   * Soft delete: hidden from participants, kept for the safeguarding review. Unread counts leave it out from now on
   * (they subtract the deleted messages after each watermark).
   */
  async softDelete(db: EntityManager, message: { id: string }, deletedBy: string, reason: string | null): Promise<boolean> {
    const rows = await db.query<[unknown[], number]>(
      `UPDATE "chat"."messages" SET deleted_at = now(), deleted_by = $2, delete_reason = $3 WHERE id = $1 AND deleted_at IS NULL`,
      [message.id, deletedBy, reason],
    );
    return rows[1] > 0;
  }

  /** Full-text search limited to the conversations the person is in now. */
  async search(userId: string, query: string, conversationId: string | undefined, limit: number): Promise<(MessageRow & { conversationKind: string; conversationTitle: string; headline: string })[]> {
    const rows = await this.dataSource.query<(MessageRow & { conversationKind: string; conversationTitle: string; headline: string })[]>(
      `SELECT ${MESSAGE_SELECT}, c.kind AS "conversationKind", c.title AS "conversationTitle",
         ts_headline('english', m.body, q, 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=20, MinWords=5') AS headline
       FROM ${MESSAGE_FROM}
       JOIN "chat"."participants" p ON p.conversation_id = m.conversation_id AND p.user_id = $1 AND p.left_at IS NULL
       JOIN "chat"."conversations" c ON c.id = m.conversation_id,
       websearch_to_tsquery('english', $2) q
       WHERE m.search @@ q AND m.deleted_at IS NULL AND ($3::uuid IS NULL OR m.conversation_id = $3)
       ORDER BY ts_rank(m.search, q) DESC, m.created_at DESC
       LIMIT $4`,
      [userId, query, conversationId ?? null, limit],
    );
    return (await this.withReactions(rows)) as typeof rows;
  }
}
