import { useQuery } from '@tanstack/react-query';
import { getChildOverview } from '../../../api/parent-portal.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/** The whole child page in one request (each fetch is written to the child's access log). */
export function useChildOverview(studentId: string | undefined) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.parentPortal.overview(user.id, studentId ?? ''),
    queryFn: ({ signal }) => getChildOverview(studentId!, signal),
    enabled: Boolean(studentId),
    // Every fetch is logged for the child: don't refetch just because the tab regained focus.
    refetchOnWindowFocus: false,
    staleTime: 60_000,
  });
}
