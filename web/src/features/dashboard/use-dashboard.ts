import { useQuery } from '@tanstack/react-query';
import { getDashboard } from '../../api/dashboard.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useDashboard(options: { enabled?: boolean } = {}) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.dashboard(user.id),
    queryFn: ({ signal }) => getDashboard(signal),
    enabled: options.enabled ?? true,
  });
}
