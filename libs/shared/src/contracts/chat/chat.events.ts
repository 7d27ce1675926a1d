import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { EventUser } from '../core/events.contracts';
import { ConversationKind } from './chat.dto';

/**
 * Events published by the chat service (through its outbox). Subjects are persisted contracts: never rename one
 * or change a payload incompatibly in place; add `chat.v2.<event>`, publish both, then retire v1. Payloads carry
 * the recipient's profile, so notifications never calls chat back.
 */
const At = z.iso.datetime();
const EventSender = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), role: z.string() });

export const chatEvents = {
  unreadReminder: defineEvent(
    'chat.v1.unread_reminder',
    z.object({
      recipient: EventUser,
      totalUnread: z.number().int().min(1),
      /** Up to 10 conversations with unread messages, most recent first. */
      conversations: z.array(
        z.object({
          id: z.uuid(),
          kind: ConversationKind,
          title: z.string(),
          unread: z.number().int(),
          lastSender: EventSender,
          /** The last unread message, first 140 characters. */
          preview: z.string(),
          lastMessageAt: At,
        }),
      ),
      /** The app path of the inbox. */
      link: z.string(),
      remindedAt: At,
    }),
    'A participant stayed offline with unread messages (not muted) for the school policy delay: notifications sends the message_digest email. At most once per delay per person.',
  ),
  mentioned: defineEvent(
    'chat.v1.mentioned',
    z.object({
      messageId: z.uuid(),
      conversation: z.object({ id: z.uuid(), kind: ConversationKind, title: z.string(), courseId: z.uuid().nullable() }),
      sender: EventSender,
      /** Participants named in the message, except the sender. */
      mentioned: z.array(EventUser).min(1),
      preview: z.string(),
      /** The app path of the conversation. */
      link: z.string(),
      sentAt: At,
    }),
    'A message mentioned participants: notifications tells each of them in-app.',
  ),
} as const;

export type ChatEvents = typeof chatEvents;
