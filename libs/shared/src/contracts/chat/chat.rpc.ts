import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { roomAccessRpc } from '../room-access';
import {
  ATTACHMENT_HARD_MAX_BYTES,
  AttachmentMimeType,
  ChatMessage,
  ChatPolicy,
  ChatUserRef,
  ConversationDetail,
  ConversationKind,
  ConversationSummary,
  MessageAttachment,
  MessageBody,
  ModerationReport,
  ParticipantRole,
  PresenceStatus,
  ReactionEmoji,
  ReactionSummary,
  ReportStatus,
  SafeguardingMessage,
} from './chat.dto';

const Id = z.uuid();
const BoolQuery = z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());
const ConversationRef = z.object({ conversationId: Id });
const MessageRef = z.object({ messageId: Id });

export const ConversationsListRequest = z.object({
  kind: ConversationKind.optional(),
  courseId: Id.optional(),
  /** false (default): the inbox; true: only archived conversations. */
  archived: BoolQuery.default(false),
  /** Only conversations with unread messages. */
  unreadOnly: BoolQuery.default(false),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** The previous page's `nextCursor` (most recent activity first). */
  cursor: z.string().max(200).optional(),
});
export const ConversationsPage = z.object({ items: z.array(ConversationSummary), nextCursor: z.string().nullable() });

export const ConversationCreateRequest = z
  .object({
    kind: z.enum(['direct', 'group', 'announcement']),
    /** Everyone but the caller. Direct: exactly one. */
    participantIds: z.array(Id).max(200).default([]),
    /** Group and announcement: required. Direct: ignored (the other person's name is shown). */
    title: z.string().trim().min(1).max(120).optional(),
    /** Announcement: the course whose students (following enrollments) receive it. */
    courseId: Id.optional(),
  })
  .superRefine((value, context) => {
    if (value.kind === 'direct' && value.participantIds.length !== 1)
      context.addIssue({ code: 'custom', path: ['participantIds'], message: 'a direct conversation has exactly one other person' });
    if (value.kind !== 'direct' && !value.title) context.addIssue({ code: 'custom', path: ['title'], message: 'required' });
    if (value.kind === 'group' && value.participantIds.length === 0)
      context.addIssue({ code: 'custom', path: ['participantIds'], message: 'add at least one person' });
    if (value.kind === 'announcement' && !value.courseId && value.participantIds.length === 0)
      context.addIssue({ code: 'custom', path: ['courseId'], message: 'choose a course or people' });
  });
export const ConversationCreated = ConversationDetail.extend({ created: z.boolean() });

export const ConversationUpdateRequest = ConversationRef.extend({ title: z.string().trim().min(1).max(120) });
export const ConversationSettingsRequest = ConversationRef.extend({ muted: z.boolean().optional(), archived: z.boolean().optional() });
export const ParticipantsAddRequest = ConversationRef.extend({ userIds: z.array(Id).min(1).max(200) });
export const ParticipantRemoveRequest = ConversationRef.extend({ userId: Id });
export const ParticipantRoleRequest = ConversationRef.extend({ userId: Id, role: ParticipantRole });

