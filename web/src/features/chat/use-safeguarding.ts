import { useInfiniteQuery } from '@tanstack/react-query';
import { listSafeguarding } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { useFormat } from '../../i18n/use-format';
import { useCurrentUser } from '../auth/use-session';
import { filterFromView, nextSafeguardingCursor, SAFEGUARDING_PAGE_SIZE, type SafeguardingView } from './safeguarding-logic';

/** The admins' safeguarding review, newest first across every conversation; each older page by the last one's cursor. */
export function useSafeguarding(view: SafeguardingView) {
  const user = useCurrentUser();
  const { timeZone } = useFormat().context;
  const filter = filterFromView(view, timeZone);
  return useInfiniteQuery({
    queryKey: queryKeys.chat.safeguarding(user.id, filter),
    queryFn: ({ pageParam, signal }) => listSafeguarding({ ...filter, cursor: pageParam, limit: SAFEGUARDING_PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextSafeguardingCursor,
  });
}
