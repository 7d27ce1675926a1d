import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DATA_SOURCE,
  DomainError,
  inTransaction,
  type AuthContext,
  type ConversationDetail,
  type ConversationSummary,
  type chatRpc,
  type ParticipantRole,
  type RpcParsedRequest,
  type UserAuthContext,
} from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, unreadCount } from '../common/sql';
import { PolicyService } from '../policy/policy.service';
import { directContactReason } from '../policy/safety-policy';
import { ChatPush } from '../realtime/chat-push';
import { RosterRepository } from '../roster/roster.repository';
import { ConversationAccess, requireUser } from './conversation-access';
import { toDetail, toSummary } from './conversation.mapper';
import { ConversationsRepository } from './conversations.repository';

type Req<K extends keyof typeof chatRpc> = RpcParsedRequest<(typeof chatRpc)[K]>;

export function directKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** Conversations and their participants: the inbox, creation under the safety policy, membership, settings. */
@Injectable()
export class ConversationsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly roster: RosterRepository,
    private readonly access: ConversationAccess,
    private readonly policy: PolicyService,
    private readonly push: ChatPush,
  ) {}

  async list(auth: AuthContext, request: Req<'conversationsList'>): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
    const user = requireUser(auth);
    const rows = await this.conversations.summaries(user.userId, {
      kind: request.kind,
      courseId: request.courseId,
      archived: request.archived,
      unreadOnly: request.unreadOnly,
      limit: request.limit + 1,
      cursor: decodeCursor(request.cursor),
    });
    const page = rows.slice(0, request.limit);
    const last = page[page.length - 1];
    return { items: page.map(toSummary), nextCursor: rows.length > request.limit && last ? encodeCursor(last.activityAt, last.id) : null };
  }

  async get(auth: AuthContext, conversationId: string, db?: EntityManager): Promise<ConversationDetail> {
    const user = requireUser(auth);
    const [row] = await this.conversations.summaries(user.userId, { ids: [conversationId], archived: false, unreadOnly: false, limit: 1, cursor: null }, db);
    if (!row) throw DomainError.notFound('Conversation');
    return toDetail(row, await this.conversations.participants(conversationId, db));
  }

  /**
   * Direct: unique per pair (a second request returns the first conversation), allowed only by the safety
   * policy. Group: everyone added must be someone the creator may message, and no parent may share it with a
   * student who is not their child. Announcement: teachers and admins; a course's announcement follows enrollments.
   */
  async create(auth: AuthContext, request: Req<'conversationsCreate'>): Promise<ConversationDetail & { created: boolean }> {
    const user = requireUser(auth);
    const others = [...new Set(request.participantIds)].filter((id) => id !== user.userId);
    if (request.kind === 'direct' && others.length !== 1) throw DomainError.validation({ participantIds: 'choose someone else' });
    const result = await inTransaction(this.dataSource, async (db) => {
      if (request.kind === 'announcement') {
        if (user.role !== 'teacher' && user.role !== 'admin') throw DomainError.forbidden('Only teachers and admins make announcements');
        if (request.courseId && user.role === 'teacher' && !(await this.roster.isTeacherOf(request.courseId, user.userId, db))) {
          throw DomainError.forbidden('You do not teach this course');
        }
        if (request.courseId && !(await this.roster.findCourse(request.courseId, db))) throw DomainError.notFound('Course');
      }
      await this.assertMayAdd(db, user, others, request.kind === 'direct');
      if (request.kind === 'direct') {
        const key = directKey(user.userId, others[0]!);
        const existing = await this.conversations.findDirect(key, db);
        if (existing) {
          // Someone who left a direct conversation comes back to the same history.
          await this.conversations.addParticipants(db, existing, [{ userId: user.userId, role: 'owner' }]);
          return { id: existing, created: false, added: [] as string[] };
        }
        const { id, created } = await this.conversations.create(db, { id: randomUUID(), kind: 'direct', title: 'Direct', courseId: null, directKey: key, autoMembership: false, createdBy: user.userId });
        await this.conversations.addParticipants(db, id, [{ userId: user.userId, role: 'owner' }, { userId: others[0]!, role: 'owner' }]);
        return { id, created, added: others };
      }
      const { id } = await this.conversations.create(db, {
        id: randomUUID(),
        kind: request.kind,
        title: request.title!,
        courseId: request.kind === 'announcement' ? (request.courseId ?? null) : null,
        directKey: null,
        autoMembership: request.kind === 'announcement' && request.courseId !== undefined,
        createdBy: user.userId,
      });
      const members = new Set(others);
      if (request.kind === 'announcement' && request.courseId) {
        for (const studentId of await this.roster.activeStudentIds(request.courseId, db)) members.add(studentId);
      }
      members.delete(user.userId);
      await this.conversations.addParticipants(db, id, [
        { userId: user.userId, role: 'owner' },
        ...[...members].map((userId) => ({ userId, role: 'member' as ParticipantRole })),
      ]);
      return { id, created: true, added: [...members] };
    });
    for (const userId of result.added) this.push.toUser(userId, 'conversation_updated', { conversationId: result.id, reason: 'added' });
    return { ...(await this.get(auth, result.id)), created: result.created };
  }

  async update(auth: AuthContext, request: Req<'conversationUpdate'>): Promise<ConversationDetail> {
    await inTransaction(this.dataSource, async (db) => {
      const { membership } = await this.access.member(auth, request.conversationId, db);
      if (membership.kind === 'direct' || membership.kind === 'course') throw new DomainError('CONFLICT', 'This conversation takes its name from its people or course');
      if (!this.access.canManage(membership)) throw DomainError.forbidden('Only owners and admins of the conversation rename it');
      await this.conversations.setTitle(db, request.conversationId, request.title);
    });
    this.push.toConversation(request.conversationId, 'conversation_updated', { conversationId: request.conversationId, reason: 'updated' });
    return this.get(auth, request.conversationId);
  }

  /** Mute and archive are the caller's own view of the conversation. */
  async settings(auth: AuthContext, request: Req<'conversationSettings'>): Promise<ConversationSummary> {
    const user = requireUser(auth);
    await inTransaction(this.dataSource, async (db) => {
      await this.access.member(auth, request.conversationId, db);
      await this.conversations.setSettings(db, request.conversationId, user.userId, { muted: request.muted, archived: request.archived });
    });
    this.push.toUser(user.userId, 'conversation_updated', { conversationId: request.conversationId, reason: 'updated' });
    const { participants: _participants, ...summary } = await this.get(auth, request.conversationId);
    return summary;
  }

  /** Anyone leaves a direct or group conversation; course conversations follow enrollment instead. */
  async leave(auth: AuthContext, conversationId: string): Promise<{ ok: true }> {
    const user = requireUser(auth);
    await inTransaction(this.dataSource, async (db) => {
      const { membership } = await this.access.member(auth, conversationId, db);
      if (membership.autoMembership && membership.role === 'member') throw new DomainError('CONFLICT', 'Course conversations follow your enrollment; mute it instead');
      await this.conversations.removeParticipant(db, conversationId, user.userId);
    });
    this.push.toUser(user.userId, 'conversation_updated', { conversationId, reason: 'removed' });
    this.push.toConversation(conversationId, 'conversation_updated', { conversationId, reason: 'updated' });
    return { ok: true };
  }

  async addParticipants(auth: AuthContext, request: Req<'participantsAdd'>): Promise<ConversationDetail> {
    const user = requireUser(auth);
    const added = await inTransaction(this.dataSource, async (db) => {
      const { membership } = await this.access.member(auth, request.conversationId, db, true);
      if (membership.kind === 'direct' || membership.kind === 'course') throw new DomainError('CONFLICT', 'Start a group to talk with more people');
      if (!this.access.canManage(membership)) throw DomainError.forbidden('Only owners and admins of the conversation add people');
      const others = [...new Set(request.userIds)].filter((id) => id !== user.userId);
      await this.assertMayAdd(db, user, others, false, await this.conversations.activeMemberIds(request.conversationId, db));
      return this.conversations.addParticipants(db, request.conversationId, others.map((userId) => ({ userId, role: 'member' as ParticipantRole })));
    });
    for (const userId of added) this.push.toUser(userId, 'conversation_updated', { conversationId: request.conversationId, reason: 'added' });
    this.push.toConversation(request.conversationId, 'conversation_updated', { conversationId: request.conversationId, reason: 'updated' });
    return this.get(auth, request.conversationId);
  }

  /** Owners and admins remove members (an owner only by another owner); removing oneself is leaving. */
  async removeParticipant(auth: AuthContext, request: Req<'participantRemove'>): Promise<ConversationDetail> {
    const user = requireUser(auth);
    if (request.userId === user.userId) throw DomainError.validation({ userId: 'use leave to remove yourself' });
    await inTransaction(this.dataSource, async (db) => {
      const { membership } = await this.access.member(auth, request.conversationId, db, true);
      if (membership.kind === 'direct' || membership.autoMembership) throw new DomainError('CONFLICT', 'Membership of this conversation is not managed by hand');
      if (!this.access.canManage(membership)) throw DomainError.forbidden('Only owners and admins of the conversation remove people');
      const target = await this.conversations.membership(request.userId, request.conversationId, db);
      if (!target) throw DomainError.notFound('Participant');
      if (target.role === 'owner' && membership.role !== 'owner') throw DomainError.forbidden('Only an owner removes an owner');
      await this.conversations.removeParticipant(db, request.conversationId, request.userId);
    });
    this.push.toUser(request.userId, 'conversation_updated', { conversationId: request.conversationId, reason: 'removed' });
    this.push.toConversation(request.conversationId, 'conversation_updated', { conversationId: request.conversationId, reason: 'updated' });
    return this.get(auth, request.conversationId);
  }

  /** Owners change roles (a group keeps at least one owner). */
  async setRole(auth: AuthContext, request: Req<'participantRole'>): Promise<ConversationDetail> {
    await inTransaction(this.dataSource, async (db) => {
      const { membership } = await this.access.member(auth, request.conversationId, db, true);
      if (membership.kind === 'direct') throw new DomainError('CONFLICT', 'Direct conversations have no roles');
      if (membership.role !== 'owner') throw DomainError.forbidden('Only owners change roles');
      const participants = await this.conversations.participants(request.conversationId, db);
      const owners = participants.filter((participant) => participant.role === 'owner');
      if (request.role !== 'owner' && owners.length === 1 && owners[0]!.userId === request.userId) {
        throw new DomainError('CONFLICT', 'A conversation keeps at least one owner');
      }
      if (!(await this.conversations.setRole(db, request.conversationId, request.userId, request.role))) throw DomainError.notFound('Participant');
    });
    this.push.toConversation(request.conversationId, 'conversation_updated', { conversationId: request.conversationId, reason: 'updated' });
    return this.get(auth, request.conversationId);
  }

  /** The people the caller may start a direct conversation with (the "new conversation" dialog offers only these). */
  async contacts(auth: AuthContext, request: Req<'contactsList'>) {
    const user = requireUser(auth);
    const policy = await this.policy.current();
    const candidates = await this.dataSource.query<{ id: string; firstName: string; lastName: string; role: 'student' | 'teacher' | 'parent' | 'admin' }[]>(
      `SELECT u.id, u.first_name AS "firstName", u.last_name AS "lastName", u.role FROM "chat"."users" u
       WHERE u.active AND u.id <> $1 AND ($2::text IS NULL OR (u.first_name || ' ' || u.last_name) ILIKE '%' || $2 || '%')
         AND (u.role IN ('admin', 'teacher') OR $3 IN ('admin', 'teacher')
              OR EXISTS (SELECT 1 FROM "chat"."enrollments" a JOIN "chat"."enrollments" b ON b.course_id = a.course_id AND b.active
                         WHERE a.active AND a.student_id = $1 AND b.student_id = u.id)
              OR EXISTS (SELECT 1 FROM "chat"."parent_links" l WHERE l.active AND ((l.parent_id = $1 AND l.student_id = u.id) OR (l.parent_id = u.id AND l.student_id = $1))))
       ORDER BY u.last_name, u.first_name LIMIT 2000`,
      [user.userId, request.q ?? null, user.role],
    );
    const facts = await this.roster.relationFacts(user.userId, candidates.map((candidate) => candidate.id));
    const items = [];
    for (const candidate of candidates) {
      const reason = directContactReason(user.role, candidate.role, facts.get(candidate.id)!, policy);
      if (reason) items.push({ ...candidate, reason });
      if (items.length >= request.limit) break;
    }
    return { items };
  }

  async roomAccess(auth: AuthContext, conversationId: string): Promise<boolean> {
    if (auth.kind !== 'user' || !/^[0-9a-f-]{36}$/i.test(conversationId)) return false;
    return (await this.conversations.membership(auth.userId, conversationId)) !== null;
  }

  async unreadSummary(auth: AuthContext, userId: string) {
    if (auth.kind !== 'service') throw DomainError.forbidden('For services only');
    const rows = await this.dataSource.query<{ conversationId: string; kind: 'direct'; title: string; unread: number; lastMessageAt: string | null; counterpart: string | null }[]>(
      `SELECT c.id AS "conversationId", c.kind, c.title, ${unreadCount('p', 'c')} AS unread,
         CASE WHEN c.last_message_id IS NULL THEN NULL ELSE to_char(c.activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END AS "lastMessageAt",
         CASE WHEN c.kind = 'direct' THEN (SELECT u.first_name || ' ' || u.last_name FROM "chat"."participants" o JOIN "chat"."users" u ON u.id = o.user_id
                                           WHERE o.conversation_id = c.id AND o.user_id <> $1 LIMIT 1) END AS counterpart
       FROM "chat"."participants" p JOIN "chat"."conversations" c ON c.id = p.conversation_id
       WHERE p.user_id = $1 AND p.left_at IS NULL AND ${unreadCount('p', 'c')} > 0 ORDER BY c.activity_at DESC LIMIT 50`,
      [userId],
    );
    return {
      userId,
      totalUnread: rows.reduce((sum, row) => sum + row.unread, 0),
      conversations: rows.map(({ counterpart, ...row }) => ({ ...row, title: counterpart ?? row.title })),
    };
  }

  /** Every added person must be reachable by the adder under the policy; no parent with a student not their own. */
  private async assertMayAdd(db: EntityManager, user: UserAuthContext, others: string[], direct: boolean, existing: string[] = []): Promise<void> {
    if (others.length === 0) return;
    const people = await this.roster.findUsers(others, db);
    if (people.length !== others.length || people.some((person) => !person.active)) throw DomainError.notFound('Person');
    const policy = await this.policy.current();
    const facts = await this.roster.relationFacts(user.userId, others, db);
    const blocked = people.filter((person) => !directContactReason(user.role, person.role, facts.get(person.id)!, policy));
    if (blocked.length > 0) {
      throw DomainError.forbidden(direct ? 'The school policy does not allow a conversation with this person' : 'The school policy does not allow adding some of these people');
    }
    if (!direct && (await this.roster.unlinkedParentStudentPairs([user.userId, ...others, ...existing], db)) > 0) {
      throw DomainError.forbidden('Parents may only share a conversation with their own children among students');
    }
  }
}
