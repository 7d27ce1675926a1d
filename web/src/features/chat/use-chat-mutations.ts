import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  addParticipants,
  type ConversationCreate,
  type ConversationDetail,
  createConversation,
  deleteMessage,
  editMessage,
  leaveConversation,
  markRead,
  removeParticipant,
  reportMessage,
  resolveReport,
  setReaction,
  updateSettings,
} from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';
import { type HistoryState, mergeMessages, patchMessage } from './chat-logic';

function useChatCache() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return {
    user,
    queryClient,
    refreshInbox: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.chat.inboxes(user.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.chat.unreadTotal(user.id) });
    },
    setHistory: (conversationId: string, change: (state: HistoryState) => HistoryState) =>
      queryClient.setQueryData<HistoryState>(queryKeys.chat.messages(user.id, conversationId), (state) => (state ? change(state) : state)),
    setDetail: (detail: ConversationDetail) => queryClient.setQueryData(queryKeys.chat.conversation(user.id, detail.id), detail),
  };
}

export function useEditMessage() {
  const cache = useChatCache();
  return useMutation({
    mutationFn: ({ messageId, body }: { messageId: string; body: string }) => editMessage(messageId, body),
    onSuccess: (message) => cache.setHistory(message.conversationId, (state) => mergeMessages(state, [message])),
  });
}

export function useDeleteMessage() {
  const cache = useChatCache();
  return useMutation({
    mutationFn: ({ messageId }: { messageId: string; conversationId: string }) => deleteMessage(messageId),
    onSuccess: (_result, { messageId, conversationId }) => {
      cache.setHistory(conversationId, (state) => patchMessage(state, messageId, (message) => ({ ...message, deleted: true, body: '', attachment: null, reactions: [] })));
      cache.refreshInbox();
    },
  });
}

export function useReact() {
  const cache = useChatCache();
  return useMutation({
    mutationFn: ({ messageId, emoji, on }: { messageId: string; emoji: string; on: boolean }) => setReaction(messageId, emoji, on),
    onSuccess: (result) => cache.setHistory(result.conversationId, (state) => patchMessage(state, result.messageId, (message) => ({ ...message, reactions: result.reactions }))),
  });
}

export function useReportMessage() {
  return useMutation({ mutationFn: ({ messageId, reason }: { messageId: string; reason: string }) => reportMessage(messageId, reason) });
}

export function useMarkRead() {
  const cache = useChatCache();
  return useMutation({
    mutationFn: ({ conversationId, messageId }: { conversationId: string; messageId: string }) => markRead(conversationId, messageId),
    onSuccess: () => cache.refreshInbox(),
  });
}

export function useConversationSettings() {
  const cache = useChatCache();
  return useMutation({
    mutationFn: ({ conversationId, ...body }: { conversationId: string; muted?: boolean; archived?: boolean }) => updateSettings(conversationId, body),
    onSuccess: (summary) => {
      cache.queryClient.setQueryData<ConversationDetail>(queryKeys.chat.conversation(cache.user.id, summary.id), (detail) => (detail ? { ...detail, ...summary } : detail));
      cache.refreshInbox();
    },
  });
}

export function useLeaveConversation() {
  const cache = useChatCache();
  return useMutation({ mutationFn: (conversationId: string) => leaveConversation(conversationId), onSuccess: () => cache.refreshInbox() });
}

export function useAddParticipants() {
  const cache = useChatCache();
  return useMutation({
    mutationFn: ({ conversationId, userIds }: { conversationId: string; userIds: string[] }) => addParticipants(conversationId, userIds),
    onSuccess: (detail) => cache.setDetail(detail),
  });
}

export function useRemoveParticipant() {
  const cache = useChatCache();
  return useMutation({
    mutationFn: ({ conversationId, userId }: { conversationId: string; userId: string }) => removeParticipant(conversationId, userId),
    onSuccess: (detail) => cache.setDetail(detail),
  });
}

export function useCreateConversation() {
  const cache = useChatCache();
  return useMutation({
    mutationFn: (body: ConversationCreate) => createConversation(body),
    onSuccess: (detail) => {
      cache.setDetail(detail);
      cache.refreshInbox();
    },
  });
}

export function useResolveReport() {
  const cache = useChatCache();
  return useMutation({
    mutationFn: ({ reportId, action, note }: { reportId: string; action: 'dismiss' | 'remove'; note?: string }) => resolveReport(reportId, action, note),
    onSettled: () => cache.queryClient.invalidateQueries({ queryKey: [...queryKeys.chat.all(cache.user.id), 'reports'] }),
  });
}
