import { useQuery } from '@tanstack/react-query';
import { getHealth } from '../../api/health.api';
import { queryKeys } from '../../api/query-keys';

export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health(),
    queryFn: ({ signal }) => getHealth(signal),
    refetchInterval: 60_000,
    // A degraded gateway answers 503 with the report; showing it beats retrying it.
    retry: false,
  });
}
