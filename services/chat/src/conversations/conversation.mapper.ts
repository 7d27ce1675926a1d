import type { ConversationDetail, ConversationSummary, Role } from '@tec/shared';
import type { ParticipantRow, SummaryRow } from './conversations.repository';

export function toSummary(row: SummaryRow): ConversationSummary {
  const counterpart = row.counterpart ? { ...row.counterpart, role: row.counterpart.role as Role } : null;
  return {
    id: row.id,
    kind: row.kind,
    title: row.kind === 'direct' && counterpart ? `${counterpart.firstName} ${counterpart.lastName}` : row.title,
    course: row.course,
    counterpart,
    participantCount: row.participantCount,
    myRole: row.role,
    canPost: row.kind !== 'announcement' || row.role !== 'member',
    muted: row.muted,
    archived: row.archived,
    unreadCount: row.unreadCount,
    lastReadSeq: row.lastReadSeq,
    lastMessage: row.lastMessage
      ? {
          id: row.lastMessage.id,
          seq: row.lastMessage.seq,
          sender: { ...row.lastMessage.sender, role: row.lastMessage.sender.role as Role },
          preview: row.lastMessage.body,
          hasAttachment: row.lastMessage.hasAttachment,
          deleted: row.lastMessage.deleted,
          createdAt: row.lastMessage.createdAt.endsWith('Z') ? row.lastMessage.createdAt : new Date(row.lastMessage.createdAt).toISOString(),
        }
      : null,
    createdAt: row.createdAt,
    activityAt: row.activityAt,
  };
}

export function toDetail(row: SummaryRow, participants: ParticipantRow[]): ConversationDetail {
  return {
    ...toSummary(row),
    participants: participants.map((participant) => ({
      user: { id: participant.userId, firstName: participant.firstName, lastName: participant.lastName, role: participant.userRole as Role },
      role: participant.role,
      joinedAt: participant.joinedAt,
      lastReadSeq: participant.lastReadSeq,
      lastReadMessageId: participant.lastReadMessageId,
      presence: participant.presence,
    })),
  };
}
