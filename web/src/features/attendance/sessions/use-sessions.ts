import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listSessions } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/** Sessions starting in [from, to) (ISO instants), optionally for one course. Keeps the last page while paging. */
export function useSessions(filter: { courseId?: string; from: string; to: string }) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.sessions(user.id, filter),
    queryFn: ({ signal }) => listSessions({ ...filter, includeCancelled: true, limit: 500 }, signal),
    select: (list) => list.items,
    placeholderData: keepPreviousData,
  });
}
