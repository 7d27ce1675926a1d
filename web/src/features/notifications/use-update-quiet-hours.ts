import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type QuietHours, updateQuietHours } from '../../api/notifications.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useUpdateQuietHours() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (quietHours: QuietHours) => updateQuietHours(quietHours),
    onSuccess: (view) => queryClient.setQueryData(queryKeys.notifications.preferences(user.id), view),
  });
}
