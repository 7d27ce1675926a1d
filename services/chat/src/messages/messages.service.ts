import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  chatEvents,
  DATA_SOURCE,
  DomainError,
  enqueueEvent,
  inTransaction,
  type AuthContext,
  type ChatMessage,
  type ChatPolicy,
  type UserAuthContext,
  type ConversationKind,
  type chatRpc,
  type RpcParsedRequest,
} from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { ConversationAccess, requireUser } from '../conversations/conversation-access';
import { ConversationsRepository, type MembershipRow } from '../conversations/conversations.repository';
import { PolicyService } from '../policy/policy.service';
import { ChatPush } from '../realtime/chat-push';
import { RosterRepository } from '../roster/roster.repository';
import { FloodLogRepository } from './flood-log.repository';
import { toMessage } from './message.mapper';
import { MessagesRepository, type MessageRow } from './messages.repository';
import { SendBatcher } from './send-batcher';

type Req<K extends keyof typeof chatRpc> = RpcParsedRequest<(typeof chatRpc)[K]>;

/** Sending, history, edit, delete, reactions, read watermarks and search. */
@Injectable()
export class MessagesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly messages: MessagesRepository,
    private readonly conversations: ConversationsRepository,
    private readonly access: ConversationAccess,
    private readonly policy: PolicyService,
    private readonly roster: RosterRepository,
    private readonly push: ChatPush,
    private readonly batcher: SendBatcher,
    private readonly floodLog: FloodLogRepository,
  ) {}

  /**
   * One transaction: flood slot (exact across instances, see FloodLogRepository), next seq (the conversation row lock orders concurrent sends), the message, the
   * attachment claim, the sender's read watermark, the mention event. The push goes out after commit.
   * A resend with the same clientId returns the first message.
   */
  async send(auth: AuthContext, request: Req<'messagesSend'>): Promise<ChatMessage> {
    const user = requireUser(auth);
    const policy = await this.policy.current();
    const plain = !request.attachmentId && request.mentions.length === 0;
    const { message, created } = plain ? await this.sendPlain(user, request, policy) : await inTransaction(this.dataSource, async (db) => {
      if (request.clientId) {
        const existing = await this.messages.findByClientId(request.conversationId, user.userId, request.clientId, db);
        if (existing) return { message: toMessage((await this.messages.withReactions([existing], db))[0]!), created: false };
      }
      const sender = await this.conversations.senderContext(user.userId, request.conversationId, db);
      if (!sender) throw DomainError.notFound('Conversation');
      if (!this.access.canPost(sender)) throw DomainError.forbidden('Only teachers post in announcements');
      if (!(await this.floodLog.take(db, user.userId, policy.floodMaxMessages, policy.floodWindowSeconds))) {
        throw new DomainError('RATE_LIMITED', 'You are sending messages too fast; wait a moment', { retryAfterSeconds: policy.floodWindowSeconds });
      }
      const id = randomUUID();
      if (request.attachmentId) await this.claimAttachment(db, request.attachmentId, request.conversationId, user.userId, id);
      const mentions = await this.validMentions(db, request.conversationId, user.userId, request.mentions);
      const { seq, createdAt } = await this.messages.append(db, {
        id,
        conversationId: request.conversationId,
        senderId: user.userId,
        body: request.body,
        mentions,
        attachmentId: request.attachmentId ?? null,
        clientId: request.clientId ?? null,
      });
      const attachment = request.attachmentId ? ((await this.messages.findInConversation(request.conversationId, id, db))?.attachment ?? null) : null;
      if (mentions.length > 0) await this.announceMentions(db, sender, id, createdAt, user.userId, mentions, request.body);
      const row: MessageRow = {
        id,
        conversationId: request.conversationId,
        seq,
        senderId: user.userId,
        senderFirstName: sender.firstName,
        senderLastName: sender.lastName,
        senderRole: sender.userRole,
        body: request.body,
        mentions,
        clientId: request.clientId ?? null,
        createdAt,
        editedAt: null,
        deletedAt: null,
        deletedBy: null,
        deleteReason: null,
        attachment,
        reactions: [],
      };
      return { message: toMessage(row), created: true };
    });
    if (created) this.push.toConversation(message.conversationId, 'new_message', message);
    return message;
  }

  /**
   * The common case (text only, no mentions, no attachment) goes through the group commit (SendBatcher). The
   * outcome is the same as the transactional path: NOT_FOUND, FORBIDDEN or RATE_LIMITED, or the message.
   */
  private async sendPlain(user: UserAuthContext, request: Req<'messagesSend'>, policy: ChatPolicy): Promise<{ message: ChatMessage; created: boolean }> {
    const id = randomUUID();
    const result = await this.batcher.append({
      id,
      conversationId: request.conversationId,
      senderId: user.userId,
      body: request.body,
      clientId: request.clientId ?? null,
      floodMax: policy.floodMaxMessages,
      floodSeconds: policy.floodWindowSeconds,
    });
    if (result.duplicate && request.clientId) {
      const existing = await this.messages.findByClientId(request.conversationId, user.userId, request.clientId, this.dataSource.manager);
      if (existing) return { message: toMessage((await this.messages.withReactions([existing]))[0]!), created: false };
    }
    if (!result.member) throw DomainError.notFound('Conversation');
    if (!result.canPost) throw DomainError.forbidden('Only teachers post in announcements');
    if (result.seq === null || result.createdAt === null) {
      throw new DomainError('RATE_LIMITED', 'You are sending messages too fast; wait a moment', { retryAfterSeconds: policy.floodWindowSeconds });
    }
    const row: MessageRow = {
      id,
      conversationId: request.conversationId,
      seq: result.seq,
      senderId: user.userId,
      senderFirstName: result.firstName,
      senderLastName: result.lastName,
      senderRole: result.role,
      body: request.body,
      mentions: [],
      clientId: request.clientId ?? null,
      createdAt: result.createdAt,
      editedAt: null,
      deletedAt: null,
      deletedBy: null,
      deleteReason: null,
      attachment: null,
      reactions: [],
    };
    return { message: toMessage(row), created: true };
  }

  async list(auth: AuthContext, request: Req<'messagesList'>): Promise<{ items: ChatMessage[]; hasMore: boolean }> {
    await this.access.member(auth, request.conversationId);
    const cursor: { before?: number; after?: number } = {};
    if (request.before) cursor.before = await this.cursorSeq(request.conversationId, request.before);
    if (request.after) cursor.after = await this.cursorSeq(request.conversationId, request.after);
    const page = await this.messages.page(request.conversationId, cursor, request.limit);
    return { items: page.rows.map(toMessage), hasMore: page.hasMore };
  }

  /** The sender, within the school's edit window, on a message not deleted. */
  async edit(auth: AuthContext, request: Req<'messagesEdit'>): Promise<ChatMessage> {
    const user = requireUser(auth);
    const policy = await this.policy.current();
    const message = await inTransaction(this.dataSource, async (db) => {
      const row = await this.messages.findById(request.messageId, db);
      if (!row) throw DomainError.notFound('Message');
      await this.access.member(auth, row.conversationId, db);
      if (row.senderId !== user.userId) throw DomainError.forbidden('You can only edit your own messages');
      if (row.deletedAt) throw new DomainError('CONFLICT', 'This message was deleted');
      if (Date.now() - Date.parse(row.createdAt) > policy.editWindowMinutes * 60_000) {
        throw new DomainError('CONFLICT', `Messages can be edited for ${policy.editWindowMinutes} minutes after sending`, { editWindowMinutes: policy.editWindowMinutes });
      }
      await this.messages.edit(db, row.id, request.body);
      const [updated] = await this.messages.withReactions([(await this.messages.findById(row.id, db))!], db);
      return toMessage(updated!);
    });
    this.push.toConversation(message.conversationId, 'message_edited', message);
    return message;
  }

  /** The sender deletes their own; teachers of the course in its conversations; admins anywhere (even if not in it). */
  async delete(auth: AuthContext, request: Req<'messagesDelete'>): Promise<{ id: string; conversationId: string; deleted: true }> {
    const user = requireUser(auth);
    const row = await inTransaction(this.dataSource, async (db) => {
      const message = await this.messages.findById(request.messageId, db);
      if (!message) throw DomainError.notFound('Message');
      const conversation = await this.access.conversationFor(user, message.conversationId, db);
      const own = message.senderId === user.userId && conversation.member;
      if (!own && !(await this.access.canModerate(user, conversation, db))) {
        if (!conversation.member) throw DomainError.notFound('Message');
        throw DomainError.forbidden('You can only delete your own messages');
      }
      await this.messages.softDelete(db, message, user.userId, request.reason ?? null);
      return message;
    });
    this.push.toConversation(row.conversationId, 'message_deleted', { conversationId: row.conversationId, messageId: row.id, seq: row.seq });
    return { id: row.id, conversationId: row.conversationId, deleted: true };
  }

  async react(auth: AuthContext, request: Req<'reactionsSet'>) {
    const user = requireUser(auth);
    const result = await inTransaction(this.dataSource, async (db) => {
      const row = await this.messages.findById(request.messageId, db);
      if (!row) throw DomainError.notFound('Message');
      await this.access.member(auth, row.conversationId, db);
      if (row.deletedAt) throw new DomainError('CONFLICT', 'This message was deleted');
      await this.messages.setReaction(db, row.id, user.userId, request.emoji, request.on);
      return { messageId: row.id, conversationId: row.conversationId, reactions: await this.messages.reactionsOf(row.id, db) };
    });
    this.push.toConversation(result.conversationId, 'message_reactions', result);
    return result;
  }

  /** Moves the caller's read watermark up to a message; the receipt goes to the room and the caller's other tabs. */
  async read(auth: AuthContext, request: Req<'messagesRead'>) {
    const user = requireUser(auth);
    await this.access.member(auth, request.conversationId);
    const seq = await this.messages.seqOf(request.conversationId, request.messageId);
    if (seq === null) throw DomainError.notFound('Message');
    const state = await inTransaction(this.dataSource, (db) => this.messages.markRead(db, request.conversationId, user.userId, seq));
    if (!state) throw DomainError.notFound('Conversation');
    const readAt = new Date().toISOString();
    const lastReadMessageId = state.lastReadSeq === seq ? request.messageId : await this.messageIdAt(request.conversationId, state.lastReadSeq);
    if (state.moved && lastReadMessageId) {
      const receipt = { conversationId: request.conversationId, userId: user.userId, messageId: lastReadMessageId, seq: state.lastReadSeq, readAt };
      this.push.toConversation(request.conversationId, 'message_read', receipt);
      this.push.toUser(user.userId, 'message_read', { ...receipt, unreadCount: state.unreadCount });
    }
    return { conversationId: request.conversationId, lastReadSeq: state.lastReadSeq, lastReadMessageId, unreadCount: state.unreadCount };
  }

  async search(auth: AuthContext, request: Req<'messagesSearch'>) {
    const user = requireUser(auth);
    if (request.conversationId) await this.access.member(auth, request.conversationId);
    const rows = await this.messages.search(user.userId, request.q, request.conversationId, request.limit);
    return {
      items: rows.map((row) => ({
        message: toMessage(row),
        conversation: { id: row.conversationId, kind: row.conversationKind as ConversationKind, title: row.conversationTitle },
        headline: row.headline,
      })),
    };
  }

  private async cursorSeq(conversationId: string, messageId: string): Promise<number> {
    const seq = await this.messages.seqOf(conversationId, messageId);
    if (seq === null) throw DomainError.notFound('Message');
    return seq;
  }

  private async messageIdAt(conversationId: string, seq: number): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM "chat"."messages" WHERE conversation_id = $1 AND seq = $2`, [conversationId, seq]);
    return rows[0]?.id ?? null;
  }

  private async claimAttachment(db: EntityManager, attachmentId: string, conversationId: string, userId: string, messageId: string): Promise<void> {
    const rows = await db.query<[unknown[], number]>(
      `UPDATE "chat"."attachments" SET message_id = $4 WHERE id = $1 AND conversation_id = $2 AND uploader_id = $3 AND message_id IS NULL`,
      [attachmentId, conversationId, userId, messageId],
    );
    if (rows[1] === 0) throw new DomainError('CONFLICT', 'That attachment is not yours to send here, or was already sent');
  }

  private async validMentions(db: EntityManager, conversationId: string, senderId: string, mentions: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(mentions)].filter((id) => id !== senderId);
    if (wanted.length === 0) return [];
    const rows = await db.query<{ id: string }[]>(
      `SELECT user_id AS id FROM "chat"."participants" WHERE conversation_id = $1 AND user_id = ANY($2::uuid[]) AND left_at IS NULL`,
      [conversationId, wanted],
    );
    return rows.map((row) => row.id);
  }

  private async announceMentions(db: EntityManager, conversation: MembershipRow, messageId: string, sentAt: string, senderId: string, mentions: string[], body: string): Promise<void> {
    const profiles = await this.roster.activeProfiles(mentions, db);
    const senders = await this.roster.findUsers([senderId], db);
    const sender = senders[0];
    if (profiles.length === 0 || !sender) return;
    await enqueueEvent(db, chatEvents.mentioned, {
      messageId,
      conversation: { id: conversation.id, kind: conversation.kind, title: conversation.title, courseId: conversation.courseId },
      sender: { id: sender.id, firstName: sender.firstName, lastName: sender.lastName, role: sender.role },
      mentioned: profiles,
      preview: body.slice(0, 140),
      link: `/messages/${conversation.id}`,
      sentAt,
    });
  }
}
