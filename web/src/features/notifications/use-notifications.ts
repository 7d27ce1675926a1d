import { useInfiniteQuery } from '@tanstack/react-query';
import { listNotifications } from '../../api/notifications.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** The full list, newest first, one cursor page at a time. */
export function useNotifications(unreadOnly: boolean, limit = NOTIFICATIONS_PAGE_SIZE) {
  const user = useCurrentUser();
  return useInfiniteQuery({
    queryKey: queryKeys.notifications.list(user.id, { unreadOnly, limit }),
    queryFn: ({ pageParam, signal }) => listNotifications({ unreadOnly, cursor: pageParam, limit }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
