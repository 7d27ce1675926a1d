import { useMutation, useQueryClient } from '@tanstack/react-query';
import { replayDeadLetter } from '../../api/operations.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export interface ReplayTarget {
  service: string;
  deadLetterId: string;
}

export function useReplayDeadLetter() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ service, deadLetterId }: ReplayTarget) => replayDeadLetter(service, deadLetterId),
    // Settled, not just succeeded: a 404 means someone replayed it already, and the list should drop it too.
    onSettled: (_data, _error, { service }) =>
      queryClient.invalidateQueries({ queryKey: queryKeys.operations.deadLetters(user.id, service) }),
  });
}
