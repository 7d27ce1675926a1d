import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type SessionUpdate, updateSession } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useUpdateSession() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, body }: { sessionId: string; body: SessionUpdate }) => updateSession(sessionId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.attendance.all(user.id) }),
  });
}
