import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { type ConversationsFilter, listConversations } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { onResync, realtime } from '../../realtime/realtime';
import { useRealtimeEvent } from '../../realtime/use-realtime-event';
import { useCurrentUser } from '../auth/use-session';

/** The inbox, most recent activity first, with each conversation's unread count and last message. */
export function useInbox(filter: ConversationsFilter) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.chat.inbox(user.id, filter),
    queryFn: ({ signal }) => listConversations({ ...filter, limit: 50 }, signal),
    staleTime: 30_000,
  });
}

/** The nav badge: unread messages over the conversations with any (the server keeps the counters). */
export function useUnreadTotal() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.chat.unreadTotal(user.id),
    queryFn: async ({ signal }) => {
      const page = await listConversations({ unreadOnly: true, limit: 100 }, signal);
      return page.items.filter((item) => !item.muted).reduce((sum, item) => sum + item.unreadCount, 0);
    },
    staleTime: 60_000,
  });
}

/** Most rooms a socket may follow is 50 (the gateway's limit); the open conversation shares its membership. */
const FOLLOWED_ROOMS = 45;

/**
 * Mounted once in the shell (with the nav badge): follows the rooms of the latest conversations so badges and last
 * messages update live anywhere in the app, and refreshes the inbox after a reconnect or a membership change.
 */
export function useChatLive() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const recent = useInbox({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const ids = (recent.data?.items ?? []).slice(0, FOLLOWED_ROOMS).map((item) => item.id).join(',');
  useEffect(() => {
    if (!ids) return;
    const leaves = ids.split(',').map((id) => realtime.joinRoom('conversation', id, () => undefined));
    return () => leaves.forEach((leave) => leave());
  }, [ids]);

  // Bursts of messages refresh the inbox once.
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.chat.inboxes(user.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.chat.unreadTotal(user.id) });
    }, 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => onResync(refresh));
  useRealtimeEvent('new_message', refresh);
  useRealtimeEvent('message_deleted', refresh);
  useRealtimeEvent('message_read', (event) => event.userId === user.id && refresh());
  useRealtimeEvent('conversation_updated', refresh);
}
