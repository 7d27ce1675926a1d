import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type ConversationKind, type ParticipantRole, type PresenceStatus } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { iso, unreadCount } from '../common/sql';

export interface ConversationRow {
  id: string;
  kind: ConversationKind;
  title: string;
  courseId: string | null;
  autoMembership: boolean;
  lastSeq: number;
}

export interface MembershipRow extends ConversationRow {
  role: ParticipantRole;
  muted: boolean;
  archived: boolean;
  lastReadSeq: number;
}

export interface SummaryRow extends MembershipRow {
  unreadCount: number;
  createdAt: string;
  activityAt: string;
  participantCount: number;
  course: { id: string; code: string; title: string } | null;
  counterpart: { id: string; firstName: string; lastName: string; role: string } | null;
  lastMessage: {
    id: string;
    seq: number;
    body: string;
    hasAttachment: boolean;
    deleted: boolean;
    createdAt: string;
    sender: { id: string; firstName: string; lastName: string; role: string };
  } | null;
}

export interface ParticipantRow {
  userId: string;
  firstName: string;
  lastName: string;
  userRole: string;
  role: ParticipantRole;
  joinedAt: string;
  lastReadSeq: number;
  lastReadMessageId: string | null;
  presence: PresenceStatus;
}

export interface ListFilter {
  kind?: ConversationKind;
  courseId?: string;
  archived: boolean;
  unreadOnly: boolean;
  limit: number;
  cursor: { at: string; id: string } | null;
}

const CONVERSATION_COLUMNS = `c.id, c.kind, c.title, c.course_id AS "courseId", c.auto_membership AS "autoMembership", c.last_seq::int AS "lastSeq"`;
const MEMBERSHIP_COLUMNS = `${CONVERSATION_COLUMNS}, p.role, p.muted, p.archived, p.last_read_seq::int AS "lastReadSeq"`;

/**
 * Conversations and their participants. Every read for a person goes through their participant row
 * (`left_at IS NULL`), so a conversation someone is not in can't be read by accident.
 */
@Injectable()
export class ConversationsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async membership(userId: string, conversationId: string, db: EntityManager = this.dataSource.manager, lock = false): Promise<MembershipRow | null> {
    const rows = await db.query<MembershipRow[]>(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM "chat"."participants" p JOIN "chat"."conversations" c ON c.id = p.conversation_id
       WHERE p.conversation_id = $1 AND p.user_id = $2 AND p.left_at IS NULL ${lock ? 'FOR UPDATE OF c' : ''}`,
      [conversationId, userId],
    );
    return rows[0] ?? null;
  }

  /** The sender's membership and name in one query, for the send path (flood control is FloodLogRepository). */
  async senderContext(userId: string, conversationId: string, db: EntityManager): Promise<(MembershipRow & { firstName: string; lastName: string; userRole: string }) | null> {
    const rows = await db.query<(MembershipRow & { firstName: string; lastName: string; userRole: string })[]>(
      `SELECT ${MEMBERSHIP_COLUMNS}, u.first_name AS "firstName", u.last_name AS "lastName", u.role AS "userRole"
       FROM "chat"."participants" p JOIN "chat"."conversations" c ON c.id = p.conversation_id JOIN "chat"."users" u ON u.id = p.user_id
       WHERE p.conversation_id = $1 AND p.user_id = $2 AND p.left_at IS NULL`,
      [conversationId, userId],
    );
    return rows[0] ?? null;
  }

  async findById(conversationId: string, db: EntityManager = this.dataSource.manager): Promise<ConversationRow | null> {
    const rows = await db.query<ConversationRow[]>(`SELECT ${CONVERSATION_COLUMNS} FROM "chat"."conversations" c WHERE c.id = $1`, [conversationId]);
    return rows[0] ?? null;
  }

  /** The inbox of one person: one statement, unread counts from the watermarks (no counting), last message by id. */
  async summaries(userId: string, filter: ListFilter & { ids?: string[] }, db: EntityManager = this.dataSource.manager): Promise<SummaryRow[]> {
    const params: unknown[] = [userId];
    const where = ['p.user_id = $1', 'p.left_at IS NULL'];
    if (filter.ids) {
      params.push(filter.ids);
      where.push(`c.id = ANY($${params.length}::uuid[])`);
    } else {
      params.push(filter.archived);
      where.push(`p.archived = $${params.length}`);
    }
    if (filter.kind) {
      params.push(filter.kind);
      where.push(`c.kind = $${params.length}`);
    }
    if (filter.courseId) {
      params.push(filter.courseId);
      where.push(`c.course_id = $${params.length}`);
    }
    if (filter.unreadOnly) where.push(`${unreadCount('p', 'c')} > 0`);
    if (filter.cursor) {
      params.push(filter.cursor.at, filter.cursor.id);
      where.push(`(c.activity_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit);
    return db.query<SummaryRow[]>(
      `SELECT ${MEMBERSHIP_COLUMNS}, ${unreadCount('p', 'c')} AS "unreadCount", ${iso('c.created_at')} AS "createdAt", ${iso('c.activity_at')} AS "activityAt",
         (SELECT count(*)::int FROM "chat"."participants" pc WHERE pc.conversation_id = c.id AND pc.left_at IS NULL) AS "participantCount",
         CASE WHEN co.id IS NULL THEN NULL ELSE json_build_object('id', co.id, 'code', co.code, 'title', co.title) END AS course,
         CASE WHEN c.kind <> 'direct' THEN NULL ELSE (
           SELECT json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name, 'role', u.role)
           FROM "chat"."participants" po JOIN "chat"."users" u ON u.id = po.user_id
           WHERE po.conversation_id = c.id AND po.user_id <> $1 LIMIT 1) END AS counterpart,
         CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object(
           'id', m.id, 'seq', m.seq, 'body', CASE WHEN m.deleted_at IS NULL THEN left(m.body, 140) ELSE '' END,
           'hasAttachment', m.attachment_id IS NOT NULL AND m.deleted_at IS NULL, 'deleted', m.deleted_at IS NOT NULL,
           'createdAt', ${iso('m.created_at')},
           'sender', json_build_object('id', su.id, 'firstName', su.first_name, 'lastName', su.last_name, 'role', su.role)) END AS "lastMessage"
       FROM "chat"."participants" p
       JOIN "chat"."conversations" c ON c.id = p.conversation_id
       LEFT JOIN "chat"."courses" co ON co.id = c.course_id
       LEFT JOIN "chat"."messages" m ON m.id = c.last_message_id
       LEFT JOIN "chat"."users" su ON su.id = m.sender_id
       WHERE ${where.join(' AND ')}
       ORDER BY c.activity_at DESC, c.id DESC
       LIMIT $${params.length}`,
      params,
    );
  }

