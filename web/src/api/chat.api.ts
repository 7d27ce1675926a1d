// Chat (gateway tag `chat`): conversations, history, messages, attachments, reactions, search, contacts, reports.
// Types only from the contracts: the schemas stay out of the bundle.
import type {
  ChatMessage,
  ChatPolicy,
  ChatPolicyUpdateRequest,
  ConversationCreateRequest,
  ConversationDetail,
  ConversationKind,
  ConversationSummary,
  ContactsList,
  MessageAttachment,
  ModerationReport,
  ParticipantRole,
  ReactionSummary,
  SafeguardingConversation,
  SafeguardingMessage,
  SafeguardingPage,
  SearchResults,
} from '@tec/shared/contracts';
import type { z } from 'zod';
import { API_PREFIX, CORRELATION_HEADER, newCorrelationId, request } from './client';
import { networkError, toApiError } from './api-error';
import { getAccessToken, refreshSession } from './session-store';

export type ConversationCreate = z.input<typeof ConversationCreateRequest>;
export type Contact = z.infer<typeof ContactsList>['items'][number];
export type SearchHit = z.infer<typeof SearchResults>['items'][number];
export type { ChatMessage, ConversationDetail, ConversationSummary, MessageAttachment, ModerationReport, ReactionSummary };
export type { ChatPolicy, SafeguardingConversation, SafeguardingMessage, SafeguardingPage };
// Plain constants (no schema): the policy editor offers these types and caps the size like the server.
export { ATTACHMENT_HARD_MAX_BYTES, ATTACHMENT_MIME_TYPES } from '@tec/shared/contracts';
export type ChatPolicyUpdate = z.input<typeof ChatPolicyUpdateRequest>;

/** The admin safeguarding review's filters (they combine); `cursor` is the previous page's `nextCursor`. */
export interface SafeguardingFilter {
  conversationId?: string;
  senderId?: string;
  courseId?: string;
  /** Instants (ISO): sent at or after `from`, before `to`. */
  from?: string;
  to?: string;
  onlyDeleted: boolean;
  cursor?: string;
  limit?: number;
}

export interface ConversationsFilter {
  kind?: ConversationKind;
  courseId?: string;
  archived?: boolean;
  unreadOnly?: boolean;
}

export interface ConversationsPage {
  items: ConversationSummary[];
  nextCursor: string | null;
}

export interface MessagesPage {
  items: ChatMessage[];
  hasMore: boolean;
}

export interface SendInput {
  body: string;
  clientId: string;
  mentions?: string[];
  attachmentId?: string;
}

const path = encodeURIComponent;
const base = '/messages/conversations';

export function listConversations(filter: ConversationsFilter & { cursor?: string; limit?: number }, signal?: AbortSignal): Promise<ConversationsPage> {
  return request(base, { signal, query: { ...filter } });
}
export function getConversation(conversationId: string, signal?: AbortSignal): Promise<ConversationDetail> {
  return request(`${base}/${path(conversationId)}`, { signal });
}
export function createConversation(body: ConversationCreate): Promise<ConversationDetail & { created: boolean }> {
  return request(base, { method: 'POST', body });
}
export function updateSettings(conversationId: string, body: { muted?: boolean; archived?: boolean }): Promise<ConversationSummary> {
  return request(`${base}/${path(conversationId)}/settings`, { method: 'PUT', body });
}
export function leaveConversation(conversationId: string): Promise<{ ok: true }> {
  return request(`${base}/${path(conversationId)}/leave`, { method: 'POST' });
}
export function addParticipants(conversationId: string, userIds: string[]): Promise<ConversationDetail> {
  return request(`${base}/${path(conversationId)}/participants`, { method: 'POST', body: { userIds } });
}
export function removeParticipant(conversationId: string, userId: string): Promise<ConversationDetail> {
  return request(`${base}/${path(conversationId)}/participants/${path(userId)}`, { method: 'DELETE' });
}
export function setParticipantRole(conversationId: string, userId: string, role: ParticipantRole): Promise<ConversationDetail> {
  return request(`${base}/${path(conversationId)}/participants/${path(userId)}/role`, { method: 'PUT', body: { role } });
}