/** The history query of `GET /messages/conversations/:id/messages`. */
export const MessagesHistoryQuery = z.object({
  /** Older than this message (scrolling back). */
  before: Id.optional(),
  /** Newer than this message (catching up after a reconnect). */
  after: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const notBoth = (value: { before?: string; after?: string }) => !(value.before && value.after);
export const MessagesListRequest = ConversationRef.extend(MessagesHistoryQuery.shape).refine(notBoth, { message: 'use before or after, not both', path: ['after'] });
/** Always oldest first. `hasMore`: there are more in the direction asked (older for before/none, newer for after). */
export const MessagesPage = z.object({ items: z.array(ChatMessage), hasMore: z.boolean() });

/** The body of `POST /messages/conversations/:id/messages` (and, with conversationId, of `send_message`). */
export const MessageSendBody = z.object({
  body: MessageBody.default(''),
  /** The client's idempotency key: resending with the same key returns the first message, never a second one. */
  clientId: z.string().trim().min(1).max(64).optional(),
  /** Participants to notify (`chat.v1.mentioned`); people who are not participants are ignored. */
  mentions: z.array(Id).max(50).default([]),
  /** From `POST /messages/conversations/:id/attachments`, in the same conversation, by the same sender, unused. */
  attachmentId: Id.optional(),
});
const hasContent = (value: { body: string; attachmentId?: string }) => value.body.length > 0 || value.attachmentId !== undefined;
const contentIssue = { message: 'write something or attach a file', path: ['body'] };
export const MessageSendBodyChecked = MessageSendBody.refine(hasContent, contentIssue);
export const MessageSendRequest = ConversationRef.extend(MessageSendBody.shape).refine(hasContent, contentIssue);

export const MessageEditRequest = MessageRef.extend({ body: MessageBody.pipe(z.string().min(1)) });
export const MessageDeleteRequest = MessageRef.extend({ reason: z.string().trim().max(500).optional() });
export const MessageDeleted = z.object({ id: Id, conversationId: Id, deleted: z.literal(true) });
export const ReactionRequest = MessageRef.extend({ emoji: ReactionEmoji, on: z.boolean() });
export const ReactionsChanged = z.object({ messageId: Id, conversationId: Id, reactions: z.array(ReactionSummary) });

export const ReadRequest = ConversationRef.extend({ messageId: Id });
export const ReadState = z.object({
  conversationId: Id,
  lastReadSeq: z.number().int(),
  lastReadMessageId: Id.nullable(),
  unreadCount: z.number().int(),
});

export const SearchRequest = z.object({
  q: z.string().trim().min(2).max(200),
  conversationId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const SearchResults = z.object({
  items: z.array(
    z.object({
      message: ChatMessage,
      conversation: z.object({ id: Id, kind: ConversationKind, title: z.string() }),
      /** The matching text with the hits wrapped in `<mark>`…`</mark>` (the rest HTML-escaped). */
      headline: z.string(),
    }),
  ),
});

/**
 * Attachment bytes never travel inside an RPC message past ATTACHMENT_INLINE_MAX_BYTES: they wait in this JetStream
 * object store (a BlobTransfer bucket, `<prefix>-chat-transfers`), the RPC carries the entry's name and the
 * receiver takes it (reads, then deletes). Uploads: the gateway streams the request into it, chat takes it.
 * Downloads over the inline size: chat streams the stored file into it, the gateway streams it to the client.
 * Entries nobody took expire after the TTL.
 */
export const CHAT_TRANSFER_BUCKET = { purpose: 'chat-transfers', ttlMs: 15 * 60 * 1000 } as const;
/** A download up to this size comes inline (base64 in the RPC reply, well under NATS's 1 MB); a larger one is parked. */
export const ATTACHMENT_INLINE_MAX_BYTES = 512 * 1024;
/** An entry in CHAT_TRANSFER_BUCKET, named by the process that parked it (never by a client). */
export const ChatTransferRef = z.object({
  name: z.string().regex(/^chat-(upload|download)-[0-9a-f-]{36}$/),
  bytes: z.number().int().min(0).max(ATTACHMENT_HARD_MAX_BYTES),
});

/** Before the gateway accepts a file's bytes: may the caller post files here, and how large (the effective limit). */
export const AttachmentUploadLimits = z.object({
  /** The school's limit, capped by the deployment's CHAT_ATTACHMENT_MAX_BYTES. */
  maxBytes: z.number().int().positive(),
  allowedMimeTypes: z.array(AttachmentMimeType),
});
export const AttachmentUploadRequest = ConversationRef.extend({
  fileName: z.string().trim().min(1).max(255),
  /** The file, parked in CHAT_TRANSFER_BUCKET by the gateway (`chat-upload-…`); chat takes it, accepted or not. */
  transfer: ChatTransferRef,
});
export const AttachmentRef = z.object({ attachmentId: Id });
/** A file (or thumbnail): inline base64 up to ATTACHMENT_INLINE_MAX_BYTES, otherwise parked (`chat-download-…`). */
export const AttachmentContent = z
  .object({
    fileName: z.string(),
    mimeType: AttachmentMimeType,
    sizeBytes: z.number().int(),
    preview: z.boolean(),
    contentBase64: z.string().optional(),
    transfer: ChatTransferRef.optional(),
  })
  .refine((value) => (value.contentBase64 === undefined) !== (value.transfer === undefined), 'exactly one of contentBase64 and transfer');

export const ContactsRequest = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
/** The people the caller may start a direct conversation with under the school's safety policy, and why. */
export const ContactsList = z.object({
  items: z.array(ChatUserRef.extend({ reason: z.enum(['course_teacher', 'course_student', 'classmate', 'child_teacher', 'child', 'admin', 'staff']) })),
});

export const ReportCreateRequest = MessageRef.extend({ reason: z.string().trim().min(3).max(1000) });
export const ReportCreated = z.object({ id: Id, status: ReportStatus });
export const ReportsListRequest = z.object({
  status: ReportStatus.optional(),
  courseId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const ReportResolveRequest = z.object({
  reportId: Id,
  /** `remove`: delete the message (kept for the safeguarding review); `dismiss`: keep it. */
  action: z.enum(['dismiss', 'remove']),
  note: z.string().trim().max(1000).optional(),
});

/**
 * The admins' safeguarding review, newest first across every conversation. Filters combine (AND). Pages by an
 * opaque keyset cursor on (sent at, id): pass the previous page's `nextCursor`; a cursor that was not made by
 * this endpoint is refused (VALIDATION_FAILED on `cursor`).
 */
export const SafeguardingRequest = z
  .object({
    conversationId: Id.optional(),
    /** Messages sent by this person (any conversation). */
    senderId: Id.optional(),
    /** Messages in conversations linked to this course (its course conversation and its announcements). */
    courseId: Id.optional(),
    /** Messages sent at or after this instant. */
    from: z.iso.datetime({ offset: true }).optional(),
    /** Messages sent before this instant. */
    to: z.iso.datetime({ offset: true }).optional(),
    /** true: only deleted messages (kept for safeguarding); false (default): every message. */
    onlyDeleted: BoolQuery.default(false),
    /** The previous page's `nextCursor`. */
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine((value, context) => {
    if (value.from && value.to && Date.parse(value.from) >= Date.parse(value.to))
      context.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  });
export const SafeguardingPage = z.object({
  items: z.array(SafeguardingMessage),
  /** The next (older) page's cursor; null on the last page. */
  nextCursor: z.string().nullable(),
  /** Same as `nextCursor !== null` (kept for older clients). */
  hasMore: z.boolean(),
});
export type SafeguardingPage = z.infer<typeof SafeguardingPage>;

export const ChatPolicyUpdateRequest = ChatPolicy.omit({ updatedAt: true }).partial();

export const PresenceQuery = z.object({ userIds: z.array(Id).min(1).max(200) });
export const PresenceList = z.object({ items: z.array(z.object({ userId: Id, status: PresenceStatus, lastSeenAt: z.iso.datetime().nullable() })) });

/** Gateway → chat: socket connections come, go or change between online and idle (service auth `gateway`). */
export const PresenceReportRequest = z.object({
  gatewayId: z.string().min(1).max(100),
  changes: z
    .array(z.object({ connectionId: z.string().min(1).max(100), userId: Id, status: PresenceStatus }))
    .min(1)
    .max(1000),
});
/** Gateway → chat, every few seconds: the connections it still holds (service auth `gateway`). */
export const PresenceHeartbeatRequest = z.object({
  gatewayId: z.string().min(1).max(100),
  connectionIds: z.array(z.string().min(1).max(100)).max(100000),
});

export const UnreadSummaryRequest = z.object({ userId: Id });
export const UnreadSummary = z.object({
  userId: Id,
  totalUnread: z.number().int(),
  conversations: z.array(z.object({ conversationId: Id, kind: ConversationKind, title: z.string(), unread: z.number().int(), lastMessageAt: z.iso.datetime().nullable() })),
});

const Ok = z.object({ ok: z.literal(true) });

/** Every RPC chat answers, `rpc.chat.<action>`. Patterns are persisted contracts: add `<action>V2`, never rename. */
export const chatRpc = {
  conversationsList: defineRpc('chat', 'conversationsList', ConversationsListRequest, ConversationsPage),
  conversationsCreate: defineRpc('chat', 'conversationsCreate', ConversationCreateRequest, ConversationCreated),
  conversationGet: defineRpc('chat', 'conversationGet', ConversationRef, ConversationDetail),
  conversationUpdate: defineRpc('chat', 'conversationUpdate', ConversationUpdateRequest, ConversationDetail),
  conversationSettings: defineRpc('chat', 'conversationSettings', ConversationSettingsRequest, ConversationSummary),
  conversationLeave: defineRpc('chat', 'conversationLeave', ConversationRef, Ok),
  participantsAdd: defineRpc('chat', 'participantsAdd', ParticipantsAddRequest, ConversationDetail),
  participantRemove: defineRpc('chat', 'participantRemove', ParticipantRemoveRequest, ConversationDetail),
  participantRole: defineRpc('chat', 'participantRole', ParticipantRoleRequest, ConversationDetail),
  messagesList: defineRpc('chat', 'messagesList', MessagesListRequest, MessagesPage),
  messagesSend: defineRpc('chat', 'messagesSend', MessageSendRequest, ChatMessage, { batched: true }),
  messagesEdit: defineRpc('chat', 'messagesEdit', MessageEditRequest, ChatMessage),
  messagesDelete: defineRpc('chat', 'messagesDelete', MessageDeleteRequest, MessageDeleted),
  reactionsSet: defineRpc('chat', 'reactionsSet', ReactionRequest, ReactionsChanged),
  messagesRead: defineRpc('chat', 'messagesRead', ReadRequest, ReadState),
  messagesSearch: defineRpc('chat', 'messagesSearch', SearchRequest, SearchResults),
  /** Asked by the gateway before it reads an upload's bytes: FORBIDDEN/NOT_FOUND for who may not post here. */
  attachmentsUploadLimits: defineRpc('chat', 'attachmentsUploadLimits', ConversationRef, AttachmentUploadLimits),
  attachmentsUpload: defineRpc('chat', 'attachmentsUpload', AttachmentUploadRequest, MessageAttachment),
  attachmentGet: defineRpc('chat', 'attachmentGet', AttachmentRef, AttachmentContent),
  /** The image thumbnail made at upload; the same access as attachmentGet. NOT_FOUND when there is none. */
  attachmentThumbnailGet: defineRpc('chat', 'attachmentThumbnailGet', AttachmentRef, AttachmentContent),
  contactsList: defineRpc('chat', 'contactsList', ContactsRequest, ContactsList),
  reportsCreate: defineRpc('chat', 'reportsCreate', ReportCreateRequest, ReportCreated),
  reportsList: defineRpc('chat', 'reportsList', ReportsListRequest, z.object({ items: z.array(ModerationReport) })),
  reportsResolve: defineRpc('chat', 'reportsResolve', ReportResolveRequest, ModerationReport),
  safeguardingMessages: defineRpc('chat', 'safeguardingMessages', SafeguardingRequest, SafeguardingPage),
  policyGet: defineRpc('chat', 'policyGet', z.object({}).strict(), ChatPolicy),
  policyUpdate: defineRpc('chat', 'policyUpdate', ChatPolicyUpdateRequest, ChatPolicy),
  presenceGet: defineRpc('chat', 'presenceGet', PresenceQuery, PresenceList),
  presenceReport: defineRpc('chat', 'presenceReport', PresenceReportRequest, Ok),
  presenceHeartbeat: defineRpc('chat', 'presenceHeartbeat', PresenceHeartbeatRequest, z.object({ unknown: z.array(z.string()) })),
  /** Unread totals of one user, for the parent-portal digest. Service auth only. */
  unreadSummary: defineRpc('chat', 'unreadSummary', UnreadSummaryRequest, UnreadSummary),
  /** Who may join a `conversation:<id>` socket room: its current participants. */
  roomAccess: roomAccessRpc('chat'),
} as const;