  async participants(conversationId: string, db: EntityManager = this.dataSource.manager): Promise<ParticipantRow[]> {
    return db.query<ParticipantRow[]>(
      `SELECT p.user_id AS "userId", u.first_name AS "firstName", u.last_name AS "lastName", u.role AS "userRole", p.role,
         ${iso('p.joined_at')} AS "joinedAt", p.last_read_seq::int AS "lastReadSeq", rm.id AS "lastReadMessageId",
         COALESCE(up.status, 'offline') AS presence
       FROM "chat"."participants" p
       JOIN "chat"."users" u ON u.id = p.user_id
       LEFT JOIN "chat"."messages" rm ON rm.conversation_id = p.conversation_id AND rm.seq = p.last_read_seq
       LEFT JOIN "chat"."user_presence" up ON up.user_id = p.user_id
       WHERE p.conversation_id = $1 AND p.left_at IS NULL
       ORDER BY CASE p.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, u.last_name, u.first_name`,
      [conversationId],
    );
  }

  async activeMemberIds(conversationId: string, db: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(`SELECT user_id AS id FROM "chat"."participants" WHERE conversation_id = $1 AND left_at IS NULL`, [conversationId]);
    return rows.map((row) => row.id);
  }

  async findDirect(directKey: string, db: EntityManager): Promise<string | null> {
    const rows = await db.query<{ id: string }[]>(`SELECT id FROM "chat"."conversations" WHERE direct_key = $1`, [directKey]);
    return rows[0]?.id ?? null;
  }

