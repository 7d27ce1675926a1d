import { useMutation, useQueryClient } from '@tanstack/react-query';
import { retryDelivery } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useRetryDelivery() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => retryDelivery(deliveryId),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.email.delivery(user.id, detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.email.deliveries(user.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.email.queueStats(user.id) });
    },
  });
}
