import { useMutation, useQueryClient } from '@tanstack/react-query';
import { confirmUnsubscribe } from '../../api/notifications.api';
import { queryKeys } from '../../api/query-keys';

export function useConfirmUnsubscribe(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => confirmUnsubscribe(token),
    onSuccess: (landing) => queryClient.setQueryData(queryKeys.unsubscribe(token), landing),
  });
}
