import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createLiveClasses, type LiveClassCreate } from '../../api/live-classes.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useScheduleLiveClasses() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LiveClassCreate) => createLiveClasses(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.liveClasses.lists(user.id) }),
  });
}
