import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cancelLiveClass } from '../../api/live-classes.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useCancelLiveClass(classId: string) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { scope: 'this' | 'following'; reason?: string }) => cancelLiveClass(classId, input.scope, input.reason),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.liveClasses.all(user.id) }),
  });
}
