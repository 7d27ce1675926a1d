import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type BulkMarkInput, markBulk } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/** One atomic request for the whole grid's edits; the roster is refetched after (pushes may also arrive first). */
export function useBulkMark(sessionId: string) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<BulkMarkInput, 'sessionId'>) => markBulk({ ...body, sessionId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.attendance.session(user.id, sessionId) }),
  });
}
