import { useQuery } from '@tanstack/react-query';
import { getDelivery } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

/** One email and its timeline; polled while it is still on its way. */
export function useDelivery(deliveryId: string) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.email.delivery(user.id, deliveryId),
    queryFn: ({ signal }) => getDelivery(deliveryId, signal),
    refetchInterval: (query) => (['pending', 'sending', 'deferred'].includes(query.state.data?.status ?? '') ? 3_000 : false),
  });
}
