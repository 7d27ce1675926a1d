import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import { listUsers } from '../../api/users.api';
import { useCurrentUser } from '../auth/use-session';

export const USERS_PAGE_SIZE = 25;

export function useUsers(search: string) {
  const user = useCurrentUser();
  return useInfiniteQuery({
    queryKey: queryKeys.adminUsers.search(user.id, search),
    queryFn: ({ pageParam, signal }) => listUsers({ search, cursor: pageParam, limit: USERS_PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Typing a search keeps the last results on screen instead of flashing a skeleton per keystroke.
    placeholderData: keepPreviousData,
  });
}
