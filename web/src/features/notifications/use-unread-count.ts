import { useQuery } from '@tanstack/react-query';
import { getUnreadCount } from '../../api/notifications.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

/** The bell's count. The socket keeps it current (`notification`, `notifications_read`); this is the source on load and after a reconnect. */
export function useUnreadCount() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.notifications.unreadCount(user.id),
    queryFn: ({ signal }) => getUnreadCount(signal),
    staleTime: 60_000,
  });
}
