import { useQuery } from '@tanstack/react-query';
import { getSession } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/** One session with its counts; `pollMs` refetches it (its phase moves with the clock: upcoming → open → closed). */
export function useClassSession(sessionId: string, options: { pollMs?: number } = {}) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.session(user.id, sessionId),
    queryFn: ({ signal }) => getSession(sessionId, signal),
    refetchInterval: options.pollMs,
    refetchIntervalInBackground: Boolean(options.pollMs),
  });
}
