import { useQuery } from '@tanstack/react-query';
import { getAnalytics } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export const ANALYTICS_DAYS = 30;

export function useEmailAnalytics(days = ANALYTICS_DAYS) {
  const user = useCurrentUser();
  return useQuery({ queryKey: queryKeys.email.analytics(user.id, days), queryFn: ({ signal }) => getAnalytics(days, signal), refetchInterval: 60_000 });
}
