import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type ConversationKind } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { MESSAGE_FROM, MESSAGE_SELECT, type MessageRow } from '../messages/messages.repository';

export interface SafeguardingFilter {
  conversationId?: string;
  senderId?: string;
  courseId?: string;
  /** Inclusive. */
  from?: string;
  /** Exclusive. */
  to?: string;
  onlyDeleted: boolean;
  /** Rows strictly older than this (created_at, id) position. */
  after?: { at: string; id: string };
  limit: number;
}

export interface SafeguardingRow extends MessageRow {
  /** created_at to the microsecond, for the keyset cursor (the ISO text of `createdAt` stops at milliseconds). */
  cursorAt: string;
  conversationKind: ConversationKind;
  conversationTitle: string;
  course: { id: string; code: string; title: string } | null;
  viewerIsMember: boolean;
}

/**
 * The admins' safeguarding review: every message of the school, newest first, by (created_at, id). The page is
 * chosen on the messages table alone, read backwards from an index that matches the filters (see the migration
 * SafeguardingReviewIndexes1734600000000), and only its rows are then joined to their sender, file and conversation.
 */
@Injectable()
export class SafeguardingRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** `adminId` is the viewer: it decides `viewerIsMember`. The caller has checked that they are an admin. */
  async page(adminId: string, filter: SafeguardingFilter): Promise<{ rows: SafeguardingRow[]; hasMore: boolean }> {
    const params: unknown[] = [adminId];
    const where: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.conversationId) where.push(`m.conversation_id = ${param(filter.conversationId)}::uuid`);
    if (filter.senderId) where.push(`m.sender_id = ${param(filter.senderId)}::uuid`);
    if (filter.from) where.push(`m.created_at >= ${param(filter.from)}::timestamptz`);
    if (filter.to) where.push(`m.created_at < ${param(filter.to)}::timestamptz`);
    if (filter.onlyDeleted) where.push('m.deleted_at IS NOT NULL');
    if (filter.after) where.push(`(m.created_at, m.id) < (${param(filter.after.at)}::timestamptz, ${param(filter.after.id)}::uuid)`);
    const limit = param(filter.limit + 1);
    const newestFirst = 'ORDER BY m.created_at DESC, m.id DESC';
    // A course has few conversations (its own and its announcements): the newest page of each, read backwards
    // from (conversation_id, created_at, id), then merged. One scan over all of them would sort every message.
    const pageIds = filter.courseId
      ? `SELECT x.id FROM "chat"."conversations" c
         CROSS JOIN LATERAL (SELECT m.id, m.created_at FROM "chat"."messages" m WHERE ${['m.conversation_id = c.id', ...where].join(' AND ')} ${newestFirst} LIMIT ${limit}) x
         WHERE c.course_id = ${param(filter.courseId)}::uuid
         ORDER BY x.created_at DESC, x.id DESC LIMIT ${limit}`
      : `SELECT m.id FROM "chat"."messages" m ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${newestFirst} LIMIT ${limit}`;
    const rows = await this.dataSource.query<SafeguardingRow[]>(
      `WITH page AS MATERIALIZED (${pageIds})
       SELECT ${MESSAGE_SELECT},
         to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt",
         c.kind AS "conversationKind",
         CASE WHEN c.kind = 'direct' THEN coalesce((
           SELECT string_agg(pu.first_name || ' ' || pu.last_name, ', ' ORDER BY pu.last_name, pu.first_name, pu.id)
           FROM "chat"."participants" pp JOIN "chat"."users" pu ON pu.id = pp.user_id WHERE pp.conversation_id = c.id), c.title)
         ELSE c.title END AS "conversationTitle",
         CASE WHEN co.id IS NULL THEN NULL ELSE json_build_object('id', co.id, 'code', co.code, 'title', co.title) END AS course,
         EXISTS (SELECT 1 FROM "chat"."participants" me WHERE me.conversation_id = c.id AND me.user_id = $1 AND me.left_at IS NULL) AS "viewerIsMember"
       FROM ${MESSAGE_FROM}
         JOIN page ON page.id = m.id
         JOIN "chat"."conversations" c ON c.id = m.conversation_id
         LEFT JOIN "chat"."courses" co ON co.id = c.course_id
       ${newestFirst}`,
      params,
    );
    return { rows: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
  }
}
