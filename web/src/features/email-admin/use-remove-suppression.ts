import { useMutation, useQueryClient } from '@tanstack/react-query';
import { removeSuppression } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useRemoveSuppression() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => removeSuppression(email),
    // Settled: a 404 means someone removed it already, and the list should drop it too.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.email.suppressionsAll(user.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.email.deadContacts(user.id) });
    },
  });
}
