import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, DomainError, inTransaction, type AuthContext, type chatRpc, type ModerationReport, type Role, type RpcParsedRequest } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { iso } from '../common/sql';
import { ConversationAccess, requireUser } from '../conversations/conversation-access';
import { MessagesRepository } from '../messages/messages.repository';
import { ChatPush } from '../realtime/chat-push';
import { RosterRepository } from '../roster/roster.repository';

type Req<K extends keyof typeof chatRpc> = RpcParsedRequest<(typeof chatRpc)[K]>;

interface ReportRow {
  id: string;
  status: ModerationReport['status'];
  reason: string;
  reporterId: string;
  reportedUserId: string;
  conversationId: string;
  conversationKind: ModerationReport['conversation']['kind'];
  conversationTitle: string;
  course: ModerationReport['conversation']['course'];
  messageId: string;
  messageBody: string;
  messageCreatedAt: string;
  messageDeleted: boolean;
  hasAttachment: boolean;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
}

const REPORT_SELECT = `r.id, r.status, r.reason, r.reporter_id AS "reporterId", r.reported_user_id AS "reportedUserId",
  c.id AS "conversationId", c.kind AS "conversationKind", c.title AS "conversationTitle",
  CASE WHEN co.id IS NULL THEN NULL ELSE json_build_object('id', co.id, 'code', co.code, 'title', co.title) END AS course,
  m.id AS "messageId", m.body AS "messageBody", ${iso('m.created_at')} AS "messageCreatedAt", m.deleted_at IS NOT NULL AS "messageDeleted",
  m.attachment_id IS NOT NULL AS "hasAttachment", ${iso('r.created_at')} AS "createdAt", ${iso('r.resolved_at')} AS "resolvedAt",
  r.resolved_by AS "resolvedBy", r.resolution_note AS "resolutionNote"`;
const REPORT_FROM = `"chat"."reports" r JOIN "chat"."messages" m ON m.id = r.message_id JOIN "chat"."conversations" c ON c.id = r.conversation_id
  LEFT JOIN "chat"."courses" co ON co.id = c.course_id`;

/**
 * Reports go to a queue that the course's teachers (for course-linked conversations) and admins (all) work
 * through. The reporter is never shown to the reported person. Admins review any message, deleted ones included,
 * in the safeguarding review (SafeguardingService).
 */
