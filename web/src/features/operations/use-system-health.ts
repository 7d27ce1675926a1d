import { useQuery } from '@tanstack/react-query';
import { getSystemHealth } from '../../api/operations.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export const HEALTH_REFRESH_MS = 15_000;

/** The full health report, every 15 s while the page is open (react-query pauses it in a hidden tab). */
export function useSystemHealth() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.operations.health(user.id),
    queryFn: ({ signal }) => getSystemHealth(signal),
    refetchInterval: HEALTH_REFRESH_MS,
    // The next poll is at most 15 s away: a failed check shows at once instead of after three silent retries.
    retry: false,
  });
}
