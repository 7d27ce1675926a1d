import { useInfiniteQuery } from '@tanstack/react-query';
import { type EmailStatus, listDeliveries } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export const DELIVERIES_PAGE_SIZE = 25;

export function useDeliveries(search: string, status: EmailStatus | '') {
  const user = useCurrentUser();
  return useInfiniteQuery({
    queryKey: queryKeys.email.deliveryList(user.id, { search, status }),
    queryFn: ({ pageParam, signal }) => listDeliveries({ search, status, cursor: pageParam, limit: DELIVERIES_PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