@Injectable()
export class ModerationService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly access: ConversationAccess,
    private readonly messages: MessagesRepository,
    private readonly roster: RosterRepository,
    private readonly push: ChatPush,
  ) {}

  async report(auth: AuthContext, request: Req<'reportsCreate'>) {
    const user = requireUser(auth);
    const message = await this.messages.findById(request.messageId);
    if (!message) throw DomainError.notFound('Message');
    await this.access.member(auth, message.conversationId);
    if (message.senderId === user.userId) throw new DomainError('CONFLICT', 'You cannot report your own message');
    const rows = await this.dataSource.query<{ id: string; status: 'open' }[]>(
      `INSERT INTO "chat"."reports" (id, message_id, conversation_id, reporter_id, reported_user_id, reason) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (message_id, reporter_id) DO UPDATE SET reason = EXCLUDED.reason RETURNING id, status`,
      [randomUUID(), message.id, message.conversationId, user.userId, message.senderId, request.reason],
    );
    return rows[0]!;
  }

  /** Admins: every report. Teachers: reports in conversations of courses they teach. Others: none. */
  async list(auth: AuthContext, request: Req<'reportsList'>): Promise<{ items: ModerationReport[] }> {
    const user = requireUser(auth);
    if (user.role !== 'admin' && user.role !== 'teacher') throw DomainError.forbidden('The moderation queue is for teachers and admins');
    const params: unknown[] = [user.userId, user.role === 'admin'];
    const where = [`($2 OR c.course_id IN (SELECT course_id FROM "chat"."course_teachers" WHERE teacher_id = $1))`];
    if (request.status) {
      params.push(request.status);
      where.push(`r.status = $${params.length}`);
    }
    if (request.courseId) {
      params.push(request.courseId);
      where.push(`c.course_id = $${params.length}`);
    }
    params.push(request.limit);
    const rows = await this.dataSource.query<ReportRow[]>(
      `SELECT ${REPORT_SELECT} FROM ${REPORT_FROM} WHERE ${where.join(' AND ')} ORDER BY r.status = 'open' DESC, r.created_at DESC LIMIT $${params.length}`,
      params,
    );
    return { items: await this.toReports(user.userId, rows) };
  }

  /** `remove` deletes the message (kept for the safeguarding review); `dismiss` keeps it. Moderators of it only. */
  async resolve(auth: AuthContext, request: Req<'reportsResolve'>): Promise<ModerationReport> {
    const user = requireUser(auth);
    const outcome = await inTransaction(this.dataSource, async (db) => {
      const [row] = await db.query<ReportRow[]>(`SELECT ${REPORT_SELECT} FROM ${REPORT_FROM} WHERE r.id = $1 FOR UPDATE OF r`, [request.reportId]);
      if (!row) throw DomainError.notFound('Report');
      if (!(await this.access.canModerate(user, { courseId: row.course?.id ?? null }, db))) throw DomainError.notFound('Report');
      if (row.reportedUserId === user.userId) throw DomainError.forbidden('Someone else decides on a report about you');
      if (row.status !== 'open') throw new DomainError('CONFLICT', 'This report was already decided');
      const status = request.action === 'remove' ? 'removed' : 'dismissed';
      let deleted: { id: string; conversationId: string; seq: number } | null = null;
      if (request.action === 'remove') {
        const message = (await this.messages.findById(row.messageId, db))!;
        if (await this.messages.softDelete(db, message, user.userId, `report: ${request.note ?? row.reason}`.slice(0, 500))) deleted = message;
      }
      // Every open report of the same message is decided with it.
      await db.query(
        `UPDATE "chat"."reports" SET status = $2, resolved_by = $3, resolved_at = now(), resolution_note = $4 WHERE message_id = $1 AND status = 'open'`,
        [row.messageId, status, user.userId, request.note ?? null],
      );
      const [updated] = await db.query<ReportRow[]>(`SELECT ${REPORT_SELECT} FROM ${REPORT_FROM} WHERE r.id = $1`, [request.reportId]);
      return { report: (await this.toReports(user.userId, [updated!], db))[0]!, deleted };
    });
    if (outcome.deleted) {
      const { id, conversationId, seq } = outcome.deleted;
      this.push.toConversation(conversationId, 'message_deleted', { conversationId, messageId: id, seq });
    }
    return outcome.report;
  }

  private async toReports(viewerId: string, rows: ReportRow[], db?: EntityManager): Promise<ModerationReport[]> {
    const ids = new Set<string>();
    for (const row of rows) {
      ids.add(row.reporterId).add(row.reportedUserId);
      if (row.resolvedBy) ids.add(row.resolvedBy);
    }
    const people = new Map((await this.roster.findUsers([...ids], db)).map((person) => [person.id, { id: person.id, firstName: person.firstName, lastName: person.lastName, role: person.role as Role }]));
    const unknown = (id: string) => people.get(id) ?? { id, firstName: 'Former', lastName: 'user', role: 'student' as Role };
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      reason: row.reason,
      // Never reveal who reported to the person reported (a teacher or admin moderating a report about themselves).
      reporter: row.reportedUserId === viewerId ? null : unknown(row.reporterId),
      reportedUser: unknown(row.reportedUserId),
      conversation: { id: row.conversationId, kind: row.conversationKind, title: row.conversationTitle, course: row.course },
      message: { id: row.messageId, body: row.messageBody, createdAt: row.messageCreatedAt, deleted: row.messageDeleted, hasAttachment: row.hasAttachment },
      createdAt: row.createdAt,
      resolvedAt: row.resolvedAt,
      resolvedBy: row.resolvedBy ? unknown(row.resolvedBy) : null,
      resolutionNote: row.resolutionNote,
    }));
  }
}
