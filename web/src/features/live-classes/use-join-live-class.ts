import { useMutation, useQueryClient } from '@tanstack/react-query';
import { joinLiveClass } from '../../api/live-classes.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

/** Asks for the caller's personal link (each click is recorded) and refreshes the seat count. */
export function useJoinLiveClass() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (classId: string) => joinLiveClass(classId),
    onSuccess: (_link, classId) => queryClient.invalidateQueries({ queryKey: queryKeys.liveClasses.detail(user.id, classId) }),
  });
}
