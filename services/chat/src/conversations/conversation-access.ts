import { Injectable } from '@nestjs/common';
import { DomainError, type AuthContext, type UserAuthContext } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { RosterRepository } from '../roster/roster.repository';
import { ConversationsRepository, type MembershipRow } from './conversations.repository';

export function requireUser(auth: AuthContext): UserAuthContext {
  if (auth.kind !== 'user') throw DomainError.forbidden('Chat is for signed-in people');
  return auth;
}

/**
 * The one place that decides who may see, post in and moderate a conversation. A conversation someone is not in
 * is NOT_FOUND for them (its existence is not revealed).
 */
@Injectable()
export class ConversationAccess {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly roster: RosterRepository,
  ) {}

  async member(auth: AuthContext, conversationId: string, db?: EntityManager, lock = false): Promise<{ user: UserAuthContext; membership: MembershipRow }> {
    const user = requireUser(auth);
    const membership = await this.conversations.membership(user.userId, conversationId, db, lock);
    if (!membership) throw DomainError.notFound('Conversation');
    return { user, membership };
  }

  /** For moderation: the conversation and whether the caller is in it (admins may act on any conversation). */
  async conversationFor(user: UserAuthContext, conversationId: string, db?: EntityManager): Promise<{ id: string; courseId: string | null; member: boolean }> {
    const membership = await this.conversations.membership(user.userId, conversationId, db);
    if (membership) return { id: membership.id, courseId: membership.courseId, member: true };
    const conversation = await this.conversations.findById(conversationId, db);
    if (!conversation) throw DomainError.notFound('Conversation');
    return { id: conversation.id, courseId: conversation.courseId, member: false };
  }

  /** Announcements: only the conversation's owners and admins (teachers, admins) post; members read and react. */
  canPost(membership: MembershipRow): boolean {
    return membership.kind !== 'announcement' || membership.role !== 'member';
  }

  canManage(membership: MembershipRow): boolean {
    return membership.role === 'owner' || membership.role === 'admin';
  }

  /** Moderators of a conversation: admins anywhere, teachers of its course. */
  async canModerate(user: UserAuthContext, conversation: { courseId: string | null }, db?: EntityManager): Promise<boolean> {
    if (user.role === 'admin') return true;
    if (user.role !== 'teacher' || !conversation.courseId) return false;
    return this.roster.isTeacherOf(conversation.courseId, user.userId, db);
  }
}
