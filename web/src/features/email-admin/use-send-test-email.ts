import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendTestEmail } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useSendTestEmail(name: string) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ to, data }: { to: string; data?: Record<string, unknown> }) => sendTestEmail(name, to.trim() || undefined, data),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.email.deliveries(user.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.email.queueStats(user.id) });
    },
  });
}
