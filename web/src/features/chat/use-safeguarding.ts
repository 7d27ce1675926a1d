import { useInfiniteQuery } from '@tanstack/react-query';
import { listSafeguarding } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';
import { FIRST_SAFEGUARDING_PAGE, nextSafeguardingPage, type SafeguardingPageParam, type SafeguardingView } from './safeguarding-logic';

/** The admins' safeguarding review, newest first; see nextSafeguardingPage for how it pages. */
export function useSafeguarding(view: SafeguardingView) {
  const user = useCurrentUser();
  const filter = { conversationId: view.conversationId, senderId: view.senderId, onlyDeleted: view.onlyDeleted };
  return useInfiniteQuery({
    queryKey: queryKeys.chat.safeguarding(user.id, filter),
    queryFn: ({ pageParam, signal }) => listSafeguarding({ ...filter, ...pageParam }, signal),
    initialPageParam: FIRST_SAFEGUARDING_PAGE as SafeguardingPageParam,
    getNextPageParam: (lastPage, _pages, lastParam) => nextSafeguardingPage(view, lastPage, lastParam),
    // Across conversations a larger page replaces the smaller one (it holds it).
    maxPages: view.conversationId ? undefined : 1,
  });
}