  /** Inserts unless a conversation with the same direct key (or the course's one) exists; returns the id that stands. */
  async create(
    db: EntityManager,
    row: { id: string; kind: ConversationKind; title: string; courseId: string | null; directKey: string | null; autoMembership: boolean; createdBy: string | null },
  ): Promise<{ id: string; created: boolean }> {
    const inserted = await db.query<{ id: string }[]>(
      `INSERT INTO "chat"."conversations" (id, kind, title, course_id, direct_key, auto_membership, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
      [row.id, row.kind, row.title, row.courseId, row.directKey, row.autoMembership, row.createdBy],
    );
    if (inserted[0]) return { id: inserted[0].id, created: true };
    const existing = row.directKey
      ? await db.query<{ id: string }[]>(`SELECT id FROM "chat"."conversations" WHERE direct_key = $1`, [row.directKey])
      : await db.query<{ id: string }[]>(`SELECT id FROM "chat"."conversations" WHERE course_id = $1 AND kind = 'course'`, [row.courseId]);
    return { id: existing[0]!.id, created: false };
  }

  async courseConversationId(courseId: string, db: EntityManager): Promise<string | null> {
    const rows = await db.query<{ id: string }[]>(`SELECT id FROM "chat"."conversations" WHERE course_id = $1 AND kind = 'course'`, [courseId]);
    return rows[0]?.id ?? null;
  }

  async autoConversationsOfCourse(courseId: string, db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(`SELECT id FROM "chat"."conversations" WHERE course_id = $1 AND auto_membership`, [courseId]);
    return rows.map((row) => row.id);
  }

  async renameCourseConversation(courseId: string, title: string, db: EntityManager): Promise<void> {
    await db.query(`UPDATE "chat"."conversations" SET title = $2 WHERE course_id = $1 AND kind = 'course'`, [courseId, title]);
  }

  /**
   * Adds people (or brings back people who left, with the role given). Everyone's watermark starts at the end,
   * so they start with nothing unread (a returning participant is not shown the messages sent while they were away)
   * and nothing of their own after it, as unreadCount in common/sql needs. Returns who was added.
   */
  async addParticipants(db: EntityManager, conversationId: string, members: { userId: string; role: ParticipantRole }[]): Promise<string[]> {
    if (members.length === 0) return [];
    const rows = await db.query<{ user_id: string }[]>(
      `INSERT INTO "chat"."participants" (conversation_id, user_id, role, last_read_seq)
       SELECT $1, m.user_id, m.role, c.last_seq FROM unnest($2::uuid[], $3::text[]) AS m(user_id, role)
       JOIN "chat"."conversations" c ON c.id = $1
       ON CONFLICT (conversation_id, user_id) DO UPDATE SET
         left_at = NULL, role = EXCLUDED.role, joined_at = now(),
         last_read_seq = GREATEST("participants".last_read_seq, EXCLUDED.last_read_seq), archived = false
       WHERE "participants".left_at IS NOT NULL
       RETURNING user_id`,
      [conversationId, members.map((member) => member.userId), members.map((member) => member.role)],
    );
    return rows.map((row) => row.user_id);
  }

  async removeParticipant(db: EntityManager, conversationId: string, userId: string): Promise<boolean> {
    const rows = await db.query<[unknown[], number]>(
      `UPDATE "chat"."participants" SET left_at = now() WHERE conversation_id = $1 AND user_id = $2 AND left_at IS NULL`,
      [conversationId, userId],
    );
    return rows[1] > 0;
  }

  /** Students who dropped a course leave its auto-membership conversations (teachers stay). */
  async removeFromCourseConversations(db: EntityManager, courseId: string, userId: string): Promise<string[]> {
    const rows = await db.query<[{ conversation_id: string }[], number]>(
      `UPDATE "chat"."participants" p SET left_at = now() FROM "chat"."conversations" c
       WHERE c.id = p.conversation_id AND c.course_id = $1 AND c.auto_membership AND p.user_id = $2 AND p.left_at IS NULL AND p.role = 'member'
       RETURNING p.conversation_id`,
      [courseId, userId],
    );
    return rows[0].map((row) => row.conversation_id);
  }

  async setSettings(db: EntityManager, conversationId: string, userId: string, settings: { muted?: boolean; archived?: boolean }): Promise<void> {
    await db.query(
      `UPDATE "chat"."participants" SET muted = COALESCE($3, muted), archived = COALESCE($4, archived)
       WHERE conversation_id = $1 AND user_id = $2 AND left_at IS NULL`,
      [conversationId, userId, settings.muted ?? null, settings.archived ?? null],
    );
  }

  async setRole(db: EntityManager, conversationId: string, userId: string, role: ParticipantRole): Promise<boolean> {
    const rows = await db.query<[unknown[], number]>(
      `UPDATE "chat"."participants" SET role = $3 WHERE conversation_id = $1 AND user_id = $2 AND left_at IS NULL`,
      [conversationId, userId, role],
    );
    return rows[1] > 0;
  }

  async setTitle(db: EntityManager, conversationId: string, title: string): Promise<void> {
    await db.query(`UPDATE "chat"."conversations" SET title = $2 WHERE id = $1`, [conversationId, title]);
  }

  /** Conversation ids of each person (for presence pushes), their most active first, in one query. */
  async conversationIdsOfMany(userIds: readonly string[], limit: number, db: EntityManager = this.dataSource.manager): Promise<Map<string, string[]>> {
    const rows = await db.query<{ userId: string; ids: string[] }[]>(
      `SELECT t.id AS "userId", ARRAY(
         SELECT c.id::text FROM "chat"."participants" p JOIN "chat"."conversations" c ON c.id = p.conversation_id
         WHERE p.user_id = t.id AND p.left_at IS NULL AND c.kind IN ('direct', 'group', 'course') ORDER BY c.activity_at DESC LIMIT $2) AS ids
       FROM unnest($1::uuid[]) AS t(id)`,
      [userIds, limit],
    );
    return new Map(rows.map((row) => [row.userId, row.ids]));
  }
}
