import { useQuery } from '@tanstack/react-query';
import { getRoster } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/** The grid's server state; live pushes edit this cache (see use-session-live). */
export function useRoster(sessionId: string) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.roster(user.id, sessionId),
    queryFn: ({ signal }) => getRoster(sessionId, signal),
  });
}
