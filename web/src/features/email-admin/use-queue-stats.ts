import { useQuery } from '@tanstack/react-query';
import { getQueueStats } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export const QUEUE_STATS_REFRESH_MS = 15_000;

export function useQueueStats() {
  const user = useCurrentUser();
  return useQuery({ queryKey: queryKeys.email.queueStats(user.id), queryFn: ({ signal }) => getQueueStats(signal), refetchInterval: QUEUE_STATS_REFRESH_MS });
}
