import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConversationDetail } from '../../api/chat.api';
import { getConversation } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { useRealtimeEvent } from '../../realtime/use-realtime-event';
import { useCurrentUser } from '../auth/use-session';

/** One conversation with its participants; read receipts and presence are kept current from the socket. */
export function useConversation(conversationId: string) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const key = queryKeys.chat.conversation(user.id, conversationId);
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => getConversation(conversationId, signal), staleTime: 30_000 });

  const patch = (update: (detail: ConversationDetail) => ConversationDetail) =>
    queryClient.setQueryData<ConversationDetail>(key, (detail) => (detail ? update(detail) : detail));

  useRealtimeEvent('message_read', (event) => {
    if (event.conversationId !== conversationId) return;
    patch((detail) => ({
      ...detail,
      participants: detail.participants.map((participant) =>
        participant.user.id === event.userId && event.seq > participant.lastReadSeq
          ? { ...participant, lastReadSeq: event.seq, lastReadMessageId: event.messageId }
          : participant,
      ),
    }));
  });
  useRealtimeEvent('user_online', (event) =>
    patch((detail) => ({
      ...detail,
      participants: detail.participants.map((participant) => (participant.user.id === event.userId ? { ...participant, presence: event.status } : participant)),
    })),
  );
  useRealtimeEvent('conversation_updated', (event) => {
    if (event.conversationId === conversationId) void queryClient.invalidateQueries({ queryKey: key });
  });
  return query;
}
