import { useInfiniteQuery } from '@tanstack/react-query';
import { listAlerts } from '../../../api/parent-portal.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

const PAGE = 20;

/** The parent's alerts, newest first, a page at a time (cursor: the last `createdAt`). */
export function useAlerts(filter: { studentId?: string; unreadOnly?: boolean }) {
  const user = useCurrentUser();
  return useInfiniteQuery({
    queryKey: queryKeys.parentPortal.alerts(user.id, filter),
    queryFn: ({ signal, pageParam }) => listAlerts({ ...filter, limit: PAGE, before: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
}
