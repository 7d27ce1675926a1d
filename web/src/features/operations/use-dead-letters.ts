import { useInfiniteQuery } from '@tanstack/react-query';
import { listDeadLetters } from '../../api/operations.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';
import { isServiceNotRunning } from './operations-view';

export const DEAD_LETTERS_PAGE_SIZE = 25;

export function useDeadLetters(service: string) {
  const user = useCurrentUser();
  return useInfiniteQuery({
    queryKey: queryKeys.operations.deadLetters(user.id, service),
    queryFn: ({ pageParam, signal }) => listDeadLetters({ service, before: pageParam, limit: DEAD_LETTERS_PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // A service that isn't running won't start between retries; other failures get react-query's usual retries.
    retry: (failureCount, error) => !isServiceNotRunning(error) && failureCount < 3,
  });
}