/** Oldest first. No cursor: the latest page; `before`: older (scrolling up); `after`: newer (catch-up after a drop). */
export function listMessages(conversationId: string, cursor: { before?: string; after?: string; limit?: number }, signal?: AbortSignal): Promise<MessagesPage> {
  return request(`${base}/${path(conversationId)}/messages`, { signal, query: { ...cursor } });
}
export function sendMessage(conversationId: string, body: SendInput): Promise<ChatMessage> {
  return request(`${base}/${path(conversationId)}/messages`, { method: 'POST', body });
}
export function markRead(conversationId: string, messageId: string): Promise<{ conversationId: string; lastReadSeq: number; lastReadMessageId: string | null; unreadCount: number }> {
  return request(`${base}/${path(conversationId)}/read`, { method: 'POST', body: { messageId } });
}
export function editMessage(messageId: string, body: string): Promise<ChatMessage> {
  return request(`/messages/${path(messageId)}`, { method: 'PATCH', body: { body } });
}
export function deleteMessage(messageId: string, reason?: string): Promise<{ id: string; conversationId: string; deleted: true }> {
  return request(`/messages/${path(messageId)}`, { method: 'DELETE', body: reason ? { reason } : undefined });
}
export function setReaction(messageId: string, emoji: string, on: boolean): Promise<{ messageId: string; conversationId: string; reactions: ReactionSummary[] }> {
  return request(`/messages/${path(messageId)}/reactions`, { method: 'PUT', body: { emoji, on } });
}
export function reportMessage(messageId: string, reason: string): Promise<{ id: string; status: string }> {
  return request(`/messages/${path(messageId)}/report`, { method: 'POST', body: { reason } });
}
export function searchMessages(q: string, signal?: AbortSignal): Promise<{ items: SearchHit[] }> {
  return request('/messages/search', { signal, query: { q, limit: 20 } });
}
export function listContacts(q: string, signal?: AbortSignal): Promise<{ items: Contact[] }> {
  return request('/messages/contacts', { signal, query: { q: q || undefined, limit: 100 } });
}
export function listReports(status: 'open' | 'dismissed' | 'removed' | undefined, signal?: AbortSignal): Promise<{ items: ModerationReport[] }> {
  return request('/messages/moderation/reports', { signal, query: { status } });
}
export function resolveReport(reportId: string, action: 'dismiss' | 'remove', note?: string): Promise<ModerationReport> {
  return request(`/messages/moderation/reports/${path(reportId)}/resolve`, { method: 'POST', body: { action, note: note || undefined } });
}
/** Admins: messages with their full text, deleted ones included (who deleted them and why), newest first. */
export function listSafeguarding(filter: SafeguardingFilter, signal?: AbortSignal): Promise<SafeguardingPage> {
  return request('/messages/moderation/safeguarding', { signal, query: { ...filter } });
}
export function getChatPolicy(signal?: AbortSignal): Promise<ChatPolicy> {
  return request('/messages/policy', { signal });
}
/** Admins: only the fields sent change. */
export function updateChatPolicy(body: ChatPolicyUpdate): Promise<ChatPolicy> {
  return request('/messages/policy', { method: 'PUT', body });
}
export function downloadAttachment(attachmentId: string, inline: boolean, signal?: AbortSignal): Promise<Blob> {
  return request(`/messages/attachments/${path(attachmentId)}`, { signal, query: { inline: inline ? '1' : undefined }, responseType: 'blob' });
}
/** An image attachment's thumbnail (WebP, at most 320 px), for the inline preview; see `MessageAttachment.thumbnail`. */
export function downloadAttachmentThumbnail(attachmentId: string, signal?: AbortSignal): Promise<Blob> {
  return request(`/messages/attachments/${path(attachmentId)}/thumbnail`, { signal, responseType: 'blob' });
}

/**
 * Uploads a file as multipart/form-data (a part named "file"; the gateway streams it, so phone photos and large PDFs
 * go up as they are) with XMLHttpRequest, the one browser API that reports upload progress; `onProgress` gets 0…1.
 * Same error shape as `request()`; refreshes an expired token once.
 */
export async function uploadAttachment(
  conversationId: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<MessageAttachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  const attempt = () =>
    new Promise<MessageAttachment>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const correlationId = newCorrelationId();
      xhr.open('POST', `${API_PREFIX}${base}/${path(conversationId)}/attachments`);
      // No Content-Type: the browser sets multipart/form-data with its boundary.
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader(CORRELATION_HEADER, correlationId);
      const token = getAccessToken();
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
      xhr.onerror = () => reject(networkError(correlationId, new Error('upload failed')));
      xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
      xhr.onload = () => {
        let payload: unknown = xhr.responseText;
        try {
          payload = JSON.parse(xhr.responseText);
        } catch {
          // not JSON: keep the text
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(payload as MessageAttachment);
        else reject(toApiError(xhr.status, payload, xhr.getResponseHeader(CORRELATION_HEADER) ?? correlationId));
      };
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(body);
    });
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'TOKEN_EXPIRED') {
      await refreshSession();
      return attempt();
    }
    throw error;
  }
}
