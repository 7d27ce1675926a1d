import { z } from 'zod';
import { Role } from '../roles';

/**
 * Chat DTOs. Kinds: `direct` (exactly two people, unique per pair), `course` (one per course, created by the
 * service; membership follows core enrollments and course teachers), `group` (people chosen by the creator) and
 * `announcement` (only owners/admins of the conversation, i.e. teachers and admins, post; members read and react).
 */
export const CONVERSATION_KINDS = ['direct', 'course', 'group', 'announcement'] as const;
export const ConversationKind = z.enum(CONVERSATION_KINDS);
export type ConversationKind = z.infer<typeof ConversationKind>;

export const PARTICIPANT_ROLES = ['owner', 'admin', 'member'] as const;
export const ParticipantRole = z.enum(PARTICIPANT_ROLES);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

export const PRESENCE_STATUSES = ['online', 'idle', 'offline'] as const;
export const PresenceStatus = z.enum(PRESENCE_STATUSES);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

/** Text of a message: trimmed, 1 to 4,000 characters (a message with an attachment may have empty text). */
export const MESSAGE_MAX_LENGTH = 4000;
export const MessageBody = z.string().trim().max(MESSAGE_MAX_LENGTH);

/** Reactions are short emoji (or short codes such as `:thumbsup:`), at most 16 characters. */
export const ReactionEmoji = z.string().trim().min(1).max(16);

/**
 * Attachment sizes, three levels: this contract's ceiling (what any deployment may allow), the deployment's
 * CHAT_ATTACHMENT_MAX_BYTES (default ATTACHMENT_DEFAULT_MAX_BYTES, at most the ceiling) and each school's
 * `attachmentMaxBytes` in the chat policy (at most the deployment's). Files do not travel inside one NATS message
 * (1 MB) but through the chat-transfers object store (CHAT_TRANSFER_BUCKET), so the ceiling is a sizing choice: the
 * chat service holds one file in memory while it checks it and makes its thumbnail.
 */
