import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createSessions, type SessionCreate } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useCreateSessions() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SessionCreate) => createSessions(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...queryKeys.attendance.all(user.id), 'sessions'] }),
  });
}
