import { INLINE_PREVIEW_MIME_TYPES, type AttachmentMimeType, type ChatMessage, type MessageAttachment, type Role, type SafeguardingConversation, type SafeguardingMessage } from '@tec/shared';
import type { MessageRow } from './messages.repository';

export function toAttachment(row: NonNullable<MessageRow['attachment']>): MessageAttachment {
  const mimeType = row.mimeType as AttachmentMimeType;
  return {
    id: row.id,
    fileName: row.fileName,
    mimeType,
    sizeBytes: row.sizeBytes,
    preview: INLINE_PREVIEW_MIME_TYPES.includes(mimeType),
    width: row.width,
    height: row.height,
    thumbnail: row.thumbnailWidth !== null && row.thumbnailHeight !== null ? { width: row.thumbnailWidth, height: row.thumbnailHeight } : null,
  };
}

/** What participants see: a deleted message is a tombstone (no text, no attachment, no reactions). */
export function toMessage(row: MessageRow): ChatMessage {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    sender: { id: row.senderId, firstName: row.senderFirstName, lastName: row.senderLastName, role: row.senderRole as Role },
    body: deleted ? '' : row.body,
    mentions: deleted ? [] : row.mentions,
    attachment: !deleted && row.attachment ? toAttachment(row.attachment) : null,
    reactions: deleted ? [] : (row.reactions ?? []),
    isEdited: row.editedAt !== null,
    editedAt: row.editedAt,
    deleted,
    createdAt: row.createdAt,
    clientId: row.clientId,
  };
}

/** What the admin safeguarding review sees: everything, including a deleted message's text. */
export function toSafeguardingMessage(
  row: MessageRow,
  users: Map<string, { id: string; firstName: string; lastName: string; role: Role }>,
  conversation: SafeguardingConversation,
): SafeguardingMessage {
  return {
    id: row.id,
    seq: row.seq,
    conversation,
    sender: { id: row.senderId, firstName: row.senderFirstName, lastName: row.senderLastName, role: row.senderRole as Role },
    body: row.body,
    attachment: row.attachment ? toAttachment(row.attachment) : null,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    deletedAt: row.deletedAt,
    deletedBy: row.deletedBy ? (users.get(row.deletedBy) ?? null) : null,
    deleteReason: row.deleteReason,
  };
}
