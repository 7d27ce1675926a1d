import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cancelSession } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useCancelSession() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, scope, reason }: { sessionId: string; scope: 'this' | 'following'; reason?: string }) =>
      cancelSession(sessionId, scope, reason),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.attendance.all(user.id) }),
  });
}
