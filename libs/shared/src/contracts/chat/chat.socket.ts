import { z } from 'zod';
import type { ChatMessage, PresenceStatus, ReactionSummary } from './chat.dto';
import { MessageSendRequest } from './chat.rpc';

/**
 * Chat over Socket.IO. Client → server events (each answers with an ack `{ok: true, ...}` or
 * `{ok: false, error: ErrorBody}`):
 * - `join_conversation {conversationId}`: follow a conversation's room (participants only);
 * - `leave_conversation {conversationId}`;
 * - `send_message` = the body of `POST /messages/conversations/:id/messages` plus `conversationId`; ack `{ok, message}`;
 * - `read_message {conversationId, messageId}`: move the read watermark; ack `{ok, read}`;
 * - `typing {conversationId, typing}`: ephemeral, throttled, never stored (the socket must have joined the room);
 * - `presence {status: 'online' | 'idle'}`: the tab became idle or active again.
 */
export const JoinConversationEvent = z.object({ conversationId: z.uuid() });
export const SendMessageEvent = MessageSendRequest;
export const ReadMessageEvent = z.object({ conversationId: z.uuid(), messageId: z.uuid() });
export const TypingEvent = z.object({ conversationId: z.uuid(), typing: z.boolean() });
export const PresenceEvent = z.object({ status: z.enum(['online', 'idle']) });

/** A client sends at most one `typing: true` per conversation in this window; extra ones are dropped. */
export const TYPING_THROTTLE_MS = 2000;
/** The web hides someone's typing indicator this long after their last `typing: true`, even without `false`. */
export const TYPING_TTL_MS = 6000;

/** Server → client chat events (merged into `ClientEventMap`). Rooms: `conversation:<id>` unless noted. */
export interface ChatClientEventMap {
  new_message: ChatMessage;
  message_edited: ChatMessage;
  message_deleted: { conversationId: string; messageId: string; seq: number };
  message_reactions: { conversationId: string; messageId: string; reactions: ReactionSummary[] };
  /** Read receipt: `userId` has read up to `seq` (`messageId`). Also sent to `user:<id>` so other tabs clear badges. */
  message_read: { conversationId: string; userId: string; messageId: string; seq: number; unreadCount?: number; readAt: string };
  /** Sent by the gateway to everyone in the room, the typist included (clients ignore their own userId). */
  typing: { conversationId: string; userId: string; typing: boolean };
  /**
   * Room `user:<id>`: a conversation of this user changed: `added` (new conversation or added to one), `removed`,
   * `updated` (title, participants, settings of another tab). New messages are not sent here: the inbox follows
   * the rooms of the conversations it shows (`join_conversation`).
   */
  conversation_updated: { conversationId: string; reason: 'added' | 'removed' | 'updated' };
}

export type ChatPresenceStatus = PresenceStatus;
