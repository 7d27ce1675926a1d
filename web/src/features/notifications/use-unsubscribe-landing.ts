import { useQuery } from '@tanstack/react-query';
import { getUnsubscribe } from '../../api/notifications.api';
import { queryKeys } from '../../api/query-keys';

/** What the email's signed link stands for; public (works signed out). */
export function useUnsubscribeLanding(token: string) {
  return useQuery({
    queryKey: queryKeys.unsubscribe(token),
    queryFn: ({ signal }) => getUnsubscribe(token, signal),
    enabled: token.length > 0,
    retry: false,
  });
}
