import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { NotificationsPage, UnreadCount } from '../../api/notifications.api';
import { queryKeys } from '../../api/query-keys';
import { markRead } from './notification-view';

/**
 * After a read (here, or in another tab: `notifications_read`): set the bell's count, mark the notifications read
 * in every cached list at once (no flicker), then refetch the lists so an unread-only list drops them.
 */
export function markReadInCache(queryClient: QueryClient, userId: string, ids: readonly string[] | 'all', unreadCount: number): void {
  queryClient.setQueryData<UnreadCount>(queryKeys.notifications.unreadCount(userId), { unreadCount });
  const now = new Date().toISOString();
  queryClient.setQueriesData<InfiniteData<NotificationsPage> | NotificationsPage>({ queryKey: queryKeys.notifications.lists(userId) }, (data) => {
    if (!data) return data;
    if ('pages' in data) return { ...data, pages: data.pages.map((page) => ({ ...page, unreadCount, items: markRead(page.items, ids, now) })) };
    return { ...data, unreadCount, items: markRead(data.items, ids, now) };
  });
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists(userId) });
}

/** A new notification arrived: the count comes with it; the lists refetch to show it. */
export function addedInCache(queryClient: QueryClient, userId: string, unreadCount: number | undefined): void {
  if (unreadCount !== undefined) {
    queryClient.setQueryData<UnreadCount>(queryKeys.notifications.unreadCount(userId), { unreadCount });
  } else {
    void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.unreadCount(userId) });
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists(userId) });
}