export const ATTACHMENT_HARD_MAX_BYTES = 100 * 1024 * 1024;
export const ATTACHMENT_DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
/** The wording of every PAYLOAD_TOO_LARGE refusal of an attachment (gateway and chat): "at most 10 MB", "at most 700 KB". */
export function attachmentTooLargeMessage(maxBytes: number): string {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round((maxBytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.floor(maxBytes / 1024)} KB`;
  return `Files can be at most ${size}`;
}
/** Recognised by their first bytes (magic numbers), never by the name or declared type. */
export const ATTACHMENT_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;
export const AttachmentMimeType = z.enum(ATTACHMENT_MIME_TYPES);
export type AttachmentMimeType = z.infer<typeof AttachmentMimeType>;
/** Shown inline (a preview) rather than only offered as a download. */
export const INLINE_PREVIEW_MIME_TYPES: readonly AttachmentMimeType[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
/** Images get a thumbnail at upload: WebP, at most this many pixels on its longer side (never enlarged). */
export const ATTACHMENT_THUMBNAIL_MAX_PX = 320;

export const ChatUserRef = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), role: Role });
export type ChatUserRef = z.infer<typeof ChatUserRef>;

export const ChatCourseRef = z.object({ id: z.uuid(), code: z.string(), title: z.string() });

export const MessageAttachment = z.object({
  id: z.uuid(),
  /** The uploader's file name, cleaned (no path, no control characters); never used to store the file. */
  fileName: z.string(),
  mimeType: AttachmentMimeType,
  sizeBytes: z.number().int(),
  /** True for images: the web shows them inline from `GET /messages/attachments/:id?inline=1`. */
  preview: z.boolean(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /**
   * The image's thumbnail (WebP, at most ATTACHMENT_THUMBNAIL_MAX_PX on its longer side), for the inline preview:
   * `GET /messages/attachments/:id/thumbnail`. Null when there is none (not an image, or stored before thumbnails).
   */
  thumbnail: z.object({ width: z.number().int(), height: z.number().int() }).nullable().default(null),
});
export type MessageAttachment = z.infer<typeof MessageAttachment>;

export const ReactionSummary = z.object({ emoji: z.string(), count: z.number().int(), userIds: z.array(z.uuid()) });
export type ReactionSummary = z.infer<typeof ReactionSummary>;

/**
 * A message as participants see it. `seq` grows by one per message in a conversation (the read watermark and the
 * reconnect cursor). A deleted message stays in the history as a tombstone (`deleted: true`, empty body, no
 * attachment) so cursors and receipts stay consistent; its text is kept for an admin safeguarding review.
 */
export const ChatMessage = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  seq: z.number().int(),
  sender: ChatUserRef,
  body: z.string(),
  mentions: z.array(z.uuid()),
  attachment: MessageAttachment.nullable(),
  reactions: z.array(ReactionSummary),
  isEdited: z.boolean(),
  editedAt: z.iso.datetime().nullable(),
  deleted: z.boolean(),
  createdAt: z.iso.datetime(),
  /** The sender's idempotency key, echoed so a client can match its optimistic copy. */
  clientId: z.string().nullable(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const LastMessage = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  sender: ChatUserRef,
  /** First 140 characters; empty when deleted. */
  preview: z.string(),
  hasAttachment: z.boolean(),
  deleted: z.boolean(),
  createdAt: z.iso.datetime(),
});

export const ConversationSummary = z.object({
  id: z.uuid(),
  kind: ConversationKind,
  /** For a direct conversation: the other person's name. */
  title: z.string(),
  course: ChatCourseRef.nullable(),
  /** The other person of a direct conversation. */
  counterpart: ChatUserRef.nullable(),
  participantCount: z.number().int(),
  myRole: ParticipantRole,
  /** Whether the caller may post (false for members of an announcement conversation). */
  canPost: z.boolean(),
  muted: z.boolean(),
  archived: z.boolean(),
  unreadCount: z.number().int(),
  lastReadSeq: z.number().int(),
  lastMessage: LastMessage.nullable(),
  createdAt: z.iso.datetime(),
  /** The time of the last message (or of creation): the list's order. */
  activityAt: z.iso.datetime(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ParticipantView = z.object({
  user: ChatUserRef,
  role: ParticipantRole,
  joinedAt: z.iso.datetime(),
  /** Read receipts: the participant has read every message up to this seq. */
  lastReadSeq: z.number().int(),
  lastReadMessageId: z.uuid().nullable(),
  presence: PresenceStatus,
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const ConversationDetail = ConversationSummary.extend({ participants: z.array(ParticipantView) });
export type ConversationDetail = z.infer<typeof ConversationDetail>;

/** The per-school safety policy (one row per deployment; admins edit it). */
export const ChatPolicy = z.object({
  /** Students may message other students who share an active course with them. */
  studentToStudent: z.boolean(),
  /** Parents may message teachers of their active-linked children's courses. */
  parentToTeacher: z.boolean(),
  /** A message may be edited by its sender for this many minutes. */
  editWindowMinutes: z.number().int().min(0).max(1440),
  /** Flood control: at most `floodMaxMessages` per `floodWindowSeconds` per user. */
  floodMaxMessages: z.number().int().min(1).max(1000),
  floodWindowSeconds: z.number().int().min(1).max(3600),
  attachmentMaxBytes: z.number().int().min(1024).max(ATTACHMENT_HARD_MAX_BYTES),
  allowedMimeTypes: z.array(AttachmentMimeType).min(1),
  /** Unread digest: remind a recipient offline this long with unread messages (and not more often than that). */
  unreadReminderMinutes: z.number().int().min(5).max(10080),
  updatedAt: z.iso.datetime(),
});
export type ChatPolicy = z.infer<typeof ChatPolicy>;

export const REPORT_STATUSES = ['open', 'dismissed', 'removed'] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);

export const ModerationReport = z.object({
  id: z.uuid(),
  status: ReportStatus,
  reason: z.string(),
  /** Null when the viewer is the reported person: a reporter is never revealed to them. */
  reporter: ChatUserRef.nullable(),
  reportedUser: ChatUserRef,
  conversation: z.object({ id: z.uuid(), kind: ConversationKind, title: z.string(), course: ChatCourseRef.nullable() }),
  /** The message as it was, including a deleted one's text (moderators only). */
  message: z.object({ id: z.uuid(), body: z.string(), createdAt: z.iso.datetime(), deleted: z.boolean(), hasAttachment: z.boolean() }),
  createdAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  resolvedBy: ChatUserRef.nullable(),
  resolutionNote: z.string().nullable(),
});
export type ModerationReport = z.infer<typeof ModerationReport>;

/** Where a message in the safeguarding review was sent. */
export const SafeguardingConversation = z.object({
  id: z.uuid(),
  kind: ConversationKind,
  /** A direct conversation: its two people's names (whoever looks at it); otherwise its own title. */
  title: z.string(),
  course: ChatCourseRef.nullable(),
  /** The admin is a participant now, so the conversation opens for them in chat (`/messages/:id`). */
  viewerIsMember: z.boolean(),
});
export type SafeguardingConversation = z.infer<typeof SafeguardingConversation>;

/** A message as the safeguarding review shows it to admins: deleted ones with their text and who deleted them. */
export const SafeguardingMessage = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  conversation: SafeguardingConversation,
  sender: ChatUserRef,
  body: z.string(),
  attachment: MessageAttachment.nullable(),
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().nullable(),
  deletedAt: z.iso.datetime().nullable(),
  deletedBy: ChatUserRef.nullable(),
  deleteReason: z.string().nullable(),
});
export type SafeguardingMessage = z.infer<typeof SafeguardingMessage>;
