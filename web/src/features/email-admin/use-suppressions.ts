import { useInfiniteQuery } from '@tanstack/react-query';
import { listSuppressions } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useSuppressions(search: string) {
  const user = useCurrentUser();
  return useInfiniteQuery({
    queryKey: queryKeys.email.suppressions(user.id, search),
    queryFn: ({ pageParam, signal }) => listSuppressions({ search, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
