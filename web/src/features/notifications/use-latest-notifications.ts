import { useQuery } from '@tanstack/react-query';
import { listNotifications } from '../../api/notifications.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export const LATEST_COUNT = 5;

/** The few newest, for the bell's dropdown (fetched only while it is open). */
export function useLatestNotifications(enabled: boolean) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.notifications.list(user.id, { unreadOnly: false, limit: LATEST_COUNT }),
    queryFn: ({ signal }) => listNotifications({ limit: LATEST_COUNT }, signal),
    enabled,
  });
}
